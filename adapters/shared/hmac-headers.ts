import { randomUUID } from 'node:crypto';
import type { CallbackReading, CallbackRequest, CallbackResult, HttpReply, PartnerAnswer } from '../../src/delivery/department-adapter';
import { jsonOrNull } from './http';
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

  /**
   * Reads a callback signed with this scheme whose body is one JSON message: refused with 401 for
   * a signature problem, 400 for a body `parse` cannot read (reason MALFORMED), else the message's
   * answer with the request's nonce. `reply` writes the protocol's answers.
   */
  readJsonCallback(
    secret: string,
    request: CallbackRequest,
    now: Date,
    parse: (json: unknown) => { messageId: string; answer: PartnerAnswer } | null,
    reply: { refused(status: 400 | 401, reason: string): HttpReply; taken(result: CallbackResult): HttpReply },
  ): CallbackReading {
    const problem = this.problem(secret, request.headers, request.rawBody, now);
    if (problem) return { accepted: false, reason: problem, reply: reply.refused(401, problem) };
    const message = parse(jsonOrNull(request.rawBody.toString('utf8')));
    if (!message) return { accepted: false, reason: 'MALFORMED', reply: reply.refused(400, 'MALFORMED') };
    return { accepted: true, messageId: message.messageId, nonce: this.nonceOf(request.headers), answers: [message.answer], reply: reply.taken };
  }
}
