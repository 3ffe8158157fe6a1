import type { TimelineEventType } from '../timeline/timeline-event-kinds';

// The referral state machine (转办状态): the one table every status change is checked against,
// and the source of every status list the hub's SQL uses. Nothing else names a status.

export enum ReferralStatus {
  PENDING = 'PENDING', // created, not yet with the department
  DELIVERED = 'DELIVERED', // pushed to the department system, or claimed by it (lease running)
  IN_PROGRESS = 'IN_PROGRESS', // the department acknowledged it (受理)
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED', // waiting for materials; the SLA clock is paused
  PAUSED = 'PAUSED', // a typed step outside the department (入户调查, 经济状况核对, 评估, 公示); the SLA clock is paused
  RESOLVED = 'RESOLVED', // the department decided
  DELIVERY_FAILED = 'DELIVERY_FAILED', // the hub gave up delivering; needs a person
  CANCELLED = 'CANCELLED', // the case was withdrawn
}

export enum Decision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** What happens to a referral; each is legal from some statuses and leads to one. */
export enum ReferralAction {
  CLAIM = 'CLAIM', // a PULL department's system leased it
  LEASE_EXPIRED = 'LEASE_EXPIRED', // the lease ran out before acknowledgement
  DELIVER = 'DELIVER', // the hub pushed it to a PUSH department's system
  DELIVERY_FAILED = 'DELIVERY_FAILED', // the delivery budget ran out
  RETRY_DELIVERY = 'RETRY_DELIVERY', // a person puts a failed delivery back in the queue
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  REQUEST_SUPPLEMENT = 'REQUEST_SUPPLEMENT',
  SUPPLEMENT_COMPLETE = 'SUPPLEMENT_COMPLETE',
  PAUSE = 'PAUSE', // the department stops the clock for a typed step, with its evidence
  RESUME = 'RESUME', // the step is done: the clock runs again
  NOTICE = 'NOTICE', // a 低保 or 特困 approval goes on public notice (公示) before it takes effect
  RESOLVE = 'RESOLVE',
  CANCEL = 'CANCEL',
}

export interface Transition {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  /** The timeline event the change appends. */
  event: TimelineEventType;
}

const S = ReferralStatus;

export const TRANSITIONS: Readonly<Record<ReferralAction, Transition>> = {
  CLAIM: { from: [S.PENDING], to: S.DELIVERED, event: 'REFERRAL_DELIVERED' },
  LEASE_EXPIRED: { from: [S.DELIVERED], to: S.PENDING, event: 'REFERRAL_LEASE_EXPIRED' },
  // From DELIVERY_FAILED too: a partner's answer shows it had the referral after all.
  DELIVER: { from: [S.PENDING, S.DELIVERY_FAILED], to: S.DELIVERED, event: 'REFERRAL_DELIVERED' },
  DELIVERY_FAILED: { from: [S.PENDING], to: S.DELIVERY_FAILED, event: 'REFERRAL_DELIVERY_FAILED' },
  RETRY_DELIVERY: { from: [S.DELIVERY_FAILED], to: S.PENDING, event: 'REFERRAL_DELIVERY_RETRIED' },
  ACKNOWLEDGE: { from: [S.DELIVERED], to: S.IN_PROGRESS, event: 'REFERRAL_ACKNOWLEDGED' },
  REQUEST_SUPPLEMENT: { from: [S.IN_PROGRESS], to: S.SUPPLEMENT_REQUESTED, event: 'SUPPLEMENT_REQUESTED' },
  SUPPLEMENT_COMPLETE: { from: [S.SUPPLEMENT_REQUESTED], to: S.IN_PROGRESS, event: 'SUPPLEMENT_PROVIDED' },
  PAUSE: { from: [S.IN_PROGRESS], to: S.PAUSED, event: 'REFERRAL_PAUSED' },
  RESUME: { from: [S.PAUSED], to: S.IN_PROGRESS, event: 'REFERRAL_RESUMED' },
  // From a pause too: approving ends it, and the notice is a pause of its own.
  NOTICE: { from: [S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED, S.PAUSED], to: S.PAUSED, event: 'PUBLIC_NOTICE_STARTED' },
  // A department may decide while materials are outstanding or a step runs (e.g. reject for ineligibility).
  RESOLVE: { from: [S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED, S.PAUSED], to: S.RESOLVED, event: 'REFERRAL_RESOLVED' },
  CANCEL: { from: [S.PENDING, S.DELIVERED, S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED, S.PAUSED, S.DELIVERY_FAILED], to: S.CANCELLED, event: 'REFERRAL_CANCELLED' },
};

/** A new referral's status. */
export const INITIAL_STATUS = S.PENDING;

/** Where `action` leads from `status`, or null when the table does not allow it. */
export function nextStatus(action: ReferralAction, status: string): ReferralStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status as ReferralStatus) ? t.to : null;
}

const ALL = Object.values(S);
/** Statuses no action leaves: the referral is done (RESOLVED, CANCELLED). */
export const FINISHED_STATUSES: readonly ReferralStatus[] = ALL.filter((s) => !Object.values(TRANSITIONS).some((t) => t.from.includes(s)));
export const OPEN_STATUSES: readonly ReferralStatus[] = ALL.filter((s) => !FINISHED_STATUSES.includes(s));
/** Waiting for materials (补正): the SLA clock is paused until the township records them. */
export const MATERIALS_STATUS = TRANSITIONS.REQUEST_SUPPLEMENT.to;
/** The SLA clock is paused: waiting for materials, or a typed step (each with its pause row, referral-pause.entity.ts). */
export const PAUSED_STATUSES: readonly ReferralStatus[] = [MATERIALS_STATUS, TRANSITIONS.PAUSE.to];
/** Open and not paused: the SLA clock runs. */
export const RUNNING_STATUSES: readonly ReferralStatus[] = OPEN_STATUSES.filter((s) => !PAUSED_STATUSES.includes(s));
/** Cancelled referrals do not count for their case's clock unless every one was cancelled. */
export const CANCELLED_STATUS = TRANSITIONS.CANCEL.to;
export const RESOLVED_STATUS = TRANSITIONS.RESOLVE.to;

/** Not yet acknowledged (受理): in the queue or the department's hands, before ACKNOWLEDGE. */
export const AWAITING_ACKNOWLEDGEMENT_STATUSES: readonly ReferralStatus[] = [INITIAL_STATUS, ...TRANSITIONS.ACKNOWLEDGE.from];

/** Open and in the department's hands (delivered or claimed): withdrawing the case must tell it. */
export const WITH_DEPARTMENT_STATUSES: readonly ReferralStatus[] = OPEN_STATUSES.filter((s) => s !== INITIAL_STATUS && s !== TRANSITIONS.DELIVERY_FAILED.to);

export function isFinished(status: string): boolean {
  return FINISHED_STATUSES.includes(status as ReferralStatus);
}

/** A status list as an SQL literal, e.g. ('RESOLVED', 'CANCELLED'), for hand-written conditions. */
export function sqlStatusList(statuses: readonly ReferralStatus[]): string {
  return `(${statuses.map((s) => `'${s}'`).join(', ')})`;
}
