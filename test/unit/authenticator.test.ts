import { GraphQLError } from 'graphql';
import { Authenticator } from '../../src/access/authenticator';
import { unauthenticated } from '../../src/access/guard';
import { authorize } from '../../src/access/authorization';
import { Department, Role } from '../../src/access/roles';
import { signToken } from '../../src/access/tokens';
import { loadConfig } from '../../src/config';

// The Authorization header → Caller seam (src/access/authenticator.ts) with HS256 tokens; the
// identity-provider half is in jwks.test.ts, the whole hub under a shifted clock in hub-authentication.test.ts.

const SECRET = 'authenticator-test-secret-0123456789-abcdef';
const OTHER_SECRET = 'another-secret-another-secret-another-0000';
const NOW = new Date('2026-03-02T01:00:00Z');

const config = (env: Record<string, string> = {}) => loadConfig({ HUB_JWT_SECRET: SECRET, ...env });
const token = (options: { ttlSeconds?: number; at?: Date; secret?: string; department?: Department | null } = {}) =>
  signToken(
    { sub: 'clerk-104', role: options.department ? Role.DEPARTMENT : Role.CLERK, region: '370783104', department: options.department ?? null, ttlSeconds: options.ttlSeconds ?? 600 },
    options.secret ?? SECRET,
    options.at ?? NOW,
  );

/** The UNAUTHENTICATED error a promise was refused with. */
async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return error as GraphQLError;
}

describe('Authenticator.authenticate', () => {
  const auth = new Authenticator(config(), SECRET, { realNow: () => NOW });

  it.each([[undefined], ['']])('answers null (anonymous) without an Authorization header (%j)', async (header) => {
    await expect(auth.authenticate(header)).resolves.toBeNull();
  });

  it('answers the caller of a valid bearer token, whatever the case of "Bearer"', async () => {
    const t = await token({ department: Department.MEDICAL });
    const caller = { sub: 'clerk-104', role: 'DEPARTMENT', region: '370783104', department: 'MEDICAL' };
    await expect(auth.authenticate(`Bearer ${t}`)).resolves.toEqual(caller);
    await expect(auth.authenticate(`bearer  ${t}`)).resolves.toEqual(caller);
  });

  it.each([
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['"Bearer" alone', () => 'Bearer'],
    ['two words after Bearer', async () => `Bearer ${await token()} extra`],
    ['a token without the scheme', () => token()],
    ['not a JWT', () => 'Bearer not-a-jwt'],
    ['a JWT whose header is not JSON', () => 'Bearer bm90IGpzb24.e30.c2ln'],
    ['a token signed with another secret', async () => `Bearer ${await token({ secret: OTHER_SECRET })}`],
    ['a DEPARTMENT token without a department', async () => `Bearer ${await signToken({ sub: 'd', role: Role.DEPARTMENT, region: '37', ttlSeconds: 600 }, SECRET, NOW)}`],
    ['an expired token signed with another secret', async () => `Bearer ${await token({ secret: OTHER_SECRET, at: new Date(NOW.getTime() - 86_400_000) })}`],
  ])('refuses %s as INVALID', async (_label, header) => {
    const error = await refusal(auth.authenticate(await header()));
    expect(error.extensions.reason).toBe('INVALID');
    expect(error.extensions.http).toEqual({ status: 401 });
  });

  it('refuses a genuine token past its exp (beyond the tolerance) as EXPIRED', async () => {
    const t = await token({ at: new Date(NOW.getTime() - 631_000), ttlSeconds: 600 }); // expired 31 s ago
    expect((await refusal(auth.authenticate(`Bearer ${t}`))).extensions.reason).toBe('EXPIRED');
    const justNow = await token({ at: new Date(NOW.getTime() - 629_000), ttlSeconds: 600 }); // 29 s ago: tolerated
    await expect(auth.authenticate(`Bearer ${justNow}`)).resolves.toMatchObject({ sub: 'clerk-104' });
  });

  it('judges exp by the real-time source it is given, and by the system clock by default', async () => {
    const fresh = await token({ at: new Date(), ttlSeconds: 600 });
    await expect(new Authenticator(config(), SECRET).authenticate(`Bearer ${fresh}`)).resolves.toMatchObject({ sub: 'clerk-104' });
    const inAnHour = new Authenticator(config(), SECRET, { realNow: () => new Date(Date.now() + 3_600_000) });
    expect((await refusal(inAnHour.authenticate(`Bearer ${fresh}`))).extensions.reason).toBe('EXPIRED');
  });

  it('takes the clock tolerance from HUB_JWT_CLOCK_TOLERANCE_SECONDS', async () => {
    const strict = new Authenticator(config({ HUB_JWT_CLOCK_TOLERANCE_SECONDS: '0' }), SECRET, { realNow: () => NOW });
    const t = await token({ at: new Date(NOW.getTime() - 601_000), ttlSeconds: 600 });
    expect((await refusal(strict.authenticate(`Bearer ${t}`))).extensions.reason).toBe('EXPIRED');
    await expect(auth.authenticate(`Bearer ${t}`)).resolves.toMatchObject({ sub: 'clerk-104' });
  });
});

describe('the HS256 secret', () => {
  it('is HUB_JWT_SECRET when set, else the secret the hub resolved (development secrets file)', async () => {
    const fromFile = new Authenticator(loadConfig({}), OTHER_SECRET, { realNow: () => NOW });
    await expect(fromFile.authenticate(`Bearer ${await token({ secret: OTHER_SECRET })}`)).resolves.toMatchObject({ sub: 'clerk-104' });
    const explicit = new Authenticator(config(), OTHER_SECRET, { realNow: () => NOW });
    await expect(explicit.authenticate(`Bearer ${await token()}`)).resolves.toMatchObject({ sub: 'clerk-104' });
    await refusal(explicit.authenticate(`Bearer ${await token({ secret: OTHER_SECRET })}`));
  });

  it('must exist when there is no identity provider', () => {
    expect(() => new Authenticator(loadConfig({}), null)).toThrow(/HUB_JWKS_URL/);
  });
});

describe('UNAUTHENTICATED messages', () => {
  it.each([
    ['NO_TOKEN', 'zh-CN', '未登录：请在请求头中携带 Authorization: Bearer <令牌>。'],
    ['NO_TOKEN', 'en', 'Not signed in: send Authorization: Bearer <token>.'],
    ['EXPIRED', 'zh-CN', '登录已过期，请重新获取令牌。'],
    ['EXPIRED', 'en', 'The token has expired: get a new one.'],
    ['INVALID', 'zh-CN', '令牌无效，请重新获取令牌。'],
    ['INVALID', 'en', 'The token is not valid: get a new one.'],
  ] as const)('%s in %s', (reason, lang, message) => {
    const error = unauthenticated(reason, lang);
    expect(error.message).toBe(message);
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason, http: { status: 401 } });
  });

  it('default to NO_TOKEN in Chinese, which is what the access check throws for no caller', () => {
    expect(unauthenticated().extensions.reason).toBe('NO_TOKEN');
    expect(unauthenticated().message).toMatch(/^未登录/);
    let thrown: unknown;
    try {
      authorize(null, []);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as GraphQLError).extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'NO_TOKEN' });
    expect((thrown as GraphQLError).message).toBe(unauthenticated('NO_TOKEN', 'zh-CN').message);
  });

  it('come in the language asked of authenticate, and say nothing about the token', async () => {
    const auth = new Authenticator(config(), SECRET, { realNow: () => NOW });
    const forged = await token({ secret: OTHER_SECRET });
    const en = await refusal(auth.authenticate(`Bearer ${forged}`, 'en'));
    const zh = await refusal(auth.authenticate(`Bearer ${forged}`));
    expect([en.message, zh.message]).toEqual(['The token is not valid: get a new one.', '令牌无效，请重新获取令牌。']);
    for (const text of [JSON.stringify(en.extensions), en.message, zh.message]) {
      expect(text).not.toMatch(/ERR_|signature|clerk-104|370783|HS256/i);
    }
  });
});
