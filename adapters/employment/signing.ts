import { randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto';
import { freshTimestamp } from '../shared/signing';
import { signOffThread, verifyOffThread } from './sm2-thread';

// SM2 signatures over SM3 (国密, GB/T 32918.2 with the Z value of GM/T 0009), as sm-crypto
// computes them: `hash: true` (e = SM3(Z || message), Z from the default user id
// 1234567812345678 and the signer's public key) and `der: true` (the signature is the ASN.1 DER
// SEQUENCE { r INTEGER, s INTEGER } GM/T 0009 specifies — what Java's BouncyCastle "SM3withSM2"
// produces), written as lower-case hex. Node's own SM2 is plain ECDSA and does not verify these.
//
// What is signed: every top-level field of the JSON object except `sign`, whose value is a
// non-empty string, as `key=value` pairs sorted by key (byte order) and joined by `&`, values
// as they are (no URL encoding), UTF-8.

export const SM2_USER_ID = '1234567812345678';

type Sm2Extras = { getPublicKeyFromPrivateKey(privateKey: string): string; verifyPublicKey(publicKey: string): boolean };
const extras = sm2 as unknown as Sm2Extras; // present in sm-crypto 0.5, missing from its types

export function signingString(fields: Record<string, string | undefined>): string {
  return Object.keys(fields)
    .filter((k) => k !== 'sign' && typeof fields[k] === 'string' && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
}

export const validPrivateKey = (hex: string | undefined): boolean => typeof hex === 'string' && /^[0-9a-fA-F]{64}$/.test(hex) && !/^0+$/.test(hex);

/** An uncompressed SM2 public key (04 ‖ x ‖ y, 130 hex digits) on the curve. */
export const validPublicKey = (hex: string | undefined): boolean => typeof hex === 'string' && /^04[0-9a-fA-F]{128}$/.test(hex) && extras.verifyPublicKey(hex.toLowerCase());

export const publicKeyOf = (privateKey: string): string => extras.getPublicKeyFromPrivateKey(privateKey.toLowerCase());

export function sm2Sign(data: string, privateKey: string, publicKey: string): string {
  return sm2.doSignature(data, privateKey.toLowerCase(), { hash: true, der: true, publicKey: publicKey.toLowerCase(), userId: SM2_USER_ID });
}

/** sm2Sign on the worker thread (the delivery path: the event loop stays free). */
export function sm2SignAsync(data: string, privateKey: string, publicKey: string): Promise<string> {
  return signOffThread(data, privateKey.toLowerCase(), { hash: true, der: true, publicKey: publicKey.toLowerCase(), userId: SM2_USER_ID });
}

/** sm2Verify on the worker thread. */
export async function sm2VerifyAsync(data: string, signature: string, publicKey: string): Promise<boolean> {
  if (!/^[0-9a-fA-F]{16,160}$/.test(signature)) return false;
  return verifyOffThread(data, signature.toLowerCase(), publicKey.toLowerCase(), { hash: true, der: true, userId: SM2_USER_ID });
}

export function sm2Verify(data: string, signature: string, publicKey: string): boolean {
  if (!/^[0-9a-fA-F]{16,160}$/.test(signature)) return false;
  try {
    return sm2.doVerifySignature(data, signature.toLowerCase(), publicKey.toLowerCase(), { hash: true, der: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}

/** A signer's key pair: its private key and the public key derived from it once. */
export interface Signer {
  privateKey: string;
  publicKey: string;
}

export const signerOf = (privateKey: string): Signer => ({ privateKey, publicKey: publicKeyOf(privateKey) });

/** `fields` with a fresh timestamp (unix seconds) and nonce (32 hex digits), and the signature. */
export function seal(fields: Record<string, string>, signer: Signer, now = new Date()): Record<string, string> {
  const sealed = unsigned(fields, now);
  return { ...sealed, sign: sm2Sign(signingString(sealed), signer.privateKey, signer.publicKey) };
}

/** seal, signed on the worker thread. */
export async function sealAsync(fields: Record<string, string>, signer: Signer, now = new Date()): Promise<Record<string, string>> {
  const sealed = unsigned(fields, now);
  return { ...sealed, sign: await sm2SignAsync(signingString(sealed), signer.privateKey, signer.publicKey) };
}

const unsigned = (fields: Record<string, string>, now: Date): Record<string, string> => ({
  ...fields,
  timestamp: String(Math.floor(now.getTime() / 1000)),
  nonce: randomBytes(16).toString('hex'),
});

export type SealProblem = 'MALFORMED' | 'UNSIGNED' | 'STALE_TIMESTAMP' | 'BAD_NONCE' | 'BAD_SIGNATURE';

/**
 * Opens a signed JSON object: every field a string, only the `allowed` keys, `required` present,
 * signed (`sign`), timestamp within 5 minutes of `now`, a nonce, and the signature verifying with
 * `publicKey`. The fields, or the first problem found.
 */
export function openSealed(
  body: unknown,
  publicKey: string,
  now: Date,
  shape: { required: readonly string[]; optional?: readonly string[] },
): { fields: Record<string, string> } | { problem: SealProblem } {
  const checked = checkSealed(body, now, shape);
  if ('problem' in checked) return checked;
  return sm2Verify(signingString(checked.fields), checked.fields.sign, publicKey) ? checked : { problem: 'BAD_SIGNATURE' };
}

/** openSealed, verified on the worker thread. */
export async function openSealedAsync(
  body: unknown,
  publicKey: string,
  now: Date,
  shape: { required: readonly string[]; optional?: readonly string[] },
): Promise<{ fields: Record<string, string> } | { problem: SealProblem }> {
  const checked = checkSealed(body, now, shape);
  if ('problem' in checked) return checked;
  return (await sm2VerifyAsync(signingString(checked.fields), checked.fields.sign, publicKey)) ? checked : { problem: 'BAD_SIGNATURE' };
}

/** Everything of openSealed but the signature. */
function checkSealed(
  body: unknown,
  now: Date,
  shape: { required: readonly string[]; optional?: readonly string[] },
): { fields: Record<string, string> } | { problem: SealProblem } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'MALFORMED' };
  const fields = body as Record<string, unknown>;
  const allowed = new Set(['timestamp', 'nonce', 'sign', ...shape.required, ...(shape.optional ?? [])]);
  if (!Object.entries(fields).every(([k, v]) => allowed.has(k) && typeof v === 'string')) return { problem: 'MALFORMED' };
  const f = fields as Record<string, string>;
  if (!f.sign) return { problem: 'UNSIGNED' };
  if (!shape.required.every((k) => typeof f[k] === 'string')) return { problem: 'MALFORMED' };
  if (!freshTimestamp(f.timestamp, now)) return { problem: 'STALE_TIMESTAMP' };
  if (!f.nonce || !/^[\w-]{16,64}$/.test(f.nonce)) return { problem: 'BAD_NONCE' };
  return { fields: f };
}
