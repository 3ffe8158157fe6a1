/** Every kind of timeline event. The data each carries is `TimelineParams[kind]`. */
export interface TimelineParams {
  CASE_ACCEPTED: { mode: string; channel: string; missing?: string[]; advanceFen?: number | null };
  REFERRAL_CREATED: { category: string; department: string };
  /** Claimed by a PULL system (`leaseUntil`), or pushed to a PUSH one (`externalRef`). */
  REFERRAL_DELIVERED: { leaseUntil?: string; externalRef?: string | null };
  REFERRAL_LEASE_EXPIRED: Record<string, never>;
  REFERRAL_DELIVERY_FAILED: { attempts?: number; reason?: string | null };
  REFERRAL_DELIVERY_RETRIED: Record<string, never>;
  REFERRAL_ACKNOWLEDGED: { externalRef?: string | null };
  SUPPLEMENT_REQUESTED: { materials: string[]; note?: string | null };
  /** Materials brought for the referral; `left` empty means its clock resumed. */
  SUPPLEMENT_PROVIDED: { materials: string[]; left: string[] };
  MATERIALS_PROVIDED: { materials: string[] };
  /** The clock stopped for a typed step (PauseType), with its reason, evidence and the day it must end by. */
  REFERRAL_PAUSED: { pauseType: string; reason: string; evidenceRef: string; deadline: string };
  /** The step is done (`evidenceRef`: its result, e.g. the visit report's number). */
  REFERRAL_RESUMED: { pauseType: string; evidenceRef: string | null; note?: string | null };
  /** A pause near or past its maximum (for 补正: the township has not recorded the materials). */
  PAUSE_AT_RISK: { pauseType: string; deadline: string };
  PAUSE_OVERDUE: { pauseType: string; deadline: string };
  REFERRAL_RESOLVED: { decision: string; amountFen?: number | null; note?: string | null };
  REFERRAL_CANCELLED: { department: string };
  SLA_AT_RISK: { dueDate?: string | null };
  SLA_OVERDUE: { dueDate?: string | null };
  /** The acknowledgement clock (受理时限) of a referral. */
  ACKNOWLEDGEMENT_AT_RISK: { acknowledgeBy: string };
  ACKNOWLEDGEMENT_OVERDUE: { acknowledgeBy: string };
  /** A 低保 or 特困 approval on public notice (公示) until `endsOn`; it takes effect after, unless an objection is sustained. */
  PUBLIC_NOTICE_STARTED: { amountFen: number | null; endsOn: string };
  NOTICE_OBJECTION_RECEIVED: { objectionId: string; summary: string };
  NOTICE_OBJECTION_DECIDED: { objectionId: string; sustained: boolean; note: string | null };
  /** A supervision notice (督办单) raised to the department's supervising level, and what became of it. */
  SUPERVISION_RAISED: { noticeId: string; clock: string; level: string; respondBy: string };
  SUPERVISION_ANSWERED: { noticeId: string; reason: string; promisedDate: string };
  SUPERVISION_ESCALATED: { noticeId: string; toNoticeId: string; level: string };
  SUPERVISION_CLOSED: { noticeId: string };
  /** A refusal to be told to the applicant by `tellBy` (不予批准书面告知), near or past that day. */
  REFUSAL_NOTICE_AT_RISK: { tellBy: string };
  REFUSAL_NOTICE_OVERDUE: { tellBy: string };
  /** The township told the applicant of the refusal (ToldMeans), on `toldOn`, with the notice's number. */
  APPLICANT_TOLD: { toldOn: string; means: string; evidenceRef: string | null };
  CASE_CLOSED: Record<string, never>;
  CASE_WITHDRAWN: { reason: string };
  /** 首问负责人转交: the owning clerk before and after (token subjects), and why. */
  CASE_OWNER_TRANSFERRED: { from: string; to: string; reason: string };
}

export type TimelineEventType = keyof TimelineParams;

/** Every kind, as data (names, tests); the compiler keeps it complete. */
export const TIMELINE_EVENT_TYPES = [
  'CASE_ACCEPTED',
  'REFERRAL_CREATED',
  'REFERRAL_DELIVERED',
  'REFERRAL_LEASE_EXPIRED',
  'REFERRAL_DELIVERY_FAILED',
  'REFERRAL_DELIVERY_RETRIED',
  'REFERRAL_ACKNOWLEDGED',
  'SUPPLEMENT_REQUESTED',
  'SUPPLEMENT_PROVIDED',
  'MATERIALS_PROVIDED',
  'REFERRAL_PAUSED',
  'REFERRAL_RESUMED',
  'PAUSE_AT_RISK',
  'PAUSE_OVERDUE',
  'REFERRAL_RESOLVED',
  'REFERRAL_CANCELLED',
  'SLA_AT_RISK',
  'SLA_OVERDUE',
  'ACKNOWLEDGEMENT_AT_RISK',
  'ACKNOWLEDGEMENT_OVERDUE',
  'PUBLIC_NOTICE_STARTED',
  'NOTICE_OBJECTION_RECEIVED',
  'NOTICE_OBJECTION_DECIDED',
  'SUPERVISION_RAISED',
  'SUPERVISION_ANSWERED',
  'SUPERVISION_ESCALATED',
  'SUPERVISION_CLOSED',
  'REFUSAL_NOTICE_AT_RISK',
  'REFUSAL_NOTICE_OVERDUE',
  'APPLICANT_TOLD',
  'CASE_CLOSED',
  'CASE_WITHDRAWN',
  'CASE_OWNER_TRANSFERRED',
] as const satisfies readonly TimelineEventType[];
const complete: Exclude<TimelineEventType, (typeof TIMELINE_EVENT_TYPES)[number]> extends never ? true : never = true;
void complete;
