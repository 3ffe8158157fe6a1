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
import { es256PrivateKey, es256PublicKey, signDetached, SigningJwk, signingJwk, verifyDetached } from '../shared/detached-jws';
import { failedCall, failedStatus, jsonOrNull, MALFORMED_REPLY, send, WireReply } from '../shared/http';
import { ClientCredentials, TokenFailure, TokenGrant } from '../shared/client-credentials';
import { AckMessage, fromAck, fromOnReferMessage, fromStatusResponse, REASON_CODE, toReferMessage, toStatusRequest, toWithdrawMessage, TxnStatus } from './mapping';

// JUDICIAL — G2P Connect / SPDCI, asynchronous (司法局 · 法律援助). Every body, both ways, is
// `{ signature, header, message }`; signature = detached JWS (ES256) over canonicalJson({ header, message }).
//   POST <endpoint>/registry/refer     action refer       → ACK { correlation_id }  (transaction_id = referral id)
//   POST <endpoint>/registry/withdraw  action withdraw    → ACK
//   POST <endpoint>/txn/status         action txn-status  → on-txn-status { records } (what was decided so far)
//   later: the bureau POSTs action on-refer to header.sender_uri (the hub's callback URL); the hub answers an ACK envelope.
// ACK → ok; NACK (content refused, rjct.*) → not retryable; ERR (transport, signature, err.*) → retryable.

export const PROTOCOL = 'g2p-connect';
export const VERSION = '1.0.0';
export const ACTION = { refer: 'refer', withdraw: 'withdraw', status: 'txn-status', onRefer: 'on-refer', onStatus: 'txn-on-status' } as const;
// The registry API's paths (registry_core_api_v1.0.0.yaml); refer and withdraw are this profile's verbs on the same pattern.
export const PATH = { refer: 'registry/refer', withdraw: 'registry/withdraw', status: 'registry/txn/status' } as const;
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

/** The body to send: header and message signed together; `kid` names the key in the JWS header (the signer's JWKS). */
export function seal(header: G2pHeader, message: unknown, key: KeyObject, kid?: string): string {
  return JSON.stringify({ signature: signDetached(canonicalJson({ header, message }), key, kid ? { kid } : {}), header, message });
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

/** The specification's error codes (src/common/schema/Error.yaml): the only codes a refusal of the hub carries. */
export const ERROR_CODES = [
  'err.request.bad',
  'err.request.unauthorized',
  'err.request.forbidden',
  'err.request.not_found',
  'err.request.timeout',
  'err.version.not_supported',
  'err.request.too_many_requests',
  'err.sender_id.invalid',
  'err.sender_uri.invalid',
  'err.receiver_id.invalid',
  'err.signature.missing',
  'err.signature.invalid',
  'err.encryption.invalid',
  'err.service.unavailable',
] as const;
type ErrorCode = (typeof ERROR_CODES)[number];

// What the hub answers when it refuses a callback: reading reason → HTTP status and the
// specification's error code, in an ERR (Response.yaml; the compliance suite takes a 4xx with it).
const REFUSALS: Record<string, [number, ErrorCode]> = {
  MALFORMED: [400, 'err.request.bad'],
  UNSIGNED: [401, 'err.signature.missing'],
  BAD_SIGNATURE: [401, 'err.signature.invalid'],
  STALE_TIMESTAMP: [400, 'err.request.bad'],
  BAD_NONCE: [400, 'err.request.bad'],
  WRONG_VERSION: [400, 'err.version.not_supported'],
  ENCRYPTED: [400, 'err.encryption.invalid'],
  WRONG_SENDER: [401, 'err.sender_id.invalid'],
  WRONG_RECEIVER: [400, 'err.receiver_id.invalid'],
  UNKNOWN_ACTION: [404, 'err.request.not_found'],
  MALFORMED_MESSAGE: [400, 'err.request.bad'],
};

/** A callback's header as MsgCallbackHeader_V1.0.0.yaml defines it: what it requires, read; what it allows, checked; what it adds, ignored. */
export interface CallbackHeader {
  message_id: string;
  message_ts: string;
  action: string;
  status: TxnStatus;
  sender_id?: string;
  receiver_id?: string;
  meta?: { nonce?: unknown };
}

const CALLBACK_STATUSES: readonly string[] = ['rcvd', 'pdng', 'succ', 'rjct'];

/** A callback header as the bureau writes one (MsgCallbackHeader), with a nonce in meta. */
export function newCallbackHeader(
  fields: { action: string; status: TxnStatus; senderId: string; receiverId: string; messageId?: string; totalCount?: number; completedCount?: number },
  now = new Date(),
): CallbackHeader & Record<string, unknown> {
  return {
    version: VERSION,
    message_id: fields.messageId ?? randomUUID(),
    message_ts: now.toISOString(),
    action: fields.action,
    status: fields.status,
    total_count: fields.totalCount ?? 1,
    completed_count: fields.completedCount ?? 1,
    sender_id: fields.senderId,
    receiver_id: fields.receiverId,
    meta: { nonce: randomUUID() },
  };
}

/** A callback body: the header and the message signed together (canonicalJson({ header, message })). */
export function sealCallback(header: CallbackHeader, message: unknown, key: KeyObject): string {
  return JSON.stringify({ signature: signDetached(canonicalJson({ header, message }), key), header, message });
}

export function readCallbackHeader(h: unknown): { header: CallbackHeader } | { problem: 'MALFORMED' | 'WRONG_VERSION' | 'ENCRYPTED' } {
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return { problem: 'MALFORMED' };
  const x = h as Record<string, unknown>;
  if (typeof x.message_id !== 'string' || !ID.test(x.message_id) || typeof x.message_ts !== 'string' || !ISO_TS.test(x.message_ts)) return { problem: 'MALFORMED' };
  if (typeof x.action !== 'string' || !/^[a-z-]{1,40}$/.test(x.action) || typeof x.status !== 'string' || !CALLBACK_STATUSES.includes(x.status)) return { problem: 'MALFORMED' };
  if (x.version !== undefined && x.version !== VERSION) return { problem: 'WRONG_VERSION' };
  for (const key of ['sender_id', 'receiver_id', 'status_reason_code', 'status_reason_message'] as const) {
    if (x[key] !== undefined && (typeof x[key] !== 'string' || (x[key] as string).length > 999)) return { problem: 'MALFORMED' };
  }
  for (const key of ['total_count', 'completed_count'] as const) {
    if (x[key] !== undefined && !(Number.isSafeInteger(x[key]) && (x[key] as number) >= 0)) return { problem: 'MALFORMED' };
  }
  if (x.is_msg_encrypted === true) return { problem: 'ENCRYPTED' };
  if (x.is_msg_encrypted !== undefined && x.is_msg_encrypted !== false) return { problem: 'MALFORMED' };
  if (x.meta !== undefined && (typeof x.meta !== 'object' || x.meta === null || Array.isArray(x.meta))) return { problem: 'MALFORMED' };
  return { header: x as unknown as CallbackHeader };
}

/**
 * Reads a callback body `{ signature, header, message? }`: the bureau's signature over
 * canonicalJson({ header, message }) (required by this profile: the hub applies what it says),
 * the header as the specification defines it, message_ts within the window, and a nonce when the
 * header's meta carries one (the specification's meta is free; this profile's callbacks carry it).
 */
export function openCallback(
  raw: string,
  key: KeyObject,
  now: Date,
): { header: CallbackHeader; message: unknown; nonce: string | null } | { problem: EnvelopeProblem | 'WRONG_VERSION' | 'ENCRYPTED' } {
  const body = jsonOrNull(raw) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.header !== 'object' || body.header === null) return { problem: 'MALFORMED' };
  if (typeof body.signature !== 'string' || body.signature === '') return { problem: 'UNSIGNED' };
  if (!verifyDetached(body.signature, canonicalJson({ header: body.header, message: body.message }), key)) return { problem: 'BAD_SIGNATURE' };
  const read = readCallbackHeader(body.header);
  if ('problem' in read) return read;
  if (!freshIsoTimestamp(read.header.message_ts, now)) return { problem: 'STALE_TIMESTAMP' };
  const nonce = read.header.meta?.nonce;
  if (nonce !== undefined && (typeof nonce !== 'string' || !NONCE.test(nonce))) return { problem: 'BAD_NONCE' };
  return { header: read.header, message: body.message, nonce: (nonce as string | undefined) ?? null };
}

/** The specification's answer (Response.yaml): `{ message }` only, correlation_id always a string. */
export function bareAnswer(
  status: number,
  answer: { ack: AckMessage['ack_status']; correlationId: string; error?: { code: ErrorCode; message: string } },
  now = new Date(),
): HttpReply {
  const message = { ack_status: answer.ack, timestamp: now.toISOString(), correlation_id: answer.correlationId.slice(0, 99), ...(answer.error ? { error: answer.error } : {}) };
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ message }) };
}

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
  /** The hub's public key as published at /.well-known/jwks.json; its kid goes in every JWS header. */
  private readonly hubJwk: SigningJwk;

  constructor(private readonly connection: PartnerConnection) {
    this.hubKey = es256PrivateKey(connection.credentials.hubPrivateKey ?? '', 'JUDICIAL credentials.hubPrivateKey');
    this.partnerKey = es256PublicKey(connection.credentials.partnerPublicKey ?? '', 'JUDICIAL credentials.partnerPublicKey');
    this.senderId = connection.credentials.senderId ?? '';
    if (!ID.test(this.senderId)) throw new Error('JUDICIAL credentials.senderId must be 1–100 letters, digits or . : @ _ -');
    this.bureauId = connection.endpoint.hostname;
    this.hubJwk = signingJwk(this.hubKey);
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

  /** The hub's signing key, for the bureau to verify the hub's requests by their kid (SPDCI JWKS API). */
  signingKeys(): Array<Record<string, string>> {
    return [{ ...this.hubJwk }];
  }

  /** Only the applicant's number goes, whole. */
  disclosedPersons(delivery: ReferralDelivery): string[] {
    return delivery.household.length > 0 ? [delivery.household[0].personId] : [];
  }

  /**
   * Asks the bureau what it decided so far. The specification's answer is an ACK now and a
   * `txn-on-status` callback later (read by readCallback, applied as a history): [] here. A bureau
   * that answers at once with the txn-on-status envelope is read too. Throws StatusQueryError when
   * the bureau refuses or cannot be reached.
   */
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
    if (ack?.ack_status === 'ACK') return []; // the answer follows by callback
    const sync = opened.header?.action === ACTION.onStatus ? fromStatusResponse(opened.message) : null;
    if (!sync || sync.referralId !== referralId) throw new StatusQueryError('MALFORMED_REPLY', true);
    return sync.answers;
  }

  readCallback(request: CallbackRequest, now: Date): CallbackReading {
    const raw = request.rawBody.toString('utf8');
    // A refusal echoes the callback's correlation_id when it names one, else one of the hub's own.
    const echoed = (jsonOrNull(raw) as { message?: { correlation_id?: unknown } } | null)?.message?.correlation_id;
    const correlationOf = (fallback: string) => (typeof echoed === 'string' && echoed !== '' ? echoed : fallback);
    const refuse = (reason: string): CallbackReading => {
      const [status, code] = REFUSALS[reason];
      return { accepted: false, reason, reply: bareAnswer(status, { ack: 'ERR', correlationId: correlationOf(`hub-${randomUUID()}`), error: { code, message: reason } }, now) };
    };
    const opened = openCallback(raw, this.partnerKey, now);
    if ('problem' in opened) return refuse(opened.problem);
    const { header, message } = opened;
    if (header.sender_id !== undefined && header.sender_id !== this.bureauId) return refuse('WRONG_SENDER');
    if (header.receiver_id !== undefined && header.receiver_id !== this.senderId) return refuse('WRONG_RECEIVER');
    if (header.action !== ACTION.onRefer && header.action !== ACTION.onStatus) return refuse('UNKNOWN_ACTION');
    // A header-only callback is the specification's too: nothing in it to apply.
    let answers: PartnerAnswer[] = [];
    if (message !== undefined) {
      const read = header.action === ACTION.onRefer ? fromOnReferMessage(message) : fromStatusResponse(message)?.answers;
      if (!read) return refuse('MALFORMED_MESSAGE');
      answers = Array.isArray(read) ? read : [read];
    }
    const correlationId = correlationOf(answers[0]?.externalRef ?? answers[0]?.referralId ?? header.message_id);
    return {
      accepted: true,
      // Stable for a re-sent message (the bureau re-sends with the same message_id).
      messageId: header.message_id,
      nonce: opened.nonce,
      answers,
      // txn-on-status carries the whole history: only what the hub does not have yet is applied.
      history: header.action === ACTION.onStatus,
      // HTTP 200 with the bare answer, as the compliance suite's receivers answer: ACK (a duplicate is
      // acknowledged again, applied once), NACK for a valid message the hub cannot apply (no referral of it).
      reply: (result: CallbackResult) => bareAnswer(200, { ack: result === 'REJECTED' ? 'NACK' : 'ACK', correlationId }),
    };
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
      return send(url, { headers, body: seal(header, message, this.hubKey, this.hubJwk.kid) }, signal);
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
