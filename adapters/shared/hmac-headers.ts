import { randomUUID } from 'node:crypto';
import { freshTimestamp, hmacSha256Hex, sameSecret } from './signing';

// The signed-header scheme several partners share (a webhook, a JSON API's callbacks): a Unix
// timestamp, a nonce and a hex HMAC-SHA256 over the bytes "<timestamp>.<nonce>.<raw body>" in three
// headers whose names each partner chooses. One implementation, each protocol its header names.

/** The bytes both sides sign: `<timestamp>.<nonce>.<raw body>`. */
export function timestampNonceBody(timestamp: string, nonce: string, body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.${nonce}.`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

export class HmacHeaderScheme {
  /** `names` as sent (e.g. X-Hub-Signature); `prefix` before the hex digest (e.g. "sha256="). */
  constructor(
    private readonly names: { timestamp: string; nonce: string; signature: string },
    private readonly prefix = '',
  ) {}

  /** The headers of a signed JSON request (content type included), with a fresh nonce. */
  sign(secret: string, body: string, now = new Date()): Record<string, string> {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const nonce = randomUUID();
    return {
      'Content-Type': 'application/json; charset=utf-8',
      [this.names.timestamp]: timestamp,
      [this.names.nonce]: nonce,
      [this.names.signature]: `${this.prefix}${hmacSha256Hex(secret, timestampNonceBody(timestamp, nonce, body))}`,
    };
  }

  /**
   * Checks the headers (names lower case, as received) over the raw body: the reason code when they
   * do not hold — UNSIGNED, STALE_TIMESTAMP (over 5 minutes off), BAD_NONCE, BAD_SIGNATURE — else null.
   */
  problem(secret: string, headers: Record<string, string | undefined>, rawBody: Buffer, now: Date): string | null {
    const timestamp = headers[this.names.timestamp.toLowerCase()];
    const nonce = headers[this.names.nonce.toLowerCase()];
    const signature = headers[this.names.signature.toLowerCase()];
    if (!timestamp || !nonce || !signature) return 'UNSIGNED';
    if (!freshTimestamp(timestamp, now)) return 'STALE_TIMESTAMP';
    if (!/^[\w-]{8,100}$/.test(nonce)) return 'BAD_NONCE';
    const expected = `${this.prefix}${hmacSha256Hex(secret, timestampNonceBody(timestamp, nonce, rawBody))}`;
    return sameSecret(expected, signature.toLowerCase()) ? null : 'BAD_SIGNATURE';
  }

  /** The nonce header's value of a received request. */
  nonceOf(headers: Record<string, string | undefined>): string | null {
    return headers[this.names.nonce.toLowerCase()] ?? null;
  }
}
