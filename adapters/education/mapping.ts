import type { DeliveredPerson, PartnerAnswer, ReferralCancellation, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { checkCharacter } from '../../src/access/identity-number';
import { el, type Operation, record, textOf } from './soap';
import { text, optionalText, materialList } from '../shared/fields';
import { noticeAsk, NoticeAsk } from '../shared/notice';

// The education bureau's student financial aid service (教育局 学生资助): what it receives and what
// it reports, as plain functions. It needs the household's members in school — each with the whole
// identity number, because aid is matched to the student's school record (学籍) by that number —
// and the applicant's name as the guardian to contact. Income, health and work stay with the hub.

/** The bureau's school-stage codes (学段). */
export const SCHOOL_STAGE_CODE: Record<string, string> = {
  PRESCHOOL: 'XQ', // 学前教育
  PRIMARY: 'XX', // 小学
  JUNIOR_SECONDARY: 'CZ', // 初中
  SENIOR_SECONDARY: 'GZ', // 普通高中
  VOCATIONAL: 'ZZ', // 中等职业教育
  UNDERGRADUATE: 'BZK', // 本专科
  POSTGRADUATE: 'YJS', // 研究生
};
const STAGE_CODES = new Set(Object.values(SCHOOL_STAGE_CODE));

export interface Student {
  name: string;
  idNumber: string;
  /** The bureau's code (XQ, XX, CZ, GZ, ZZ, BZK, YJS). */
  schoolStage: string;
}

export interface EducationReferral {
  referralId: string;
  caseNo: string;
  townshipCode: string;
  acceptedDate: string;
  dueDate: string;
  applicantName: string;
  students: Student[];
}

export interface EducationCancellation {
  referralId: string;
  caseNo: string;
  receiptNo: string | null;
  reason: string;
}

/** The members the bureau is told about: those in school, whatever their relation. */
export function studentsOf(d: ReferralDelivery): DeliveredPerson[] {
  return d.household.filter((p) => p.schoolStage !== null && Object.hasOwn(SCHOOL_STAGE_CODE, p.schoolStage));
}

export function toEducationReferral(d: ReferralDelivery): EducationReferral {
  return {
    referralId: d.referralId,
    caseNo: d.caseNo,
    townshipCode: d.townshipCode,
    acceptedDate: d.acceptedDate,
    dueDate: d.dueDate,
    applicantName: d.household[0].name,
    students: studentsOf(d).map((p) => ({ name: p.name, idNumber: p.idNumber, schoolStage: SCHOOL_STAGE_CODE[p.schoolStage!] })),
  };
}

export function toEducationCancellation(c: ReferralCancellation): EducationCancellation {
  return { referralId: c.referralId, caseNo: c.caseNo, receiptNo: c.externalRef, reason: c.reason };
}

/** A supervision notice (督办单) on a referral the bureau holds: the ask only, no personal data. */
export interface EducationSupervision extends NoticeAsk {
  /** The bureau's receipt of the referral, when it gave one. */
  receiptNo: string | null;
}

export function toEducationSupervision(n: SupervisionNoticeMessage): EducationSupervision {
  return { ...noticeAsk(n), receiptNo: n.externalRef };
}

/** The SubmitAssistanceReferral body element (prefix x: the service namespace). */
export function submitXml(r: EducationReferral): string {
  const students = r.students.map((s) => `<x:Student>${el('Name', s.name)}${el('IdNumber', s.idNumber)}${el('SchoolStage', s.schoolStage)}</x:Student>`).join('');
  return (
    '<x:SubmitAssistanceReferral>' +
    el('ReferralId', r.referralId) +
    el('CaseNo', r.caseNo) +
    el('TownshipCode', r.townshipCode) +
    el('AcceptedDate', r.acceptedDate) +
    el('DueDate', r.dueDate) +
    el('ApplicantName', r.applicantName) +
    `<x:Students>${students}</x:Students>` +
    '</x:SubmitAssistanceReferral>'
  );
}

export function cancelXml(c: EducationCancellation): string {
  return (
    '<x:CancelAssistanceReferral>' +
    el('ReferralId', c.referralId) +
    el('CaseNo', c.caseNo) +
    (c.receiptNo ? el('ReceiptNo', c.receiptNo) : '') +
    el('Reason', c.reason) +
    '</x:CancelAssistanceReferral>'
  );
}

/** The SuperviseAssistanceReferral body element; the elements in the WSDL's order. */
export function superviseXml(s: EducationSupervision): string {
  return (
    '<x:SuperviseAssistanceReferral>' +
    el('NoticeId', s.noticeId) +
    el('ReferralId', s.referralId) +
    el('CaseNo', s.caseNo) +
    (s.receiptNo ? el('ReceiptNo', s.receiptNo) : '') +
    el('Clock', s.clock) +
    el('Level', s.level) +
    el('SupervisorRegion', s.supervisorRegion) +
    el('DueDate', s.dueDate) +
    el('RaisedOn', s.raisedOn) +
    el('RespondBy', s.respondBy) +
    '</x:SuperviseAssistanceReferral>'
  );
}

/** The response element of any operation: `<…Response><ReceiptNo>…</ReceiptNo></…Response>`. */
export function responseXml(operation: Operation, receiptNo: string): string {
  return `<x:${operation}Response>${el('ReceiptNo', receiptNo)}</x:${operation}Response>`;
}

/** The receipt number of an operation's response element in a body, or null when absent or malformed. */
export function receiptOf(body: Record<string, unknown>, operation: Operation): string | null {
  const receipt = textOf(record(body[`${operation}Response`])?.ReceiptNo);
  return receipt !== null && RECEIPT.test(receipt) ? receipt : null;
}

const REFERRAL_ID = /^[0-9A-Za-z_-]{1,26}$/;
const RECEIPT = /^[\w-]{1,64}$/;
const CASE_NO = /^[\w-]{1,40}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A whole, valid resident identity number (GB 11643: 17 digits and the MOD 11-2 check character). */
export function validIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && checkCharacter(id.slice(0, 17)) === id[17];
}

const name = (v: string | null): v is string => v !== null && v.trim().length > 0 && v.length <= 50;

/** Reads a SubmitAssistanceReferral body as the bureau checks it; null on anything malformed. */
export function fromSubmitBody(body: Record<string, unknown>): EducationReferral | null {
  const e = record(body.SubmitAssistanceReferral);
  if (!e) return null;
  const [referralId, caseNo, townshipCode, acceptedDate, dueDate, applicantName] = ['ReferralId', 'CaseNo', 'TownshipCode', 'AcceptedDate', 'DueDate', 'ApplicantName'].map((k) => textOf(e[k]));
  if (!referralId || !REFERRAL_ID.test(referralId) || !caseNo || !CASE_NO.test(caseNo) || !townshipCode || !/^\d{9}$/.test(townshipCode)) return null;
  if (!acceptedDate || !DATE.test(acceptedDate) || !dueDate || !DATE.test(dueDate) || !name(applicantName)) return null;
  const list = record(e.Students)?.Student;
  if (!Array.isArray(list) || list.length === 0 || list.length > 20) return null;
  const students: Student[] = [];
  for (const item of list) {
    const s = record(item);
    const [n, id, stage] = [textOf(s?.Name), textOf(s?.IdNumber), textOf(s?.SchoolStage)];
    if (!name(n) || !id || !validIdNumber(id) || !stage || !STAGE_CODES.has(stage)) return null;
    students.push({ name: n, idNumber: id, schoolStage: stage });
  }
  return { referralId, caseNo, townshipCode, acceptedDate, dueDate, applicantName, students };
}

/** Reads a CancelAssistanceReferral body; null on anything malformed. */
export function fromCancelBody(body: Record<string, unknown>): EducationCancellation | null {
  const e = record(body.CancelAssistanceReferral);
  if (!e) return null;
  const [referralId, caseNo, receiptNo, reason] = ['ReferralId', 'CaseNo', 'ReceiptNo', 'Reason'].map((k) => textOf(e[k]));
  if (!referralId || !REFERRAL_ID.test(referralId) || !caseNo || !CASE_NO.test(caseNo) || reason === null || reason.length > 500) return null;
  if (e.ReceiptNo !== undefined && (!receiptNo || !RECEIPT.test(receiptNo))) return null;
  return { referralId, caseNo, receiptNo: receiptNo ?? null, reason };
}

const CLOCKS = new Set(['ACKNOWLEDGEMENT', 'RESOLUTION']);
const LEVELS = new Set(['COUNTY', 'CITY']);

/** Reads a SuperviseAssistanceReferral body; null on anything malformed (or any element it does not know). */
export function fromSuperviseBody(body: Record<string, unknown>): EducationSupervision | null {
  const e = record(body.SuperviseAssistanceReferral);
  const keys = ['NoticeId', 'ReferralId', 'CaseNo', 'ReceiptNo', 'Clock', 'Level', 'SupervisorRegion', 'DueDate', 'RaisedOn', 'RespondBy'];
  // Unknown elements refused: a notice carries no personal data, and the bureau takes none by surprise.
  if (!e || !Object.keys(e).every((k) => keys.includes(k) || k.startsWith('@'))) return null;
  const [noticeId, referralId, caseNo, receiptNo, clock, level, region, dueDate, raisedOn, respondBy] = keys.map((k) => textOf(e[k]));
  if (!noticeId || !REFERRAL_ID.test(noticeId) || !referralId || !REFERRAL_ID.test(referralId) || !caseNo || !CASE_NO.test(caseNo)) return null;
  if (e.ReceiptNo !== undefined && (!receiptNo || !RECEIPT.test(receiptNo))) return null;
  if (!clock || !CLOCKS.has(clock) || !level || !LEVELS.has(level) || !region || !/^\d{4}(\d{2})?$/.test(region)) return null;
  if (![dueDate, raisedOn, respondBy].every((d) => d && DATE.test(d))) return null;
  return {
    noticeId,
    referralId,
    caseNo,
    receiptNo: receiptNo ?? null,
    clock: clock as EducationSupervision['clock'],
    level: level as EducationSupervision['level'],
    supervisorRegion: region,
    dueDate: dueDate!,
    raisedOn: raisedOn!,
    respondBy: respondBy!,
  };
}

// ── Callbacks (the bureau's JSON notification channel) ─────────────────────────────────────────

/** The callback body: `{ msgId, referralId, receiptNo, status, materials?, amount?, remark? }`. */
export interface EducationNotice {
  msgId: string;
  referralId: string;
  receiptNo: string | null;
  /** 已受理 | 需补充材料 | 审核通过 | 不予资助 */
  status: 'RECEIVED' | 'MATERIALS_REQUIRED' | 'APPROVED' | 'REJECTED';
  materials?: string[];
  /** The aid granted, in yuan with two decimals ("2500.00"), as the bureau's ledgers keep it. */
  amount?: string | null;
  remark?: string | null;
}

/** Fen (integer) → yuan with two decimals. */
export const yuanOf = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Yuan with at most two decimals → fen, or null. Integer arithmetic only. */
export function fenOf(yuan: string): number | null {
  const m = /^(0|[1-9]\d{0,9})(?:\.(\d{1,2}))?$/.exec(yuan);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

export function toEducationNotice(msgId: string, answer: PartnerAnswer): EducationNotice {
  const base = { msgId, referralId: answer.referralId, receiptNo: answer.externalRef ?? null };
  switch (answer.kind) {
    case 'ACKNOWLEDGED':
      return { ...base, status: 'RECEIVED' };
    case 'SUPPLEMENT_REQUESTED':
      return { ...base, status: 'MATERIALS_REQUIRED', materials: answer.materials, remark: answer.note ?? null };
    case 'RESOLVED':
      return { ...base, status: answer.decision, amount: answer.amountFen == null ? null : yuanOf(answer.amountFen), remark: answer.note ?? null };
  }
}

const KEYS = new Set(['msgId', 'referralId', 'receiptNo', 'status', 'materials', 'amount', 'remark']);

/** Reads a callback body; null when it is not an education notice. */
export function fromEducationNotice(body: unknown): { messageId: string; answer: PartnerAnswer } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const e = body as Record<string, unknown>;
  if (!Object.keys(e).every((k) => KEYS.has(k))) return null;
  if (!text(e.msgId, 100) || !(typeof e.referralId === 'string' && REFERRAL_ID.test(e.referralId))) return null;
  if (!(e.receiptNo === undefined || e.receiptNo === null || (typeof e.receiptNo === 'string' && RECEIPT.test(e.receiptNo))) || !optionalText(e.remark, 1000)) return null;
  const base = { referralId: e.referralId, externalRef: (e.receiptNo as string | null | undefined) ?? null };
  const note = (e.remark as string | null | undefined) ?? null;
  switch (e.status) {
    case 'RECEIVED':
      return { messageId: e.msgId, answer: { ...base, kind: 'ACKNOWLEDGED' } };
    case 'MATERIALS_REQUIRED':
      if (!materialList(e.materials)) return null;
      return { messageId: e.msgId, answer: { ...base, kind: 'SUPPLEMENT_REQUESTED', materials: e.materials as string[], note } };
    case 'APPROVED':
    case 'REJECTED': {
      let amountFen: number | null = null;
      if (e.amount !== undefined && e.amount !== null) {
        amountFen = typeof e.amount === 'string' ? fenOf(e.amount) : null;
        if (amountFen === null) return null;
      }
      return { messageId: e.msgId, answer: { ...base, kind: 'RESOLVED', decision: e.status, amountFen, note } };
    }
    default:
      return null;
  }
}
