import { randomUUID, KeyObject } from 'node:crypto';
import type { HttpReply } from '../../src/delivery/department-adapter';
import { canonicalJson, freshInstant } from '../shared/signing';
import { KeySource, signDetached, verifyDetachedBy } from '../shared/detached-jws';
import { jsonOrNull } from '../shared/http';
import { AckMessage, fromAck, TxnStatus } from './mapping';

// The G2P Connect / SPDCI envelope as this adapter writes and reads it: request headers
// (MsgHeader), callback headers (MsgCallbackHeader), the detached-JWS signature over
// canonicalJson({ header, message }), the bare answer (Response.yaml) and the Error enum. Pure.

export const VERSION = '1.0.0';
export const ACTION = { refer: 'refer', withdraw: 'withdraw', supervise: 'supervise', status: 'txn-status', onRefer: 'on-refer', onStatus: 'txn-on-status' } as const;
// The registry API's paths (registry_core_api_v1.0.0.yaml); refer, withdraw and supervise are this profile's verbs on the same pattern.
export const PATH = { refer: 'registry/refer', withdraw: 'registry/withdraw', supervise: 'registry/supervise', status: 'registry/txn/status', syncStatus: 'registry/sync/txn/status' } as const;
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
export const ID = /^[\w.:@-]{1,100}$/;
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
export function openEnvelope(raw: string, key: KeySource, now: Date): { envelope: G2pEnvelope } | { problem: EnvelopeProblem } {
  const body = jsonOrNull(raw) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.header !== 'object' || body.header === null || !('message' in body)) return { problem: 'MALFORMED' };
  if (typeof body.signature !== 'string' || body.signature === '') return { problem: 'UNSIGNED' };
  if (!verifyDetachedBy(body.signature, canonicalJson({ header: body.header, message: body.message }), key)) return { problem: 'BAD_SIGNATURE' };
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
export type ErrorCode = (typeof ERROR_CODES)[number];

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
export function sealCallback(header: CallbackHeader, message: unknown, key: KeyObject, kid?: string): string {
  return JSON.stringify({ signature: signDetached(canonicalJson({ header, message }), key, kid ? { kid } : {}), header, message });
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
  key: KeySource,
  now: Date,
): { header: CallbackHeader; message: unknown; nonce: string | null } | { problem: EnvelopeProblem | 'WRONG_VERSION' | 'ENCRYPTED' } {
  const body = jsonOrNull(raw) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.header !== 'object' || body.header === null) return { problem: 'MALFORMED' };
  if (typeof body.signature !== 'string' || body.signature === '') return { problem: 'UNSIGNED' };
  if (!verifyDetachedBy(body.signature, canonicalJson({ header: body.header, message: body.message }), key)) return { problem: 'BAD_SIGNATURE' };
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

/**
 * The specification's bare ACK (Response.yaml: `{ message: { ack_status, timestamp, correlation_id,
 * error? } }`, no header): the message, BAD_SIGNATURE when it carries a signature that does not
 * verify over canonicalJson({ message }), or null when the body is not one.
 */
export function bareAck(raw: string, key: KeySource): { message: unknown } | 'BAD_SIGNATURE' | null {
  const body = jsonOrNull(raw) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'header' in body || !fromAck(body.message)) return null;
  if (body.signature !== undefined && (typeof body.signature !== 'string' || !verifyDetachedBy(body.signature, canonicalJson({ message: body.message }), key))) return 'BAD_SIGNATURE';
  return { message: body.message };
}
