import { randomUUID, KeyObject } from 'node:crypto';
import { Department } from '../../src/access/roles';
import type {
  CallbackReading,
  CallbackRequest,
  CallbackResult,
  DeliveryOutcome,
  DepartmentAdapter,
  HttpReply,
  PartnerAnswer,
  PartnerConnection,
  PartnerProtocol,
  ReferralCancellation,
  ReferralDelivery,
} from '../../src/delivery/department-adapter';
import { canonicalJson, freshInstant } from '../shared/signing';
import { es256PrivateKey, es256PublicKey, signDetached, verifyDetached } from '../shared/detached-jws';
import { failedCall, failedStatus, jsonOrNull, MALFORMED_REPLY, send, WireReply } from '../shared/http';
import { ClientCredentials, TokenFailure, TokenGrant } from '../shared/client-credentials';
import { AckMessage, fromAck, fromOnReferMessage, fromStatusResponse, REASON_CODE, toReferMessage, toStatusRequest, toWithdrawMessage } from './mapping';

// JUDICIAL — G2P Connect / SPDCI, asynchronous (司法局 · 法律援助). Every body, both ways, is
// `{ signature, header, message }`; signature = detached JWS (ES256) over canonicalJson({ header, message }).
//   POST <endpoint>/registry/refer     action refer       → ACK { correlation_id }  (transaction_id = referral id)
//   POST <endpoint>/registry/withdraw  action withdraw    → ACK
//   POST <endpoint>/txn/status         action txn-status  → on-txn-status { records } (what was decided so far)
//   later: the bureau POSTs action on-refer to header.sender_uri (the hub's callback URL); the hub answers an ACK envelope.
// ACK → ok; NACK (content refused, rjct.*) → not retryable; ERR (transport, signature, err.*) → retryable.

export const PROTOCOL = 'g2p-connect';
export const VERSION = '1.0.0';
export const ACTION = { refer: 'refer', withdraw: 'withdraw', status: 'txn-status', onRefer: 'on-refer', onStatus: 'on-txn-status' } as const;
export const PATH = { refer: 'registry/refer', withdraw: 'registry/withdraw', status: 'txn/status' } as const;
/** message_ts must be this close to the reader's clock, either side. */

export interface G2pHeader {
  version: string;
  message_id: string;
  message_ts: string;
  action: string;
  sender_id: string;
  sender_uri?: string;
  receiver_id: string;
  total_count: number;
  is_msg_encrypted: false;
  /** meta.nonce: fresh per request (this protocol's own field): the receiver refuses a second use. */
  meta: { nonce: string };
}

export interface G2pEnvelope {
  signature: string;
  header: G2pHeader;
  message: unknown;
}

export function newHeader(
  fields: { action: string; senderId: string; receiverId: string; senderUri?: string; messageId?: string; totalCount?: number },
  now = new Date(),
): G2pHeader {
  return {
    version: VERSION,
    message_id: fields.messageId ?? randomUUID(),
    message_ts: now.toISOString(),
    action: fields.action,
    sender_id: fields.senderId,
    ...(fields.senderUri ? { sender_uri: fields.senderUri } : {}),
    receiver_id: fields.receiverId,
    total_count: fields.totalCount ?? 1,
    is_msg_encrypted: false,
    meta: { nonce: randomUUID() },
  };
}

/** The body to send: header and message signed together. */
export function seal(header: G2pHeader, message: unknown, key: KeyObject): string {
  return JSON.stringify({ signature: signDetached(canonicalJson({ header, message }), key), header, message });
}

const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[\w.:@-]{1,100}$/;
const NONCE = /^[\w-]{16,100}$/;

export function freshIsoTimestamp(ts: string, now: Date): boolean {
  const at = ISO_TS.test(ts) ? Date.parse(ts) : NaN;
  return freshInstant(at, now);
}

function readHeader(h: unknown): G2pHeader | null {
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return null;
  const x = h as Record<string, unknown>;
  const known = ['version', 'message_id', 'message_ts', 'action', 'sender_id', 'sender_uri', 'receiver_id', 'total_count', 'is_msg_encrypted', 'meta'];
  if (Object.keys(x).some((k) => !known.includes(k))) return null;
  if (x.version !== VERSION || typeof x.message_id !== 'string' || !ID.test(x.message_id) || typeof x.message_ts !== 'string' || !ISO_TS.test(x.message_ts)) return null;
  if (typeof x.action !== 'string' || !/^[a-z-]{1,40}$/.test(x.action) || typeof x.sender_id !== 'string' || !ID.test(x.sender_id)) return null;
  if (typeof x.receiver_id !== 'string' || !ID.test(x.receiver_id) || !Number.isSafeInteger(x.total_count) || (x.total_count as number) < 0) return null;
  if (x.sender_uri !== undefined && (typeof x.sender_uri !== 'string' || x.sender_uri.length > 500)) return null;
  if (x.is_msg_encrypted !== false) return null; // encrypted messages are not part of this profile
  const meta = x.meta;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return null;
  return x as unknown as G2pHeader;
}

export type EnvelopeProblem = 'MALFORMED' | 'UNSIGNED' | 'BAD_SIGNATURE' | 'STALE_TIMESTAMP' | 'BAD_NONCE';

/**
 * Reads a body as a signed envelope: the signature over canonicalJson({ header, message }) as
 * parsed, then the header's shape, message_ts within the window and meta.nonce.
 */
export function openEnvelope(raw: string, key: KeyObject, now: Date): { envelope: G2pEnvelope } | { problem: EnvelopeProblem } {
  const body = jsonOrNull(raw) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.header !== 'object' || body.header === null || !('message' in body)) return { problem: 'MALFORMED' };
  if (typeof body.signature !== 'string' || body.signature === '') return { problem: 'UNSIGNED' };
  if (!verifyDetached(body.signature, canonicalJson({ header: body.header, message: body.message }), key)) return { problem: 'BAD_SIGNATURE' };
  const header = readHeader(body.header);
  if (!header) return { problem: 'MALFORMED' };
  if (!freshIsoTimestamp(header.message_ts, now)) return { problem: 'STALE_TIMESTAMP' };
  if (typeof header.meta.nonce !== 'string' || !NONCE.test(header.meta.nonce)) return { problem: 'BAD_NONCE' };
  return { envelope: { signature: body.signature, header, message: body.message } };
}

/** The immediate answer, as a signed envelope (both sides answer this way). */
export function sealAck(
  key: KeyObject,
  route: { action: string; senderId: string; receiverId: string },
  ack: { status: AckMessage['ack_status']; correlationId: string | null; error?: { code: string; message: string } },
  now = new Date(),
): string {
  const message: AckMessage = { ack_status: ack.status, timestamp: now.toISOString(), correlation_id: ack.correlationId, ...(ack.error ? { error: ack.error } : {}) };
  return seal(newHeader({ ...route, totalCount: 0 }, now), message, key);
}

/** A short reason from a NACK or ERR: its G2P code when it is one (codes carry no personal data). */
function ackReason(ack: AckMessage): string {
  const code = ack.error?.code;
  return code && REASON_CODE.test(code) ? `${ack.ack_status}:${code}` : ack.ack_status;
}

/** A txn/status query that brought no answer; `reason` is a short code as in DeliveryOutcome. */
export class StatusQueryError extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(`status query failed: ${reason}`);
    this.name = 'StatusQueryError';
  }
}

// What the hub answers when it refuses a callback: reading reason → HTTP status, ack_status, G2P code.
const REFUSALS: Record<string, [number, AckMessage['ack_status'], string]> = {
  MALFORMED: [400, 'ERR', 'err.request.bad'],
  UNSIGNED: [401, 'ERR', 'err.signature.missing'],
  BAD_SIGNATURE: [401, 'ERR', 'err.signature.invalid'],
  STALE_TIMESTAMP: [401, 'ERR', 'err.request.bad'],
  BAD_NONCE: [400, 'ERR', 'err.request.bad'],
  WRONG_SENDER: [401, 'ERR', 'err.sender_id.invalid'],
  WRONG_RECEIVER: [400, 'ERR', 'err.receiver_id.invalid'],
  UNKNOWN_ACTION: [400, 'NACK', 'rjct.action.not_supported'],
  MALFORMED_MESSAGE: [400, 'NACK', 'rjct.message.invalid'],
};

export class JudicialAdapter implements DepartmentAdapter {
  readonly department = Department.JUDICIAL;
  readonly protocol = PROTOCOL;
  private readonly hubKey: KeyObject;
  private readonly partnerKey: KeyObject;
  private readonly senderId: string;
  /** The bureau's id in G2P headers: the host name of its endpoint (e.g. sfj.example.gov.cn). */
  readonly bureauId: string;
  /** A fixed bearer token, or the client credentials that fetch one. */
  private readonly bearer: string | ClientCredentials;

  constructor(private readonly connection: PartnerConnection) {
    this.hubKey = es256PrivateKey(connection.credentials.hubPrivateKey ?? '', 'JUDICIAL credentials.hubPrivateKey');
    this.partnerKey = es256PublicKey(connection.credentials.partnerPublicKey ?? '', 'JUDICIAL credentials.partnerPublicKey');
    this.senderId = connection.credentials.senderId ?? '';
    if (!ID.test(this.senderId)) throw new Error('JUDICIAL credentials.senderId must be 1–100 letters, digits or . : @ _ -');
    this.bureauId = connection.endpoint.hostname;
    const { bearerToken, clientId, clientSecret } = connection.credentials;
    if (bearerToken) this.bearer = bearerToken;
    else if (clientId && clientSecret) {
      this.bearer = new ClientCredentials({ tokenUrl: new URL('oauth2/client/token', this.base()).href, clientId, clientSecret, authentication: 'form', parse: fromSpdciToken });
    } else throw new Error('JUDICIAL credentials: give bearerToken, or clientId and clientSecret for the bureau\'s token API');
  }

  deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.submit(PATH.refer, ACTION.refer, toReferMessage(delivery), signal);
  }

  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.submit(PATH.withdraw, ACTION.withdraw, toWithdrawMessage(cancellation), signal);
  }

  /** Only the applicant's number goes, whole. */
  disclosedPersons(delivery: ReferralDelivery): string[] {
    return delivery.household.length > 0 ? [delivery.household[0].personId] : [];
  }

  /** What the bureau decided so far (acknowledged, supplement, decision); throws StatusQueryError when it cannot tell. */
  async queryStatus(referralId: string, signal: AbortSignal): Promise<PartnerAnswer[]> {
    let reply: WireReply;
    try {
      reply = await this.post(PATH.status, ACTION.status, toStatusRequest(randomUUID(), referralId), signal);
    } catch (error) {
      const failed = (error instanceof TokenFailure ? error.outcome : failedCall(error)) as { reason: string };
      throw new StatusQueryError(failed.reason, true);
    }
    const opened = this.openReply(reply);
    if ('ok' in opened) throw new StatusQueryError(opened.reason, opened.retryable);
    const ack = fromAck(opened.message);
    if (ack && ack.ack_status !== 'ACK') throw new StatusQueryError(ackReason(ack), ack.ack_status === 'ERR');
    const answers = opened.header?.action === ACTION.onStatus ? fromStatusResponse(opened.message, referralId) : null;
    if (!answers) throw new StatusQueryError('MALFORMED_REPLY', true);
    return answers;
  }

  readCallback(request: CallbackRequest, now: Date): CallbackReading {
    const refuse = (reason: string): CallbackReading => {
      const [status, ackStatus, code] = REFUSALS[reason];
      return { accepted: false, reason, reply: this.ackReply(status, ACTION.onRefer, { status: ackStatus, correlationId: null, error: { code, message: reason } }, now) };
    };
    const opened = openEnvelope(request.rawBody.toString('utf8'), this.partnerKey, now);
    if ('problem' in opened) return refuse(opened.problem);
    const { header, message } = opened.envelope;
    if (header.sender_id !== this.bureauId) return refuse('WRONG_SENDER');
    if (header.receiver_id !== this.senderId) return refuse('WRONG_RECEIVER');
    if (header.action !== ACTION.onRefer) return refuse('UNKNOWN_ACTION');
    const answer = fromOnReferMessage(message);
    if (!answer) return refuse('MALFORMED_MESSAGE');
    const correlationId = answer.externalRef ?? null;
    return {
      accepted: true,
      // Stable for a re-sent message (the bureau re-sends with the same message_id); the nonce is fresh per send.
      messageId: header.message_id,
      nonce: header.meta.nonce,
      answers: [answer],
      reply: (result: CallbackResult) =>
        result === 'REJECTED'
          ? this.ackReply(409, ACTION.onRefer, { status: 'NACK', correlationId, error: { code: 'rjct.message.invalid', message: 'REJECTED' } })
          : this.ackReply(200, ACTION.onRefer, { status: 'ACK', correlationId }), // a duplicate is acknowledged again, applied once
    };
  }

  private ackReply(status: number, action: string, ack: Parameters<typeof sealAck>[2], now = new Date()): HttpReply {
    const body = sealAck(this.hubKey, { action, senderId: this.senderId, receiverId: this.bureauId }, ack, now);
    return { status, contentType: 'application/json; charset=utf-8', body };
  }

  private async submit(path: string, action: string, message: unknown, signal: AbortSignal): Promise<DeliveryOutcome> {
    let reply: WireReply;
    try {
      reply = await this.post(path, action, message, signal);
    } catch (error) {
      return error instanceof TokenFailure ? error.outcome : failedCall(error);
    }
    const opened = this.openReply(reply);
    if ('ok' in opened) return opened;
    const ack = fromAck(opened.message);
    if (!ack) return reply.status >= 200 && reply.status <= 299 ? MALFORMED_REPLY : failedStatus(reply.status);
    switch (ack.ack_status) {
      case 'ACK':
        return reply.status >= 200 && reply.status <= 299 ? { ok: true, externalRef: ack.correlation_id } : failedStatus(reply.status);
      case 'NACK':
        return { ok: false, retryable: false, reason: ackReason(ack) };
      case 'ERR':
        return { ok: false, retryable: true, reason: ackReason(ack) };
    }
  }

  /**
   * The partner's answer: the specification's bare ACK (`{ message }`, Response.yaml; a signature,
   * when one comes with it, must verify over the message), or a signed envelope; else the outcome
   * (a plain 5xx page, a bad signature …).
   */
  private openReply(reply: WireReply): Pick<G2pEnvelope, 'message'> & { header?: G2pHeader } | Extract<DeliveryOutcome, { ok: false }> {
    const bare = bareAck(reply.body, this.partnerKey);
    if (bare === 'BAD_SIGNATURE') return { ok: false, retryable: true, reason: 'BAD_REPLY_SIGNATURE' };
    if (bare) return bare;
    const opened = openEnvelope(reply.body, this.partnerKey, new Date());
    if ('envelope' in opened) return opened.envelope;
    if (reply.status < 200 || reply.status > 299) return failedStatus(reply.status) as Extract<DeliveryOutcome, { ok: false }>;
    if (opened.problem === 'UNSIGNED' || opened.problem === 'BAD_SIGNATURE') return { ok: false, retryable: true, reason: 'BAD_REPLY_SIGNATURE' };
    if (opened.problem === 'STALE_TIMESTAMP') return { ok: false, retryable: true, reason: 'STALE_REPLY' };
    return MALFORMED_REPLY as Extract<DeliveryOutcome, { ok: false }>;
  }

  /**
   * One request with the bearer token the specification's security scheme asks for. With client
   * credentials, a 401 takes a new token once and the request again once (still 401: retryable
   * TOKEN_REJECTED); a token endpoint that fails throws TokenFailure.
   */
  private async post(path: string, action: string, message: unknown, signal: AbortSignal): Promise<WireReply> {
    const url = new URL(path, this.base()).href;
    const attempt = (token: string) => {
      const header = newHeader({ action, senderId: this.senderId, receiverId: this.bureauId, senderUri: this.connection.callbackUrl });
      const headers = { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json', Authorization: `Bearer ${token}` };
      return send(url, { headers, body: seal(header, message, this.hubKey) }, signal);
    };
    if (typeof this.bearer === 'string') return attempt(this.bearer);
    const token = await this.bearer.accessToken(signal);
    const reply = await attempt(token);
    if (reply.status !== 401) return reply;
    this.bearer.forget(token);
    const again = await attempt(await this.bearer.accessToken(signal));
    if (again.status === 401) throw new TokenFailure({ ok: false, retryable: true, reason: 'TOKEN_REJECTED' });
    return again;
  }

  private base(): URL | string {
    return this.connection.endpoint.href.endsWith('/') ? this.connection.endpoint : `${this.connection.endpoint.href}/`;
  }
}

/**
 * The specification's bare ACK (Response.yaml: `{ message: { ack_status, timestamp, correlation_id,
 * error? } }`, no header): the message, BAD_SIGNATURE when it carries a signature that does not
 * verify over canonicalJson({ message }), or null when the body is not one.
 */
function bareAck(raw: string, key: KeyObject): { message: unknown } | 'BAD_SIGNATURE' | null {
  const body = jsonOrNull(raw) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'header' in body || !fromAck(body.message)) return null;
  if (body.signature !== undefined && (typeof body.signature !== 'string' || !verifyDetached(body.signature, canonicalJson({ message: body.message }), key))) return 'BAD_SIGNATURE';
  return { message: body.message };
}

/** The token API's answer (G2P Connect authz, OAuth2ClientTokenResponse: expires_in is a string there). */
export function fromSpdciToken(body: unknown): TokenGrant | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.access_token !== 'string' || !/^[A-Za-z0-9\-._~+/]{1,4096}=*$/.test(b.access_token)) return null;
  if (typeof b.token_type !== 'string' || b.token_type.toLowerCase() !== 'bearer') return null;
  const expires = b.expires_in === undefined ? 300 : Number(b.expires_in);
  return Number.isSafeInteger(expires) && expires > 0 ? { accessToken: b.access_token, expiresInSeconds: expires } : null;
}

export const judicialProtocol: PartnerProtocol = {
  name: PROTOCOL,
  department: Department.JUDICIAL,
  credentialKeys: ['hubPrivateKey', 'partnerPublicKey', 'senderId'],
  // The bearer token: a fixed one, or client credentials for the bureau's token API (<endpoint>/oauth2/client/token).
  optionalCredentialKeys: ['bearerToken', 'clientId', 'clientSecret'],
  create: (connection) => new JudicialAdapter(connection),
};
