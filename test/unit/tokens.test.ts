import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { Department, Role } from '../../src/access/roles';
import { hs256Key, InvalidTokenError, signToken, TokenProblem, verifyJwt, verifyToken } from '../../src/access/tokens';

// Bearer tokens (DESIGN.md "Access"): claims sub / role / region / department / exp. HS256 here;
// identity-provider tokens (RS256/ES256 against a JWKS) in jwks.test.ts, the header and the
// request's language in authenticator.test.ts.

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const NOW = new Date('2026-03-02T01:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const at = (secondsLater: number) => new Date(NOW.getTime() + secondsLater * 1000);
const key = (secret = SECRET) => new TextEncoder().encode(secret);

/** A token with exactly the given claims (sub and exp default to valid values). */
function rawToken(claims: Record<string, unknown>, options: { alg?: string; secret?: string; sub?: string | null; exp?: number | null } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt(nowSeconds);
  if (options.sub !== null) jwt.setSubject(options.sub ?? 'someone');
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? nowSeconds + 600);
  return jwt.sign(key(options.secret));
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Hand-built compact JWS, for headers jose refuses to produce. */
function handMade(header: Record<string, unknown>, payload: Record<string, unknown>, signature: (input: string) => string) {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${signature(input)}`;
}

const validPayload = { sub: 'clerk-1', role: 'CLERK', region: '370783', iat: nowSeconds, exp: nowSeconds + 600 };

/** Awaits a refusal; every refusal but a genuine token's expiry says INVALID. */
async function refusal(promise: Promise<unknown>, reason: TokenProblem = 'INVALID'): Promise<InvalidTokenError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  expect((error as InvalidTokenError).reason).toBe(reason);
  return error as InvalidTokenError;
}

describe('signToken / verifyToken round trip', () => {
  it.each([
    [Role.CLERK, '370783104', null],
    [Role.DASHBOARD, '3707', null],
    [Role.ADMIN, '', null],
    [Role.DEPARTMENT, '370783', Department.MEDICAL],
    [Role.DEPARTMENT, '37', Department.CIVIL_AFFAIRS],
  ])('%s in region "%s" comes back as the same caller', async (role, region, department) => {
    const token = await signToken({ sub: `${role}-sub`, role, region, department, ttlSeconds: 600 }, SECRET, NOW);
    expect(token.split('.')).toHaveLength(3);
    await expect(verifyToken(token, SECRET, at(599))).resolves.toEqual({ sub: `${role}-sub`, role, region, department });
  });

  it('signs with HS256 and writes sub, role, region, iat and exp', async () => {
    const token = await signToken({ sub: 'medical-sys', role: Role.DEPARTMENT, region: '370783', department: Department.MEDICAL, ttlSeconds: 3600 }, SECRET, NOW);
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ alg: 'HS256' });
    expect(payload).toEqual({ sub: 'medical-sys', role: 'DEPARTMENT', region: '370783', department: 'MEDICAL', iat: nowSeconds, exp: nowSeconds + 3600 });
  });

  it('verifies with a key derived once as with the secret itself', async () => {
    const derived = hs256Key(SECRET);
    const token = await signToken({ sub: 'k', role: Role.CLERK, region: '370783', ttlSeconds: 600 }, derived, NOW);
    await expect(verifyToken(token, derived, NOW)).resolves.toMatchObject({ sub: 'k' });
    await expect(verifyToken(token, SECRET, NOW)).resolves.toMatchObject({ sub: 'k' });
    await refusal(verifyToken(token, hs256Key('another-secret-another-secret-another'), NOW));
  });

  it('drops a department given to a non-DEPARTMENT role when verifying', async () => {
    const token = await rawToken({ role: 'CLERK', region: '370783', department: 'MEDICAL' });
    expect((await verifyToken(token, SECRET, NOW)).department).toBeNull();
  });
});

describe('verifyToken refuses', () => {
  it('an expired token, from the second exp is reached', async () => {
    const token = await signToken({ sub: 's', role: Role.CLERK, region: '370783', ttlSeconds: 60 }, SECRET, NOW);
    await expect(verifyToken(token, SECRET, at(59))).resolves.toMatchObject({ role: 'CLERK' });
    expect((await refusal(verifyToken(token, SECRET, at(60)), 'EXPIRED')).message).toBe('ERR_JWT_EXPIRED');
    await refusal(verifyToken(token, SECRET, at(86_400)), 'EXPIRED');
  });

  it('an expired token signed with another secret as INVALID, not EXPIRED (only a genuine token is told it expired)', async () => {
    const token = await signToken({ sub: 's', role: Role.CLERK, region: '370783', ttlSeconds: 60 }, 'another-secret-another-secret-another', NOW);
    await refusal(verifyToken(token, SECRET, at(3600)), 'INVALID');
  });

  it('an expired token only beyond the clock tolerance', async () => {
    const token = await signToken({ sub: 's', role: Role.CLERK, region: '370783', ttlSeconds: 60 }, SECRET, NOW);
    const options = { algorithms: ['HS256'], clockToleranceSeconds: 30 };
    await expect(verifyJwt(token, hs256Key(SECRET), { ...options, now: at(89) })).resolves.toMatchObject({ sub: 's' });
    await refusal(verifyJwt(token, hs256Key(SECRET), { ...options, now: at(90) }), 'EXPIRED');
  });

  it('a token not yet valid (nbf in the future)', async () => {
    const token = await new SignJWT({ role: 'CLERK', region: '370783' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s')
      .setNotBefore(nowSeconds + 300)
      .setExpirationTime(nowSeconds + 600)
      .sign(key());
    await refusal(verifyToken(token, SECRET, NOW));
  });

  it('a token signed with another secret', async () => {
    const token = await signToken({ sub: 's', role: Role.ADMIN, region: '', ttlSeconds: 600 }, 'another-secret-another-secret-another', NOW);
    expect((await refusal(verifyToken(token, SECRET, NOW))).message).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('a token whose payload was changed after signing', async () => {
    const token = await signToken({ sub: 's', role: Role.DASHBOARD, region: '370783', ttlSeconds: 600 }, SECRET, NOW);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64url({ ...validPayload, role: 'ADMIN', region: '' })}.${signature}`;
    await refusal(verifyToken(forged, SECRET, NOW));
  });

  it('alg "none" (unsigned) tokens', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...validPayload, role: 'ADMIN' })}.`;
    await refusal(verifyToken(unsigned, SECRET, NOW));
    const noneWithSignature = handMade({ alg: 'none' }, validPayload, (input) => createHmac('sha256', SECRET).update(input).digest('base64url'));
    await refusal(verifyToken(noneWithSignature, SECRET, NOW));
  });

  it.each(['HS384', 'HS512'])('a token signed with %s, even with the right secret', async (alg) => {
    const token = await rawToken({ role: 'ADMIN', region: '' }, { alg });
    expect((await refusal(verifyToken(token, SECRET, NOW))).message).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('a header that claims HS256 over an HS512 signature', async () => {
    const token = handMade({ alg: 'HS256' }, validPayload, (input) => createHmac('sha512', SECRET).update(input).digest('base64url'));
    await refusal(verifyToken(token, SECRET, NOW));
    // The same, signed correctly, passes: the refusal above is about the signature, not the payload.
    const good = handMade({ alg: 'HS256' }, validPayload, (input) => createHmac('sha256', SECRET).update(input).digest('base64url'));
    await expect(verifyToken(good, SECRET, NOW)).resolves.toMatchObject({ sub: 'clerk-1', role: 'CLERK', region: '370783' });
  });

  it.each([
    ['not a JWT at all', 'hello'],
    ['two parts', 'abc.def'],
    ['garbage parts', 'a.b.c'],
    ['empty', ''],
  ])('a malformed token (%s)', async (_label, token) => {
    await refusal(verifyToken(token, SECRET, NOW));
  });

  it('a token without exp, and one without sub', async () => {
    await refusal(verifyToken(await rawToken({ role: 'CLERK', region: '370783' }, { exp: null }), SECRET, NOW));
    await refusal(verifyToken(await rawToken({ role: 'CLERK', region: '370783' }, { sub: null }), SECRET, NOW));
  });

  it.each([
    ['missing', {}],
    ['unknown', { role: 'SUPERUSER' }],
    ['lower case', { role: 'clerk' }],
    ['not a string', { role: 1 }],
    ['an array', { role: ['ADMIN'] }],
  ])('a role claim that is %s', async (_label, claims) => {
    const error = await refusal(verifyToken(await rawToken({ region: '370783', ...claims }), SECRET, NOW));
    expect(error.message).toBe('bad role claim');
  });

  it.each([
    ['3 digits', '370'],
    ['5 digits', '37078'],
    ['7 digits', '3707831'],
    ['letters', '37ab'],
    ['a LIKE wildcard', '37%'],
    ['a number', 370783],
    ['a list', ['370783']],
  ])('a region claim of %s', async (_label, region) => {
    const error = await refusal(verifyToken(await rawToken({ role: 'CLERK', region }), SECRET, NOW));
    expect(error.message).toBe('bad region claim');
  });

  it.each([
    ['missing', {}],
    ['unknown', { department: 'POLICE' }],
    ['lower case', { department: 'medical' }],
    ['not a string', { department: 7 }],
  ])('a DEPARTMENT token whose department claim is %s', async (_label, claims) => {
    const error = await refusal(verifyToken(await rawToken({ role: 'DEPARTMENT', region: '370783', ...claims }), SECRET, NOW));
    expect(error.message).toBe('bad department claim');
  });

  it('a DEPARTMENT token signed without a department', async () => {
    const token = await signToken({ sub: 'dept', role: Role.DEPARTMENT, region: '370783', ttlSeconds: 600 }, SECRET, NOW);
    expect((await refusal(verifyToken(token, SECRET, NOW))).message).toBe('bad department claim');
  });
});

describe('verifyToken refuses claims that only look valid', () => {
  it.each([
    ['a role named like an object property', { role: 'constructor', region: '370783' }, 'bad role claim'],
    ['a department named like an object property', { role: 'DEPARTMENT', region: '370783', department: 'toString' }, 'bad department claim'],
    ['a missing region (it must not mean nationwide)', { role: 'CLERK' }, 'bad region claim'],
    ['a null region', { role: 'CLERK', region: null }, 'bad region claim'],
  ])('%s', async (_label, claims, message) => {
    const error = await refusal(verifyToken(await rawToken(claims), SECRET, NOW));
    expect(error.message).toBe(message);
  });

  it.each([[123], [{}], ['']])('a sub of %j', async (sub) => {
    const token = handMade({ alg: 'HS256', typ: 'JWT' }, { ...validPayload, sub }, (input) =>
      createHmac('sha256', SECRET).update(input).digest('base64url'),
    );
    expect((await refusal(verifyToken(token, SECRET, NOW))).message).toBe('bad sub claim');
  });
});
