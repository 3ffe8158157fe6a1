import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { GraphQLError } from 'graphql';
import { Authenticator, AuthenticatorOptions, KeySetUnavailableError } from '../../src/access/authenticator';
import { InvalidTokenError, signToken } from '../../src/access/tokens';
import { Role } from '../../src/access/roles';
import { loadConfig } from '../../src/config';

// Tokens from an identity provider (docs/identity-provider.md): RS256/ES256 verified against the
// JSON Web Key Set at HUB_JWKS_URL, served here by a small HTTP server the test starts itself.

const ISSUER = 'https://idp.example.gov.cn/realms/hub';
const AUDIENCE = 'assistance-hub';
const SECRET = 'jwks-test-secret-jwks-test-secret-0123456789';
const NOW = new Date('2026-03-02T01:00:00Z'); // real time as the authenticator sees it
const nowSeconds = Math.floor(NOW.getTime() / 1000);

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256' | 'RS512';
  privateKey: KeyLike;
  publicKey: KeyLike;
  jwk: JWK;
}

async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** An identity provider's key-set endpoint: serves `published` (or `status`), counts requests. */
class KeySetServer {
  published: JWK[] = [];
  status = 200;
  requests = 0;
  url = '';
  private server: Server | null = null;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests++;
      res.writeHead(this.status, { 'content-type': 'application/json' });
      res.end(this.status === 200 ? JSON.stringify({ keys: this.published }) : '{"error":"unavailable"}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/realms/hub/protocol/openid-connect/certs`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server!.close((error) => (error ? reject(error) : resolve())));
  }
}

interface TokenOptions {
  kid?: string | null;
  iss?: string | null;
  aud?: string | null;
  sub?: string;
  exp?: number;
  nbf?: number;
}

function idpToken(key: SigningKey, claims: Record<string, unknown> = { role: 'CLERK', region: '370783104' }, options: TokenOptions = {}) {
  const header = options.kid === null ? { alg: key.alg, typ: 'JWT' } : { alg: key.alg, typ: 'JWT', kid: options.kid ?? key.kid };
  const jwt = new SignJWT(claims).setProtectedHeader(header).setSubject(options.sub ?? 'u-7f3a').setIssuedAt(nowSeconds);
  jwt.setExpirationTime(options.exp ?? nowSeconds + 300);
  if (options.iss !== null) jwt.setIssuer(options.iss ?? ISSUER);
  if (options.aud !== null) jwt.setAudience(options.aud ?? AUDIENCE);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(key.privateKey);
}

/** What authenticate() refused with: the reason, or the error itself when it was not UNAUTHENTICATED. */
async function refusalOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return String((error as GraphQLError).extensions.reason);
}

async function invalidTokenMessage(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return (error as InvalidTokenError).message;
}

describe('tokens from an identity provider (HUB_JWKS_URL)', () => {
  const keys = new KeySetServer();
  let rsa: SigningKey;
  let ec: SigningKey;

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([signingKey('RS256', 'rsa-2026-01'), signingKey('ES256', 'ec-2026-01')]);
    await keys.start();
  });
  afterAll(() => keys.close());
  beforeEach(() => {
    keys.published = [rsa.jwk, ec.jwk];
    keys.status = 200;
    keys.requests = 0;
  });

  function authenticator(env: Record<string, string> = {}, options: AuthenticatorOptions = {}, resolvedSecret: string | null = null) {
    const config = loadConfig({ HUB_JWKS_URL: keys.url, HUB_JWT_ISSUER: ISSUER, HUB_JWT_AUDIENCE: AUDIENCE, ...env });
    return new Authenticator(config, resolvedSecret, { realNow: () => NOW, ...options });
  }

  describe('accepts', () => {
    it.each(['RS256', 'ES256'] as const)('a token signed %s with a published key, mapping its claims to the caller', async (alg) => {
      const key = alg === 'RS256' ? rsa : ec;
      const auth = authenticator();
      const token = await idpToken(key, { role: 'DEPARTMENT', region: '370783', department: 'MEDICAL', name: '张三' }, { sub: 'medical-sys' });
      await expect(auth.authenticate(`Bearer ${token}`)).resolves.toEqual({ sub: 'medical-sys', role: 'DEPARTMENT', region: '370783', department: 'MEDICAL' });
    });

    it('many tokens with one fetch of the key set (it is cached)', async () => {
      const auth = authenticator();
      for (const key of [rsa, ec, rsa, ec]) await expect(auth.verify(await idpToken(key))).resolves.toMatchObject({ role: 'CLERK' });
      expect(keys.requests).toBe(1);
    });

    it('any issuer and audience when HUB_JWT_ISSUER and HUB_JWT_AUDIENCE are not set', async () => {
      const config = loadConfig({ HUB_JWKS_URL: keys.url });
      const auth = new Authenticator(config, null, { realNow: () => NOW });
      await expect(auth.verify(await idpToken(rsa, undefined, { iss: 'https://elsewhere.example', aud: null }))).resolves.toMatchObject({ role: 'CLERK' });
    });

    it('a token just past its exp, within the clock tolerance (30 s by default)', async () => {
      const auth = authenticator();
      await expect(auth.verify(await idpToken(ec, undefined, { exp: nowSeconds - 29 }))).resolves.toMatchObject({ role: 'CLERK' });
      const strict = authenticator({ HUB_JWT_CLOCK_TOLERANCE_SECONDS: '0' });
      expect(await refusalOf(strict.authenticate(`Bearer ${await idpToken(ec, undefined, { exp: nowSeconds })}`))).toBe('EXPIRED');
    });
  });

  describe('key rotation', () => {
    it('accepts a token from a new key once the key set is refetched for its unknown kid', async () => {
      const auth = authenticator({}, { jwks: { cooldownDuration: 0 } });
      await expect(auth.verify(await idpToken(rsa))).resolves.toMatchObject({ role: 'CLERK' });
      expect(keys.requests).toBe(1);
      const next = await signingKey('RS256', 'rsa-2026-07');
      keys.published = [rsa.jwk, next.jwk]; // the provider publishes its next key, then signs with it
      await expect(auth.verify(await idpToken(next, { role: 'ADMIN', region: '' }))).resolves.toMatchObject({ role: 'ADMIN' });
      expect(keys.requests).toBe(2);
      await expect(auth.verify(await idpToken(rsa))).resolves.toMatchObject({ role: 'CLERK' });
      expect(keys.requests).toBe(2);
    });

    it('refetches for an unknown kid at most once per cooldown (30 s by default), so made-up kids cannot flood the provider', async () => {
      const auth = authenticator();
      await auth.verify(await idpToken(rsa));
      const next = await signingKey('RS256', 'rsa-2026-07');
      keys.published = [rsa.jwk, next.jwk];
      expect(await refusalOf(auth.authenticate(`Bearer ${await idpToken(next)}`))).toBe('INVALID');
      for (let i = 0; i < 5; i++) await invalidTokenMessage(auth.verify(await idpToken(next, undefined, { kid: `made-up-${i}` })));
      expect(keys.requests).toBe(1);
    });
  });

  describe('refuses as INVALID', () => {
    it('a token from a key the provider never published', async () => {
      const stranger = await signingKey('RS256', 'stranger');
      const auth = authenticator({}, { jwks: { cooldownDuration: 0 } });
      expect(await invalidTokenMessage(auth.verify(await idpToken(stranger)))).toBe('ERR_JWKS_NO_MATCHING_KEY');
      // The stranger's key under a published kid: the signature gives it away.
      expect(await invalidTokenMessage(auth.verify(await idpToken(stranger, undefined, { kid: rsa.kid })))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect(await refusalOf(auth.authenticate(`Bearer ${await idpToken(stranger)}`))).toBe('INVALID');
    });

    it.each([
      ['another issuer', { iss: 'https://idp.example.gov.cn/realms/other' }],
      ['no issuer', { iss: null }],
      ['another audience', { aud: 'another-app' }],
      ['no audience', { aud: null }],
    ])('a token with %s', async (_label, options) => {
      const auth = authenticator();
      expect(await invalidTokenMessage(auth.verify(await idpToken(rsa, undefined, options)))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
      expect(await refusalOf(auth.authenticate(`Bearer ${await idpToken(rsa, undefined, options)}`))).toBe('INVALID');
      // The same token with the expected issuer and audience passes: the refusal is about them.
      await expect(auth.verify(await idpToken(rsa))).resolves.toMatchObject({ role: 'CLERK' });
    });

    it('a token not yet valid (nbf beyond the tolerance)', async () => {
      const auth = authenticator();
      expect(await invalidTokenMessage(auth.verify(await idpToken(ec, undefined, { nbf: nowSeconds + 60 })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
      await expect(auth.verify(await idpToken(ec, undefined, { nbf: nowSeconds + 20 }))).resolves.toMatchObject({ role: 'CLERK' });
    });

    it('a token with claims the hub cannot map (no region, an unknown role)', async () => {
      const auth = authenticator();
      expect(await invalidTokenMessage(auth.verify(await idpToken(rsa, { role: 'CLERK' })))).toBe('bad region claim');
      expect(await invalidTokenMessage(auth.verify(await idpToken(rsa, { role: 'offline_access', region: '37' })))).toBe('bad role claim');
    });

    it('a token signed with an algorithm other than RS256 and ES256, even with a published key', async () => {
      const rs512 = await signingKey('RS512', 'rs512');
      keys.published = [rsa.jwk, ec.jwk, rs512.jwk];
      expect(await invalidTokenMessage(authenticator().verify(await idpToken(rs512)))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
      expect(keys.requests).toBe(0);
    });

    it('an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const auth = authenticator({ HUB_JWT_SECRET: SECRET });
      for (const secret of [await exportSPKI(rsa.publicKey), JSON.stringify(rsa.jwk)]) {
        const forged = await new SignJWT({ role: 'ADMIN', region: '' }).setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
          .setSubject('x').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(nowSeconds + 300).sign(new TextEncoder().encode(secret));
        expect(await invalidTokenMessage(auth.verify(forged))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      }
    });
  });

  it('refuses an expired token as EXPIRED, in the caller\'s language', async () => {
    const auth = authenticator();
    const token = await idpToken(rsa, undefined, { exp: nowSeconds - 3600 });
    const zh = await auth.authenticate(`Bearer ${token}`).catch((e: GraphQLError) => e);
    const en = await auth.authenticate(`Bearer ${token}`, 'en').catch((e: GraphQLError) => e);
    expect([(zh as GraphQLError).extensions.reason, (en as GraphQLError).extensions.reason]).toEqual(['EXPIRED', 'EXPIRED']);
    expect((zh as GraphQLError).message).toBe('登录已过期，请重新获取令牌。');
    expect((en as GraphQLError).message).toBe('The token has expired: get a new one.');
  });

  describe('beside HS256', () => {
    const hs256 = () => signToken({ sub: 'dev', role: Role.CLERK, region: '370783', ttlSeconds: 600 }, SECRET, NOW);

    it('accepts HS256 tokens too when HUB_JWT_SECRET is set explicitly (no issuer or audience asked of them)', async () => {
      const auth = authenticator({ HUB_JWT_SECRET: SECRET });
      expect([auth.acceptsHs256, auth.acceptsIdentityProvider]).toEqual([true, true]);
      await expect(auth.verify(await hs256())).resolves.toMatchObject({ sub: 'dev' });
      await expect(auth.verify(await idpToken(ec))).resolves.toMatchObject({ sub: 'u-7f3a' });
    });

    it('refuses HS256 tokens when HUB_JWT_SECRET is not set, even signed with the generated development secret', async () => {
      const auth = authenticator({}, {}, SECRET);
      expect(auth.acceptsHs256).toBe(false);
      expect(await invalidTokenMessage(auth.verify(await hs256()))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
      expect(await refusalOf(auth.authenticate(`Bearer ${await hs256()}`))).toBe('INVALID');
    });

    it('without HUB_JWKS_URL refuses identity-provider tokens without fetching anything', async () => {
      const auth = new Authenticator(loadConfig({ HUB_JWT_SECRET: SECRET }), SECRET, { realNow: () => NOW });
      expect([auth.acceptsHs256, auth.acceptsIdentityProvider]).toEqual([true, false]);
      expect(await invalidTokenMessage(auth.verify(await idpToken(rsa)))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
      expect(keys.requests).toBe(0);
    });
  });

  describe('when the key set cannot be had', () => {
    it.each([
      ['answers 503', (_url: string) => {
        keys.status = 503;
        return keys.url;
      }],
      ['is not there (connection refused)', async () => {
        const gone = new KeySetServer();
        await gone.start();
        await gone.close();
        return gone.url;
      }],
    ])('the provider %s: an internal error, not UNAUTHENTICATED (the caller\'s token may be good)', async (_label, setUp) => {
      const url = await setUp(keys.url);
      const auth = new Authenticator(loadConfig({ HUB_JWKS_URL: url }), null, { realNow: () => NOW });
      const error = await auth.authenticate(`Bearer ${await idpToken(rsa)}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeySetUnavailableError);
      expect(error).not.toBeInstanceOf(GraphQLError);
    });
  });
});
