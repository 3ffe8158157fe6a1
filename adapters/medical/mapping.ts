import type { DeliveredPerson, PartnerAnswer, ReferralCancellation, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { sha256Hex } from '../shared/signing';
import { text, optionalText, materialList } from '../shared/fields';
import { noticeAsk } from '../shared/notice';

// The medical insurance bureau's gateway (医保局): what it receives and what it reports, as plain
// functions. 医疗救助 is settled against a person's insurance account (参保人), so the bureau gets
// the seriously ill and disabled members with their whole identity numbers; when the household
// flagged no one, the applicant, who declared the household's medical expenses, stands for it.
// It also gets the household's size and per-capita income, which set the assistance tier.

/** Why a person is in the request. */
export type InsuredBasis = 'SERIOUSLY_ILL' | 'DISABLED' | 'APPLICANT';

export interface MedicalInsuredPerson {
  name: string;
  idNumber: string; // whole: the bureau looks the person up by it
  relation: string;
  basis: InsuredBasis[];
}

export interface MedicalReferral {
  referralId: string;
  caseNo: string;
  category: string;
  townshipCode: string;
  acceptedDate: string;
  dueDate: string;
  household: { size: number; perCapitaMonthlyIncomeFen: number };
  insuredPersons: MedicalInsuredPerson[];
}

export interface MedicalCancellation {
  referralId: string;
  caseNo: string;
  acceptNo: string | null;
  reason: string;
}

/** The members the bureau needs (参保人): seriously ill or disabled, else the applicant. */
export function insuredMembers(d: ReferralDelivery): DeliveredPerson[] {
  const flagged = d.household.filter((p) => p.seriouslyIll || p.disabled);
  return flagged.length > 0 ? flagged : d.household.slice(0, 1);
}

function basisOf(p: DeliveredPerson): InsuredBasis[] {
  const basis: InsuredBasis[] = [];
  if (p.seriouslyIll) basis.push('SERIOUSLY_ILL');
  if (p.disabled) basis.push('DISABLED');
  return basis.length > 0 ? basis : ['APPLICANT'];
}

export function toMedicalReferral(d: ReferralDelivery): MedicalReferral {
  return {
    referralId: d.referralId,
    caseNo: d.caseNo,
    category: d.category,
    townshipCode: d.townshipCode,
    acceptedDate: d.acceptedDate,
    dueDate: d.dueDate,
    household: { size: d.householdSize, perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen },
    insuredPersons: insuredMembers(d).map((p) => ({ name: p.name, idNumber: p.idNumber, relation: p.relation, basis: basisOf(p) })),
  };
}

export function toMedicalCancellation(c: ReferralCancellation): MedicalCancellation {
  return { referralId: c.referralId, caseNo: c.caseNo, acceptNo: c.externalRef, reason: c.reason };
}

/** A supervision notice (督办单) on a referral the bureau holds: the ask, no personal data. */
export function toMedicalSupervision(n: SupervisionNoticeMessage) {
  return { ...noticeAsk(n), acceptNo: n.externalRef };
}

/** The callback body the bureau POSTs to the hub. */
export interface MedicalCallback {
  msgId: string;
  referralId: string;
  type: 'ACK' | 'SUPPLEMENT' | 'RESULT';
  acceptNo: string;
  materials?: string[];
  result?: { decision: 'APPROVED' | 'REJECTED'; reimbursedFen?: number | null };
  remark?: string | null;
}

/** The reverse of fromMedicalCallback (the simulator's side). */
export function toMedicalCallback(msgId: string, answer: PartnerAnswer): MedicalCallback {
  const base = { msgId, referralId: answer.referralId, acceptNo: answer.externalRef ?? '' };
  switch (answer.kind) {
    case 'ACKNOWLEDGED':
      return { ...base, type: 'ACK' };
    case 'SUPPLEMENT_REQUESTED':
      return { ...base, type: 'SUPPLEMENT', materials: answer.materials, remark: answer.note ?? null };
    case 'RESOLVED':
      return { ...base, type: 'RESULT', result: { decision: answer.decision, reimbursedFen: answer.amountFen ?? null }, remark: answer.note ?? null };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a callback body; null when it is not one of the bureau's messages. */
export function fromMedicalCallback(body: unknown): { messageId: string; answer: PartnerAnswer } | null {
  if (!isObject(body)) return null;
  const { msgId, referralId, acceptNo, remark } = body;
  if (!text(msgId, 100) || !text(referralId, 26) || !text(acceptNo, 64) || !optionalText(remark, 1000)) return null;
  const base = { referralId, externalRef: acceptNo };
  const note = (remark as string | null | undefined) ?? null;
  switch (body.type) {
    case 'ACK':
      return { messageId: msgId, answer: { ...base, kind: 'ACKNOWLEDGED' } };
    case 'SUPPLEMENT': {
      const m = body.materials;
      if (!materialList(m)) return null;
      return { messageId: msgId, answer: { ...base, kind: 'SUPPLEMENT_REQUESTED', materials: m as string[], note } };
    }
    case 'RESULT': {
      const r = body.result;
      if (!isObject(r) || (r.decision !== 'APPROVED' && r.decision !== 'REJECTED')) return null;
      const fen = r.reimbursedFen;
      if (fen !== undefined && fen !== null && !(Number.isSafeInteger(fen) && (fen as number) >= 0)) return null;
      return { messageId: msgId, answer: { ...base, kind: 'RESOLVED', decision: r.decision, amountFen: (fen as number | null | undefined) ?? null, note } };
    }
    default:
      return null;
  }
}

/** The gateway's signing string: METHOD, path, timestamp, nonce and the body's SHA-256, one a line. */
export function stringToSign(method: string, path: string, timestamp: string, nonce: string, body: string | Buffer): string {
  return [method.toUpperCase(), path, timestamp, nonce, sha256Hex(body)].join('\n');
}

/** The gateway's success answer `{ code: "0", data: { acceptNo } }`: the acceptance number, or null. */
export function acceptNoOf(body: unknown): string | null {
  if (!isObject(body) || body.code !== '0' || !isObject(body.data)) return null;
  return text(body.data.acceptNo, 64) ? body.data.acceptNo : null;
}
