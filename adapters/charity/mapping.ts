import type { PartnerAnswer, ReferralCancellation, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { maskIdNumber } from '../../src/access/identity-number';
import { text, optionalText, materialList } from '../shared/fields';
import { noticeAsk } from '../shared/notice';

// The charity federation's webhook (慈善总会): what it receives and what it reports, as plain
// functions. It helps households just above the 低保 line, so it gets the household's size and
// income and the applicant's name, with the identity number masked: it never needs it whole.

export interface CharityReferral {
  referralId: string;
  caseNo: string;
  category: string;
  townshipCode: string;
  dueDate: string;
  applicant: { name: string; idNumberMasked: string };
  household: { size: number; perCapitaMonthlyIncomeFen: number; disabledMembers: number; seriouslyIllMembers: number };
}

export function toCharityReferral(d: ReferralDelivery): CharityReferral {
  const applicant = d.household[0];
  return {
    referralId: d.referralId,
    caseNo: d.caseNo,
    category: d.category,
    townshipCode: d.townshipCode,
    dueDate: d.dueDate,
    applicant: { name: applicant.name, idNumberMasked: maskIdNumber(applicant.idNumber) },
    household: {
      size: d.householdSize,
      perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen,
      disabledMembers: d.household.filter((p) => p.disabled).length,
      seriouslyIllMembers: d.household.filter((p) => p.seriouslyIll).length,
    },
  };
}

export function toCharityCancellation(c: ReferralCancellation): { referralId: string; caseNo: string; reference: string | null; reason: string } {
  return { referralId: c.referralId, caseNo: c.caseNo, reference: c.externalRef, reason: c.reason };
}

/** A supervision notice (督办单) on a referral the federation holds: the ask, no personal data. */
export function toCharitySupervision(n: SupervisionNoticeMessage) {
  return { ...noticeAsk(n), reference: n.externalRef };
}

/** The callback body: `{ messageId, referralId, event, reference?, materials?, decision?, amountFen?, note? }`. */
export interface CharityEvent {
  messageId: string;
  referralId: string;
  event: 'acknowledged' | 'supplement_requested' | 'resolved';
  reference?: string | null;
  materials?: string[];
  decision?: 'APPROVED' | 'REJECTED';
  amountFen?: number | null;
  note?: string | null;
}

export function toCharityEvent(messageId: string, answer: PartnerAnswer): CharityEvent {
  const base = { messageId, referralId: answer.referralId, reference: answer.externalRef ?? null };
  switch (answer.kind) {
    case 'ACKNOWLEDGED':
      return { ...base, event: 'acknowledged' };
    case 'SUPPLEMENT_REQUESTED':
      return { ...base, event: 'supplement_requested', materials: answer.materials, note: answer.note ?? null };
    case 'RESOLVED':
      return { ...base, event: 'resolved', decision: answer.decision, amountFen: answer.amountFen ?? null, note: answer.note ?? null };
  }
}


/** Reads a callback body; null when it is not a charity event. */
export function fromCharityEvent(body: unknown): { messageId: string; answer: PartnerAnswer } | null {
  if (typeof body !== 'object' || body === null) return null;
  const e = body as Record<string, unknown>;
  if (!text(e.messageId, 100) || !text(e.referralId, 26) || !optionalText(e.reference, 100) || !optionalText(e.note, 1000)) return null;
  const base = { referralId: e.referralId, externalRef: (e.reference as string | null | undefined) ?? null };
  const note = (e.note as string | null | undefined) ?? null;
  switch (e.event) {
    case 'acknowledged':
      return { messageId: e.messageId, answer: { ...base, kind: 'ACKNOWLEDGED' } };
    case 'supplement_requested':
      if (!materialList(e.materials)) return null;
      return { messageId: e.messageId, answer: { ...base, kind: 'SUPPLEMENT_REQUESTED', materials: e.materials as string[], note } };
    case 'resolved': {
      if (e.decision !== 'APPROVED' && e.decision !== 'REJECTED') return null;
      const amount = e.amountFen;
      if (amount !== undefined && amount !== null && !(Number.isInteger(amount) && (amount as number) >= 0)) return null;
      return { messageId: e.messageId, answer: { ...base, kind: 'RESOLVED', decision: e.decision, amountFen: (amount as number | null | undefined) ?? null, note } };
    }
    default:
      return null;
  }
}
