import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, createLocalJWKSet, flattenedVerify, importJWK } from 'jose';
import { es256PrivateKey, es256PublicKey, signDetached, signingJwk, verifyDetached } from './detached-jws';

const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: ReturnType<typeof pair>) => ({
  privatePem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  publicPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  privateJwk: JSON.stringify(k.privateKey.export({ format: 'jwk' })),
  publicJwk: JSON.stringify(k.publicKey.export({ format: 'jwk' })),
});

describe('detached JWS (ES256)', () => {
  const keys = pem(pair());
  const payload = '{"header":{"action":"refer"},"message":{"transaction_id":"01JREF0000000000000000000A"}}';

  it('reads PEM (also with \\n escapes, as environment variables carry it) and JWK', () => {
    const fromPem = es256PrivateKey(keys.privatePem);
    const fromEscaped = es256PrivateKey(keys.privatePem.replace(/\n/g, '\\n'));
    const fromJwk = es256PrivateKey(keys.privateJwk);
    for (const key of [fromPem, fromEscaped, fromJwk]) {
      expect(verifyDetached(signDetached(payload, key), payload, es256PublicKey(keys.publicPem))).toBe(true);
      expect(verifyDetached(signDetached(payload, key), payload, es256PublicKey(keys.publicJwk))).toBe(true);
    }
  });

  it('refuses keys that are not P-256 without quoting them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => es256PrivateKey(rsa, 'hubPrivateKey')).toThrow('hubPrivateKey is not a P-256 (ES256) key');
    expect(() => es256PrivateKey('not a key', 'hubPrivateKey')).toThrow('hubPrivateKey is neither a PEM nor a JWK private key');
    expect(() => es256PublicKey('{"kty":"EC"}', 'k')).toThrow(/^k is neither/);
  });

  it('is standard JWS: jose verifies it, and it verifies jose’s', async () => {
    const jws = signDetached(payload, es256PrivateKey(keys.privatePem));
    const [protectedHeader, , signature] = jws.split('.');
    const publicKey = await importJWK(JSON.parse(keys.publicJwk), 'ES256');
    const verified = await flattenedVerify({ protected: protectedHeader, payload: Buffer.from(payload).toString('base64url'), signature }, publicKey);
    expect(Buffer.from(verified.payload).toString()).toBe(payload);

    const privateKey = await importJWK(JSON.parse(keys.privateJwk), 'ES256');
    const compact = await new CompactSign(Buffer.from(payload)).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    const [h, , s] = compact.split('.');
    expect(verifyDetached(`${h}..${s}`, payload, es256PublicKey(keys.publicPem))).toBe(true);
  });

  it('refuses another payload, another key, other algorithms, crit and attached payloads', () => {
    const key = es256PrivateKey(keys.privatePem);
    const verifier = es256PublicKey(keys.publicPem);
    const jws = signDetached(payload, key);
    expect(verifyDetached(jws, payload.replace('refer', 'withdraw'), verifier)).toBe(false);
    expect(verifyDetached(jws, payload, es256PublicKey(pem(pair()).publicPem))).toBe(false);
    const [, , sig] = jws.split('.');
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
    expect(verifyDetached(`${header({ alg: 'none' })}..`, payload, verifier)).toBe(false);
    expect(verifyDetached(`${header({ alg: 'HS256' })}..${sig}`, payload, verifier)).toBe(false);
    expect(verifyDetached(signDetached(payload, key, { crit: 'exp' }), payload, verifier)).toBe(false);
    expect(verifyDetached(jws.replace('..', `.${Buffer.from(payload).toString('base64url')}.`), payload, verifier)).toBe(false);
    expect(verifyDetached('garbage', payload, verifier)).toBe(false);
  });

  it('publishes a key as a JWK whose kid is its RFC 7638 thumbprint; a signature naming that kid verifies against the JWKS (jose)', async () => {
    const key = es256PrivateKey(keys.privatePem);
    const jwk = signingJwk(key);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' });
    expect(jwk.kid).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
    const jws = signDetached(payload, key, { kid: jwk.kid });
    const [protectedHeader, , signature] = jws.split('.');
    expect(JSON.parse(Buffer.from(protectedHeader, 'base64url').toString())).toEqual({ alg: 'ES256', kid: jwk.kid });
    const jwks = createLocalJWKSet({ keys: [signingJwk(es256PrivateKey(pem(pair()).privatePem)), jwk] });
    const verified = await flattenedVerify({ protected: protectedHeader, payload: Buffer.from(payload).toString('base64url'), signature }, jwks);
    expect(Buffer.from(verified.payload).toString()).toBe(payload);
    expect(verifyDetached(jws, payload, es256PublicKey(keys.publicPem))).toBe(true);
  });
});
