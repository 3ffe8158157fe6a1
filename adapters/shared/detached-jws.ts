import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

// Detached JWS (RFC 7515 appendix F) with ES256: the compact form with the payload part left
// empty, `<protected>..<signature>`, over a payload both sides rebuild (canonical JSON). Written
// on node:crypto rather than jose because jose's verification is asynchronous and readCallback is
// not; the result is plain JWS: jose verifies these signatures, and these functions verify jose's
// (adapters/shared/detached-jws.test.ts).

const P256 = 'prime256v1';

/** Accepts PEM (real newlines or `\n` escapes, as environment variables often carry them) or a JWK as JSON. */
function keyInput(material: string): { key: string } | { key: Record<string, unknown>; format: 'jwk' } {
  const text = material.trim();
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text) as unknown;
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new Error('not a JWK');
    return { key: jwk as Record<string, unknown>, format: 'jwk' };
  }
  return { key: text.includes('\n') ? text : text.replace(/\\n/g, '\n') };
}

function ensureP256(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== P256) throw new Error(`${what} is not a P-256 (ES256) key`);
  return key;
}

/** The signing key (PEM PKCS#8 or SEC1, or a private JWK). Errors never quote the material. */
export function es256PrivateKey(material: string, what = 'private key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(keyInput(material) as Parameters<typeof createPrivateKey>[0]);
  } catch {
    throw new Error(`${what} is neither a PEM nor a JWK private key`);
  }
  return ensureP256(key, what);
}

/** The verifying key (PEM SPKI or a public JWK; a private key gives its public half). */
export function es256PublicKey(material: string, what = 'public key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(keyInput(material) as Parameters<typeof createPublicKey>[0]);
  } catch {
    throw new Error(`${what} is neither a PEM nor a JWK public key`);
  }
  return ensureP256(key, what);
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** A P-256 public key as a JWK for a JWKS (RFC 7517), `kid` its RFC 7638 thumbprint, for ES256 signatures. */
export interface SigningJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
}

export function signingJwk(key: KeyObject): SigningJwk {
  const { x, y } = createPublicKey(key).export({ format: 'jwk' }) as { x: string; y: string };
  // RFC 7638: the required members in lexicographic order, no whitespace, SHA-256, base64url.
  const kid = createHash('sha256').update(JSON.stringify({ crv: 'P-256', kty: 'EC', x, y })).digest('base64url');
  return { kty: 'EC', crv: 'P-256', x, y, kid, use: 'sig', alg: 'ES256' };
}
const B64URL = /^[A-Za-z0-9_-]+$/;

/** `<protected>..<signature>` over `payload`; the protected header is { alg: ES256, ...extra }. */
export function signDetached(payload: string, key: KeyObject, extraHeader: Record<string, string> = {}): string {
  const protectedHeader = b64url(JSON.stringify({ alg: 'ES256', ...extraHeader }));
  const signature = sign('sha256', Buffer.from(`${protectedHeader}.${b64url(payload)}`), { key, dsaEncoding: 'ieee-p1363' });
  return `${protectedHeader}..${b64url(signature)}`;
}

/** A verification key, or a source that finds one by the JWS's kid (a partner's JWKS). */
export type KeySource = KeyObject | { keyFor(jws: string): KeyObject | null };

/** verifyDetached with the key the source holds for this signature (false when it holds none). */
export function verifyDetachedBy(jws: string, payload: string, source: KeySource): boolean {
  const key = source instanceof KeyObject ? source : source.keyFor(jws);
  return key !== null && verifyDetached(jws, payload, key);
}

/**
 * Whether `jws` is a detached ES256 signature of `payload` by `key`. Anything else is false: other
 * algorithms (none, HS256 …), a `crit` header (no extension is understood), an attached payload.
 */
export function verifyDetached(jws: string, payload: string, key: KeyObject): boolean {
  if (typeof jws !== 'string' || jws.length > 2000) return false;
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '' || !B64URL.test(parts[0]) || !B64URL.test(parts[2])) return false;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return false;
  const h = header as Record<string, unknown>;
  if (h.alg !== 'ES256' || 'crit' in h || 'b64' in h) return false;
  const signature = Buffer.from(parts[2], 'base64url');
  if (signature.length !== 64) return false;
  try {
    return verify('sha256', Buffer.from(`${parts[0]}.${b64url(payload)}`), { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
