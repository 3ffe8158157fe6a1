import type { PartnerAnswer, ReferralCancellation, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { idNumberProblem } from '../../src/access/identity-number';
import { isValidIsoDate } from '../../src/common/dates';
import { text, materialList } from '../shared/fields';

// The justice bureau's legal-aid system (司法局 · 法律援助) speaks G2P Connect / SPDCI: every body is
// `{ signature, header, message }`. These are the messages, as plain functions. Legal aid is
// granted to the applicant in person, so the bureau gets the applicant only (name and whole
// identity number, which it checks against the household register), the case, the category, the
// township and the due date — nothing about the other members or the household's income.

export type TxnStatus = 'rcvd' | 'pdng' | 'succ' | 'rjct';

/** action "refer": one referral for legal aid (法律援助转介). transaction_id is the idempotency key. */
export interface ReferMessage {
  transaction_id: string;
  referral: {
    case_no: string;
    category: string;
    township_code: string;
    due_date: string;
    applicant: { name: string; identity_number: string };
  };
}

/** action "withdraw": the case was withdrawn (撤回); correlation_id is the bureau's reference, if known. */
export interface WithdrawMessage {
  transaction_id: string;
  correlation_id: string | null;
  case_no: string;
  reason: string;
}

/**
 * action "supervise": a supervision notice (督办单) on a referral the bureau holds, this profile's verb
 * on the registry's pattern like refer and withdraw. transaction_id is the notice's own id (the
 * idempotency key), referral_transaction_id the referral's; no personal data.
 */
export interface SuperviseMessage {
  transaction_id: string;
  correlation_id: string | null;
  referral_transaction_id: string;
  case_no: string;
  clock: string;
  level: string;
  supervisor_region: string;
  due_date: string;
  raised_on: string;
  respond_by: string;
}

/**
 * action "txn-status" (TxnStatusRequest.yaml): what the bureau has decided so far on one
 * transaction. txn_type "refer" is this profile's (the specification's enum names search and
 * subscribe only; a referral is neither).
 */
export interface StatusRequestMessage {
  transaction_id: string;
  txnstatus_request: { reference_id: string; txn_type: 'refer'; attribute_type: 'transaction_id'; attribute_value: string };
}

/**
 * The answer, by callback (action "txn-on-status", TxnStatusResponse.yaml): txn_status holds the
 * referral's transaction_id and what was decided, as on-refer messages.
 */
export interface StatusResponseMessage {
  transaction_id: string;
  correlation_id: string | null;
  txnstatus_response: { txn_type: 'refer'; txn_status: { transaction_id: string; records: OnReferMessage[] } };
}

/** The immediate answer to every request, both ways. */
export interface AckMessage {
  ack_status: 'ACK' | 'NACK' | 'ERR';
  timestamp: string;
  correlation_id: string | null;
  error?: { code: string; message: string };
}

/** action "on-refer": what the bureau reports later, POSTed to the hub's sender_uri. */
export interface OnReferMessage {
  transaction_id: string;
  correlation_id: string | null;
  status: TxnStatus;
  /** rjct only: why the bureau refused the referral as such (不予受理), e.g. rjct.jurisdiction.invalid. */
  status_reason_code?: string;
  result:
    | { type: 'acknowledged' }
    | { type: 'supplement_request'; materials: string[]; note: string | null }
    | { type: 'decision'; decision: 'APPROVED' | 'REJECTED'; amount_fen: number | null; note: string | null }
    | null;
}

export function toReferMessage(d: ReferralDelivery): ReferMessage {
  const applicant = d.household[0];
  return {
    transaction_id: d.referralId,
    referral: {
      case_no: d.caseNo,
      category: d.category,
      township_code: d.townshipCode,
      due_date: d.dueDate,
      applicant: { name: applicant.name, identity_number: applicant.idNumber },
    },
  };
}

export function toWithdrawMessage(c: ReferralCancellation): WithdrawMessage {
  return { transaction_id: c.referralId, correlation_id: c.externalRef, case_no: c.caseNo, reason: c.reason };
}

export function toSuperviseMessage(n: SupervisionNoticeMessage): SuperviseMessage {
  return {
    transaction_id: n.noticeId,
    correlation_id: n.externalRef,
    referral_transaction_id: n.referralId,
    case_no: n.caseNo,
    clock: n.clock,
    level: n.level,
    supervisor_region: n.supervisorRegion,
    due_date: n.dueDate,
    raised_on: n.raisedOn,
    respond_by: n.respondBy,
  };
}

export function toStatusRequest(queryId: string, referralId: string): StatusRequestMessage {
  return { transaction_id: queryId, txnstatus_request: { reference_id: queryId, txn_type: 'refer', attribute_type: 'transaction_id', attribute_value: referralId } };
}

/** The bureau's side (simulator): an answer as an on-refer message. A decision, either way, is succ. */
export function toOnReferMessage(answer: PartnerAnswer): OnReferMessage {
  const base = { transaction_id: answer.referralId, correlation_id: answer.externalRef ?? null };
  switch (answer.kind) {
    case 'ACKNOWLEDGED':
      return { ...base, status: 'rcvd', result: { type: 'acknowledged' } };
    case 'SUPPLEMENT_REQUESTED':
      return { ...base, status: 'pdng', result: { type: 'supplement_request', materials: answer.materials, note: answer.note ?? null } };
    case 'RESOLVED':
      return { ...base, status: 'succ', result: { type: 'decision', decision: answer.decision, amount_fen: answer.amountFen ?? null, note: answer.note ?? null } };
  }
}

// Strict readers: exact key sets, bounded strings; null on anything else.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullableText = (v: unknown, max: number): v is string | null => v === null || text(v, max);
const onlyKeys = (o: Record<string, unknown>, required: string[], optional: string[] = []): boolean =>
  required.every((k) => k in o) && Object.keys(o).every((k) => required.includes(k) || optional.includes(k));

export const TRANSACTION_ID = /^[0-9A-Za-z_-]{1,64}$/;
/** G2P reason codes: dotted lower-case words (rjct.message.invalid, err.signature.invalid). */
export const REASON_CODE = /^(rjct|err)(\.[a-z0-9_]+){1,4}$/;
const isTransactionId = (v: unknown): v is string => typeof v === 'string' && TRANSACTION_ID.test(v);

/** The bureau's side: a refer message it can accept; `today` bounds the birth date in the identity number. */
export function fromReferMessage(body: unknown, today: string): ReferMessage | null {
  if (!isObject(body) || !onlyKeys(body, ['transaction_id', 'referral']) || !isTransactionId(body.transaction_id)) return null;
  const r = body.referral;
  if (!isObject(r) || !onlyKeys(r, ['case_no', 'category', 'township_code', 'due_date', 'applicant'])) return null;
  if (!text(r.case_no, 40) || !text(r.category, 40) || typeof r.township_code !== 'string' || !/^\d{6,12}$/.test(r.township_code)) return null;
  if (typeof r.due_date !== 'string' || !isValidIsoDate(r.due_date)) return null;
  const a = r.applicant;
  if (!isObject(a) || !onlyKeys(a, ['name', 'identity_number']) || !text(a.name, 50) || typeof a.identity_number !== 'string') return null;
  if (idNumberProblem(a.identity_number, today) !== null) return null;
  return body as unknown as ReferMessage;
}

export function fromWithdrawMessage(body: unknown): WithdrawMessage | null {
  if (!isObject(body) || !onlyKeys(body, ['transaction_id', 'correlation_id', 'case_no', 'reason'])) return null;
  if (!isTransactionId(body.transaction_id) || !nullableText(body.correlation_id, 100) || !text(body.case_no, 40) || !text(body.reason, 200)) return null;
  return body as unknown as WithdrawMessage;
}

const SUPERVISE_KEYS = ['transaction_id', 'correlation_id', 'referral_transaction_id', 'case_no', 'clock', 'level', 'supervisor_region', 'due_date', 'raised_on', 'respond_by'];

export function fromSuperviseMessage(body: unknown): SuperviseMessage | null {
  if (!isObject(body) || !onlyKeys(body, SUPERVISE_KEYS)) return null;
  if (!isTransactionId(body.transaction_id) || !isTransactionId(body.referral_transaction_id) || !nullableText(body.correlation_id, 100) || !text(body.case_no, 40)) return null;
  if (!['ACKNOWLEDGEMENT', 'RESOLUTION'].includes(body.clock as string) || !['COUNTY', 'CITY'].includes(body.level as string) || !text(body.supervisor_region, 12)) return null;
  const dates = [body.due_date, body.raised_on, body.respond_by];
  if (!dates.every((d) => typeof d === 'string' && isValidIsoDate(d))) return null;
  return body as unknown as SuperviseMessage;
}

export function fromStatusRequest(body: unknown): StatusRequestMessage | null {
  if (!isObject(body) || !onlyKeys(body, ['transaction_id', 'txnstatus_request']) || !text(body.transaction_id, 100)) return null;
  const q = body.txnstatus_request;
  if (!isObject(q) || !onlyKeys(q, ['reference_id', 'txn_type', 'attribute_type', 'attribute_value'], ['locale']) || !text(q.reference_id, 99)) return null;
  if (q.txn_type !== 'refer' || q.attribute_type !== 'transaction_id' || !isTransactionId(q.attribute_value)) return null;
  return body as unknown as StatusRequestMessage;
}

export function fromAck(body: unknown): AckMessage | null {
  if (!isObject(body) || !onlyKeys(body, ['ack_status', 'timestamp'], ['correlation_id', 'error'])) return null;
  if (body.ack_status !== 'ACK' && body.ack_status !== 'NACK' && body.ack_status !== 'ERR') return null;
  if (typeof body.timestamp !== 'string' || Number.isNaN(Date.parse(body.timestamp))) return null;
  if (body.correlation_id !== undefined && !nullableText(body.correlation_id, 100)) return null;
  if (body.error !== undefined) {
    const e = body.error;
    if (!isObject(e) || !onlyKeys(e, ['code'], ['message']) || typeof e.code !== 'string' || e.code.length > 100) return null;
    if (e.message !== undefined && typeof e.message !== 'string') return null;
  }
  return { ack_status: body.ack_status, timestamp: body.timestamp, correlation_id: (body.correlation_id as string | null | undefined) ?? null, ...(isObject(body.error) ? { error: body.error as AckMessage['error'] } : {}) };
}

/** The hub's side: one on-refer message as the answer it reports; null when malformed. */
export function fromOnReferMessage(body: unknown): PartnerAnswer | null {
  // What it needs, read strictly; fields the specification adds (status_reason_message …) ignored.
  if (!isObject(body) || !['transaction_id', 'correlation_id', 'status'].every((k) => k in body)) return null;
  if (!isTransactionId(body.transaction_id) || !nullableText(body.correlation_id, 100)) return null;
  const base = { referralId: body.transaction_id, externalRef: body.correlation_id };
  const r = body.result;
  if (body.status === 'rjct') {
    // The bureau refused the referral itself: for the applicant that is a refusal, with the code as the note.
    if (typeof body.status_reason_code !== 'string' || !REASON_CODE.test(body.status_reason_code) || (r !== undefined && r !== null)) return null;
    return { ...base, kind: 'RESOLVED', decision: 'REJECTED', amountFen: null, note: body.status_reason_code };
  }
  if (body.status_reason_code !== undefined || !isObject(r)) return null;
  switch (body.status) {
    case 'rcvd':
      return r.type === 'acknowledged' && onlyKeys(r, ['type']) ? { ...base, kind: 'ACKNOWLEDGED' } : null;
    case 'pdng': {
      if (r.type !== 'supplement_request' || !onlyKeys(r, ['type', 'materials'], ['note'])) return null;
      const m = r.materials;
      if (!materialList(m)) return null;
      if (r.note !== undefined && !nullableText(r.note, 1000)) return null;
      return { ...base, kind: 'SUPPLEMENT_REQUESTED', materials: m as string[], note: (r.note as string | null | undefined) ?? null };
    }
    case 'succ': {
      if (r.type !== 'decision' || !onlyKeys(r, ['type', 'decision'], ['amount_fen', 'note'])) return null;
      if (r.decision !== 'APPROVED' && r.decision !== 'REJECTED') return null;
      const amount = r.amount_fen;
      if (amount !== undefined && amount !== null && !(Number.isSafeInteger(amount) && (amount as number) >= 0)) return null;
      if (r.note !== undefined && !nullableText(r.note, 1000)) return null;
      return { ...base, kind: 'RESOLVED', decision: r.decision, amountFen: (amount as number | null | undefined) ?? null, note: (r.note as string | null | undefined) ?? null };
    }
    default:
      return null;
  }
}

const ORDER: Record<PartnerAnswer['kind'], number> = { ACKNOWLEDGED: 0, SUPPLEMENT_REQUESTED: 1, RESOLVED: 2 };

/**
 * The hub's side: a txn-on-status message as the referral it is about and its answers so far, in
 * the order acknowledged, supplement, decision. Null when malformed; fields it adds are ignored.
 */
export function fromStatusResponse(body: unknown): { referralId: string; answers: PartnerAnswer[] } | null {
  if (!isObject(body) || !text(body.transaction_id, 100) || !nullableText(body.correlation_id, 100)) return null;
  const s = body.txnstatus_response;
  if (!isObject(s) || s.txn_type !== 'refer' || !isObject(s.txn_status)) return null;
  const { transaction_id: referralId, records } = s.txn_status;
  if (!isTransactionId(referralId) || !Array.isArray(records) || records.length > 10) return null;
  const answers: PartnerAnswer[] = [];
  for (const record of records) {
    const answer = fromOnReferMessage(record);
    if (!answer || answer.referralId !== referralId) return null;
    answers.push(answer);
  }
  return { referralId, answers: answers.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]) };
}

/** The bureau's side: its decided answers as status records, in the order the hub expects. */
export function toStatusRecords(answers: PartnerAnswer[]): OnReferMessage[] {
  return [...answers].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]).map(toOnReferMessage);
}
