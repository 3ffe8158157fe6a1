import type { DeliveredPerson, PartnerAnswer, ReferralCancellation, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { checkCharacter } from '../../src/access/identity-number';
import { text, optionalText, materialList } from '../shared/fields';
import { noticeAsk, NoticeAsk } from '../shared/notice';

// The human resources and social security bureau's employment assistance service (人社局 就业援助):
// what goes in `bizContent` and what comes back, as plain functions. It needs the members able to
// work and out of work (就业困难人员 candidates) with their whole identity numbers — the bureau
// looks each up in its unemployment register (就业失业登记) by that number — and whether no one in
// the household works (零就业家庭, which the bureau must place first). Nothing else.

export interface JobSeeker {
  name: string;
  idNumber: string;
  /** The relation to the applicant, as the hub writes it (SELF, SPOUSE, CHILD, …). */
  relation: string;
}

export interface EmploymentReferral {
  referralId: string;
  caseNo: string;
  townshipCode: string;
  acceptedDate: string;
  dueDate: string;
  /** 零就业家庭: members able to work, none of them in work. */
  zeroEmploymentHousehold: boolean;
  jobSeekers: JobSeeker[];
}

export interface EmploymentCancellation {
  referralId: string;
  caseNo: string;
  acceptNo: string | null;
  reason: string;
}

/** The members the bureau is told about: able to work and not working. */
export function jobSeekersOf(d: ReferralDelivery): DeliveredPerson[] {
  return d.household.filter((p) => p.laborCapable && !p.employed);
}

export function toEmploymentReferral(d: ReferralDelivery): EmploymentReferral {
  const seekers = jobSeekersOf(d);
  return {
    referralId: d.referralId,
    caseNo: d.caseNo,
    townshipCode: d.townshipCode,
    acceptedDate: d.acceptedDate,
    dueDate: d.dueDate,
    zeroEmploymentHousehold: seekers.length > 0 && !d.household.some((p) => p.laborCapable && p.employed),
    jobSeekers: seekers.map((p) => ({ name: p.name, idNumber: p.idNumber, relation: p.relation })),
  };
}

export function toEmploymentCancellation(c: ReferralCancellation): EmploymentCancellation {
  return { referralId: c.referralId, caseNo: c.caseNo, acceptNo: c.externalRef, reason: c.reason };
}

/** A supervision notice's bizContent (督办单): the ask only, no personal data; `noticeId` is its key. */
export interface EmploymentSupervision extends NoticeAsk {
  /** The bureau's 受理编号 of the referral, when it gave one. */
  acceptNo: string | null;
}

export function toEmploymentSupervision(n: SupervisionNoticeMessage): EmploymentSupervision {
  return { ...noticeAsk(n), acceptNo: n.externalRef };
}

export const REFERRAL_ID = /^[0-9A-Za-z_-]{1,26}$/;
const ACCEPT_NO = /^[\w-]{1,64}$/;
const CASE_NO = /^[\w-]{1,40}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const RELATIONS = new Set(['SELF', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'OTHER']);

const object = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const onlyKeys = (o: Record<string, unknown>, keys: string[]): boolean => Object.keys(o).every((k) => keys.includes(k));

/** A whole, valid resident identity number (GB 11643: 17 digits and the MOD 11-2 check character). */
export const validIdNumber = (id: unknown): id is string => typeof id === 'string' && /^\d{17}[\dX]$/.test(id) && checkCharacter(id.slice(0, 17)) === id[17];

/** Reads a delivery's bizContent as the bureau checks it; null on anything malformed. */
export function fromEmploymentReferral(biz: unknown): EmploymentReferral | null {
  const r = object(biz);
  if (!r || !onlyKeys(r, ['referralId', 'caseNo', 'townshipCode', 'acceptedDate', 'dueDate', 'zeroEmploymentHousehold', 'jobSeekers'])) return null;
  if (typeof r.referralId !== 'string' || !REFERRAL_ID.test(r.referralId) || typeof r.caseNo !== 'string' || !CASE_NO.test(r.caseNo)) return null;
  if (typeof r.townshipCode !== 'string' || !/^\d{9}$/.test(r.townshipCode) || typeof r.zeroEmploymentHousehold !== 'boolean') return null;
  if (typeof r.acceptedDate !== 'string' || !DATE.test(r.acceptedDate) || typeof r.dueDate !== 'string' || !DATE.test(r.dueDate)) return null;
  if (!Array.isArray(r.jobSeekers) || r.jobSeekers.length === 0 || r.jobSeekers.length > 20) return null;
  const jobSeekers: JobSeeker[] = [];
  for (const item of r.jobSeekers) {
    const s = object(item);
    if (!s || !onlyKeys(s, ['name', 'idNumber', 'relation']) || !text(s.name, 50) || !validIdNumber(s.idNumber) || typeof s.relation !== 'string' || !RELATIONS.has(s.relation)) return null;
    jobSeekers.push({ name: s.name, idNumber: s.idNumber, relation: s.relation });
  }
  return { referralId: r.referralId, caseNo: r.caseNo, townshipCode: r.townshipCode, acceptedDate: r.acceptedDate, dueDate: r.dueDate, zeroEmploymentHousehold: r.zeroEmploymentHousehold, jobSeekers };
}

/** Reads a cancellation's bizContent; null on anything malformed. */
export function fromEmploymentCancellation(biz: unknown): EmploymentCancellation | null {
  const c = object(biz);
  if (!c || !onlyKeys(c, ['referralId', 'caseNo', 'acceptNo', 'reason'])) return null;
  if (typeof c.referralId !== 'string' || !REFERRAL_ID.test(c.referralId) || typeof c.caseNo !== 'string' || !CASE_NO.test(c.caseNo)) return null;
  if (!(c.acceptNo === null || (typeof c.acceptNo === 'string' && ACCEPT_NO.test(c.acceptNo))) || typeof c.reason !== 'string' || c.reason.length > 500) return null;
  return { referralId: c.referralId, caseNo: c.caseNo, acceptNo: c.acceptNo, reason: c.reason };
}

const SUPERVISION_KEYS = ['noticeId', 'referralId', 'caseNo', 'acceptNo', 'clock', 'level', 'supervisorRegion', 'dueDate', 'raisedOn', 'respondBy'];

/** Reads a supervision notice's bizContent; null on anything malformed (an unknown key included). */
export function fromEmploymentSupervision(biz: unknown): EmploymentSupervision | null {
  const n = object(biz);
  if (!n || !onlyKeys(n, SUPERVISION_KEYS)) return null;
  if (typeof n.noticeId !== 'string' || !REFERRAL_ID.test(n.noticeId) || typeof n.referralId !== 'string' || !REFERRAL_ID.test(n.referralId)) return null;
  if (typeof n.caseNo !== 'string' || !CASE_NO.test(n.caseNo) || !(n.acceptNo === null || (typeof n.acceptNo === 'string' && ACCEPT_NO.test(n.acceptNo)))) return null;
  if ((n.clock !== 'ACKNOWLEDGEMENT' && n.clock !== 'RESOLUTION') || (n.level !== 'COUNTY' && n.level !== 'CITY')) return null;
  if (typeof n.supervisorRegion !== 'string' || !/^\d{4}(\d{2})?$/.test(n.supervisorRegion)) return null;
  if (![n.dueDate, n.raisedOn, n.respondBy].every((d) => typeof d === 'string' && DATE.test(d))) return null;
  const { noticeId, referralId, caseNo, acceptNo, clock, level, supervisorRegion, dueDate, raisedOn, respondBy } = n as unknown as EmploymentSupervision;
  return { noticeId, referralId, caseNo, acceptNo, clock, level, supervisorRegion, dueDate, raisedOn, respondBy };
}

/** The bizContent of a successful answer: the referral it concerns and the bureau's 受理编号 (a notice's answer names the notice too). */
export interface AcceptResult {
  referralId: string;
  noticeId?: string;
  acceptNo: string;
}

export function fromAcceptResult(biz: unknown): AcceptResult | null {
  const a = object(biz);
  if (!a || typeof a.referralId !== 'string' || !REFERRAL_ID.test(a.referralId) || typeof a.acceptNo !== 'string' || !ACCEPT_NO.test(a.acceptNo)) return null;
  if (a.noticeId !== undefined && !(typeof a.noticeId === 'string' && REFERRAL_ID.test(a.noticeId))) return null;
  return { referralId: a.referralId, ...(a.noticeId === undefined ? {} : { noticeId: a.noticeId }), acceptNo: a.acceptNo };
}

// ── Callbacks ──────────────────────────────────────────────────────────────────────────────────

/** A callback's bizContent. */
export interface EmploymentNotice {
  msgId: string;
  referralId: string;
  acceptNo: string | null;
  /** 已受理 | 需补充材料 | 援助通过 | 不予援助 */
  status: 'ACCEPTED' | 'SUPPLEMENT' | 'APPROVED' | 'REJECTED';
  materials?: string[];
  /** An allowance granted (e.g. 一次性求职补贴), in fen. */
  subsidyFen?: number | null;
  remark?: string | null;
}

export function toEmploymentNotice(msgId: string, answer: PartnerAnswer): EmploymentNotice {
  const base = { msgId, referralId: answer.referralId, acceptNo: answer.externalRef ?? null };
  switch (answer.kind) {
    case 'ACKNOWLEDGED':
      return { ...base, status: 'ACCEPTED' };
    case 'SUPPLEMENT_REQUESTED':
      return { ...base, status: 'SUPPLEMENT', materials: answer.materials, remark: answer.note ?? null };
    case 'RESOLVED':
      return { ...base, status: answer.decision, subsidyFen: answer.amountFen ?? null, remark: answer.note ?? null };
  }
}

/** Reads a callback's bizContent; null when it is not an employment notice. */
export function fromEmploymentNotice(biz: unknown): { messageId: string; answer: PartnerAnswer } | null {
  const e = object(biz);
  if (!e || !onlyKeys(e, ['msgId', 'referralId', 'acceptNo', 'status', 'materials', 'subsidyFen', 'remark'])) return null;
  if (!text(e.msgId, 100) || typeof e.referralId !== 'string' || !REFERRAL_ID.test(e.referralId)) return null;
  if (!(e.acceptNo === undefined || e.acceptNo === null || (typeof e.acceptNo === 'string' && ACCEPT_NO.test(e.acceptNo))) || !optionalText(e.remark, 1000)) return null;
  const base = { referralId: e.referralId, externalRef: (e.acceptNo as string | null | undefined) ?? null };
  const note = (e.remark as string | null | undefined) ?? null;
  switch (e.status) {
    case 'ACCEPTED':
      return { messageId: e.msgId, answer: { ...base, kind: 'ACKNOWLEDGED' } };
    case 'SUPPLEMENT':
      if (!materialList(e.materials)) return null;
      return { messageId: e.msgId, answer: { ...base, kind: 'SUPPLEMENT_REQUESTED', materials: e.materials as string[], note } };
    case 'APPROVED':
    case 'REJECTED': {
      const amount = e.subsidyFen;
      if (amount !== undefined && amount !== null && !(Number.isSafeInteger(amount) && (amount as number) >= 0)) return null;
      return { messageId: e.msgId, answer: { ...base, kind: 'RESOLVED', decision: e.status, amountFen: (amount as number | null | undefined) ?? null, note } };
    }
    default:
      return null;
  }
}
