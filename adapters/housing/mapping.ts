import type { PartnerAnswer, ReferralCancellation, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { text, optionalText, materialList } from '../shared/fields';
import { noticeAsk } from '../shared/notice';

// The housing and urban-rural development bureau's API (住建局): what it receives and what it
// reports, as plain functions. 住房救助 (public rental housing, rent subsidy, dilapidated-house
// repair) is granted to a household on its size and income and checked against the applicant's
// property records, so the bureau gets those figures and the applicant with the whole identity
// number; no other member.

export interface HousingReferral {
  referralId: string;
  caseNo: string;
  category: string;
  townshipCode: string;
  acceptedDate: string;
  dueDate: string;
  applicant: { name: string; idNumber: string };
  household: { size: number; perCapitaMonthlyIncomeFen: number };
}

export interface HousingCancellation {
  referralId: string;
  caseNo: string;
  caseReference: string | null;
  reason: string;
}

/** The referral as the bureau takes it; null without an applicant (nothing to refer). */
export function toHousingReferral(d: ReferralDelivery): HousingReferral | null {
  const applicant = d.household[0];
  if (!applicant) return null;
  return {
    referralId: d.referralId,
    caseNo: d.caseNo,
    category: d.category,
    townshipCode: d.townshipCode,
    acceptedDate: d.acceptedDate,
    dueDate: d.dueDate,
    applicant: { name: applicant.name, idNumber: applicant.idNumber },
    household: { size: d.householdSize, perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen },
  };
}

export function toHousingCancellation(c: ReferralCancellation): HousingCancellation {
  return { referralId: c.referralId, caseNo: c.caseNo, caseReference: c.externalRef, reason: c.reason };
}

export type HousingEventType = 'referral.received' | 'referral.documents_requested' | 'referral.decided';

/** The event the bureau POSTs to the hub. */
export interface HousingEvent {
  eventId: string;
  referralId: string;
  eventType: HousingEventType;
  caseReference: string;
  occurredAt?: string;
  documents?: string[];
  decision?: 'approved' | 'rejected';
  /** Granted monthly rent subsidy or one-off repair grant, in fen. */
  subsidyFen?: number | null;
  comment?: string | null;
}

/** The reverse of fromHousingEvent (the simulator's side). */
export function toHousingEvent(eventId: string, answer: PartnerAnswer, occurredAt = new Date()): HousingEvent {
  const base = { eventId, referralId: answer.referralId, caseReference: answer.externalRef ?? '', occurredAt: occurredAt.toISOString() };
  switch (answer.kind) {
    case 'ACKNOWLEDGED':
      return { ...base, eventType: 'referral.received' };
    case 'SUPPLEMENT_REQUESTED':
      return { ...base, eventType: 'referral.documents_requested', documents: answer.materials, comment: answer.note ?? null };
    case 'RESOLVED':
      return {
        ...base,
        eventType: 'referral.decided',
        decision: answer.decision === 'APPROVED' ? 'approved' : 'rejected',
        subsidyFen: answer.amountFen ?? null,
        comment: answer.note ?? null,
      };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an event body; null when it is not one of the bureau's events. */
export function fromHousingEvent(body: unknown): { messageId: string; answer: PartnerAnswer } | null {
  if (!isObject(body)) return null;
  const { eventId, referralId, caseReference, comment, occurredAt } = body;
  if (!text(eventId, 100) || !text(referralId, 26) || !text(caseReference, 64) || !optionalText(comment, 1000) || !optionalText(occurredAt, 40)) return null;
  const base = { referralId, externalRef: caseReference };
  const note = (comment as string | null | undefined) ?? null;
  switch (body.eventType) {
    case 'referral.received':
      return { messageId: eventId, answer: { ...base, kind: 'ACKNOWLEDGED' } };
    case 'referral.documents_requested': {
      const docs = body.documents;
      if (!materialList(docs)) return null;
      return { messageId: eventId, answer: { ...base, kind: 'SUPPLEMENT_REQUESTED', materials: docs as string[], note } };
    }
    case 'referral.decided': {
      if (body.decision !== 'approved' && body.decision !== 'rejected') return null;
      const fen = body.subsidyFen;
      if (fen !== undefined && fen !== null && !(Number.isSafeInteger(fen) && (fen as number) >= 0)) return null;
      const decision = body.decision === 'approved' ? 'APPROVED' : 'REJECTED';
      return { messageId: eventId, answer: { ...base, kind: 'RESOLVED', decision, amountFen: (fen as number | null | undefined) ?? null, note } };
    }
    default:
      return null;
  }
}

/** The bureau's answer to a delivery or cancellation: `{ caseReference, status }`; the reference, or null. */
/** A supervision notice (督办单) on a referral the bureau holds: the ask, no personal data. */
export function toHousingSupervision(n: SupervisionNoticeMessage) {
  return { ...noticeAsk(n), caseReference: n.externalRef };
}

export function caseReferenceOf(body: unknown): string | null {
  return isObject(body) && text(body.caseReference, 64) ? body.caseReference : null;
}

/** What both sides sign: `<timestamp>.<nonce>.<raw body>` (adapters/shared/hmac-headers.ts). */
export { timestampNonceBody as signingInput } from '../shared/hmac-headers';

/** HTTP Basic client authentication (RFC 6749 §2.3.1: each part form-encoded first). */
export { basicAuthorization } from '../shared/client-credentials';

/** Reads `Authorization: Basic …` back into the client id and secret; null when it is not that. */
export function readBasicAuthorization(header: string | undefined): { clientId: string; clientSecret: string } | null {
  const m = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const unform = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return null;
    }
  };
  const clientId = unform(decoded.slice(0, colon));
  const clientSecret = unform(decoded.slice(colon + 1));
  return clientId === null || clientSecret === null ? null : { clientId, clientSecret };
}

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
}

/** When the token endpoint leaves out expires_in (RFC 6749 makes it only RECOMMENDED). */
export const DEFAULT_TOKEN_SECONDS = 300;

/** Reads a token endpoint answer (RFC 6749 §5.1); null when it is not a bearer token. */
export function fromTokenResponse(body: unknown): TokenGrant | null {
  if (!isObject(body) || !text(body.access_token, 4096) || typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') return null;
  // A token with characters outside RFC 6750's b64token could not go in a header.
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(body.access_token)) return null;
  const expires = body.expires_in;
  if (expires === undefined) return { accessToken: body.access_token, expiresInSeconds: DEFAULT_TOKEN_SECONDS };
  if (!Number.isSafeInteger(expires) || (expires as number) <= 0) return null;
  return { accessToken: body.access_token, expiresInSeconds: expires as number };
}
