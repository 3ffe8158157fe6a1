import { Caller, Department, Role } from './roles';
import { inRegion } from './region';
import { forbidden } from './guard';
import { readsRegister, recordsReviews, writesRegister } from './register-rights';

export { readsRegister, recordsReviews, writesRegister };

// What a caller may see of a case's referrals. A department sees only its own department's
// referrals (inside its region), the events about them and a case clock computed from them; a
// case without a referral of its own reads as absent. Everyone else sees every referral of a case
// in their region. The one home of that rule.

interface ReferralScope {
  id: string;
  department: string;
  townshipCode: string;
}

/** Whether the caller may act on / read this one referral (region checked too). */
export function seesReferral(caller: Caller, r: Pick<ReferralScope, 'department' | 'townshipCode'>): boolean {
  if (!inRegion(caller.region, r.townshipCode)) return false;
  return caller.role !== Role.DEPARTMENT || caller.department === r.department;
}

/** The referrals of one case the caller sees (a case already known to be in the caller's region). */
export function visibleReferrals<R extends Pick<ReferralScope, 'department'>>(caller: Caller | null, referrals: R[]): R[] {
  if (caller?.role !== Role.DEPARTMENT) return referrals;
  return referrals.filter((r) => r.department === caller.department);
}

/** A department sees a case only through a referral of its own. */
export function seesCaseThroughReferrals(caller: Caller, referrals: Array<Pick<ReferralScope, 'department'>>): boolean {
  return caller.role !== Role.DEPARTMENT || referrals.some((r) => r.department === caller.department);
}

/**
 * Whether the caller sees a case: inside its region, and for a department only through a referral
 * of its own (`referralsOf` is asked only then).
 */
export async function seesCase(caller: Caller, c: { townshipCode: string }, referralsOf: () => Promise<Array<Pick<ReferralScope, 'department'>>>): Promise<boolean> {
  if (!inRegion(caller.region, c.townshipCode)) return false;
  return caller.role !== Role.DEPARTMENT || seesCaseThroughReferrals(caller, await referralsOf());
}

/**
 * The department a list of referrals is limited to: a department's own (FORBIDDEN when it asks
 * for another's), or the one an other caller filters by (null: all).
 */
export function listedDepartment(caller: Caller, requested: string | null | undefined): string | null {
  if (caller.role !== Role.DEPARTMENT) return requested ?? null;
  if (requested && requested !== caller.department) throw forbidden();
  return caller.department;
}

/** Case-level events and those about the referrals the caller sees. */
export function visibleEvents<E extends { referralId: string | null }>(caller: Caller | null, events: E[], referrals: ReferralScope[]): E[] {
  if (caller?.role !== Role.DEPARTMENT) return events;
  const own = new Set(visibleReferrals(caller, referrals).map((r) => r.id));
  return events.filter((e) => e.referralId === null || own.has(e.referralId));
}

// The low-income register's rules (register-rights.ts), as assertions.

/** FORBIDDEN for a department other than civil affairs. */
export function assertReadsRegister(caller: Caller): void {
  if (!readsRegister(caller)) throw forbidden();
}

/** FORBIDDEN for anyone else (civil affairs and administrators write). */
export function assertWritesRegister(caller: Caller): void {
  if (!writesRegister(caller)) throw forbidden();
}

/** FORBIDDEN for anyone else (clerks, civil affairs and administrators record). */
export function assertRecordsReviews(caller: Caller): void {
  if (!recordsReviews(caller)) throw forbidden();
}
