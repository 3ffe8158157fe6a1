export enum ReferralStatus {
  PENDING = 'PENDING', // created, not yet with the department
  DELIVERED = 'DELIVERED', // pushed to the department system, or claimed by it (lease running)
  IN_PROGRESS = 'IN_PROGRESS', // the department acknowledged it (受理)
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED', // waiting for materials; the SLA clock is paused
  RESOLVED = 'RESOLVED', // the department decided
  DELIVERY_FAILED = 'DELIVERY_FAILED', // the hub gave up delivering; needs a person
  CANCELLED = 'CANCELLED', // the case was withdrawn
}

export enum Decision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** What happens to a referral; each maps to the statuses it may start from. */
export enum ReferralAction {
  CLAIM = 'CLAIM',
  LEASE_EXPIRED = 'LEASE_EXPIRED',
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  REQUEST_SUPPLEMENT = 'REQUEST_SUPPLEMENT',
  SUPPLEMENT_COMPLETE = 'SUPPLEMENT_COMPLETE',
  RESOLVE = 'RESOLVE',
  CANCEL = 'CANCEL',
}

const S = ReferralStatus;

/** The referral state machine: from which statuses each action is legal, and where it leads. */
export const TRANSITIONS: Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
  CLAIM: { from: [S.PENDING], to: S.DELIVERED },
  LEASE_EXPIRED: { from: [S.DELIVERED], to: S.PENDING },
  ACKNOWLEDGE: { from: [S.DELIVERED], to: S.IN_PROGRESS },
  REQUEST_SUPPLEMENT: { from: [S.IN_PROGRESS], to: S.SUPPLEMENT_REQUESTED },
  SUPPLEMENT_COMPLETE: { from: [S.SUPPLEMENT_REQUESTED], to: S.IN_PROGRESS },
  // A department may decide while materials are outstanding (e.g. reject for ineligibility).
  RESOLVE: { from: [S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED], to: S.RESOLVED },
  CANCEL: { from: [S.PENDING, S.DELIVERED, S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED, S.DELIVERY_FAILED], to: S.CANCELLED },
};

export function canApply(action: ReferralAction, status: ReferralStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

export const FINISHED_STATUSES: readonly ReferralStatus[] = [S.RESOLVED, S.CANCELLED];
export const OPEN_STATUSES: readonly ReferralStatus[] = Object.values(S).filter((s) => !FINISHED_STATUSES.includes(s));
/** Open and not paused: the SLA clock runs. */
export const RUNNING_STATUSES: readonly ReferralStatus[] = OPEN_STATUSES.filter((s) => s !== S.SUPPLEMENT_REQUESTED);

/** A status list as an SQL literal, e.g. ('RESOLVED', 'CANCELLED'), for hand-written conditions. */
export function sqlStatusList(statuses: readonly ReferralStatus[]): string {
  return `(${statuses.map((s) => `'${s}'`).join(', ')})`;
}
