import { EntityManager } from 'typeorm';
import { IsoDate } from '../common/dates';
import { CaseEntity } from './case.entity';
import { CaseStatus } from './case-status';
import { appendTimeline } from '../timeline/timeline.service';
import { ReferralEntity } from '../referrals/referral.entity';
import { isFinished } from '../referrals/referral-status';

/** The cases whose lock a transaction (its entity manager) already holds: taken once per transaction. */
const held = new WeakMap<EntityManager, Set<string>>();

// The case's lifecycle: its lock and its status changes. A case is OPEN from intake until it is
// CLOSED (every referral finished) or WITHDRAWN (the applicant withdrew); these functions are the
// only writers of those changes, as referral-transition.ts is the only writer of referral statuses.

/**
 * Takes the case row's lock (bumps its version) before any referral of the case changes, so two
 * departments resolving the last two referrals at once cannot both miss that the case is done.
 * transitionReferral takes it itself; a case's own command reads the case through lockedCase.
 * Once per transaction and case. Returns false when the case does not exist.
 */
export async function lockCase(m: EntityManager, caseId: string): Promise<boolean> {
  const locked = held.get(m) ?? new Set<string>();
  if (locked.has(caseId)) return true;
  const result = await m
    .createQueryBuilder()
    .update(CaseEntity)
    .set({ version: () => 'version + 1' })
    .where('id = :caseId', { caseId })
    .execute();
  if (!result.affected) return false;
  locked.add(caseId);
  held.set(m, locked);
  return true;
}

/** The case read under its lock, for a case's own command (withdrawal, materials) that reads before it decides. */
export async function lockedCase(m: EntityManager, caseId: string): Promise<CaseEntity> {
  await lockCase(m, caseId);
  return m.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
}

/** Withdraws an OPEN case (WITHDRAWN, 撤回) with its reason. Call with the case locked; false when it was not OPEN. */
export async function markWithdrawn(m: EntityManager, caseId: string, why: string, at: { now: Date; today: IsoDate; actor: string }): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(CaseEntity)
    .set({ status: CaseStatus.WITHDRAWN, closedAt: at.now.toISOString(), closedDate: at.today, withdrawReason: why, openApplicantKey: null })
    .where('id = :caseId AND status = :open', { caseId, open: CaseStatus.OPEN })
    .execute();
  if (!result.affected) return false;
  await appendTimeline(m, at.now, [{ caseId, type: 'CASE_WITHDRAWN', actor: at.actor, params: { reason: why } }]);
  return true;
}

/** Closes the case (CLOSED) when every referral is RESOLVED or CANCELLED. Call with the case locked. */
export async function closeCaseIfDone(m: EntityManager, caseId: string, now: Date, today: IsoDate): Promise<boolean> {
  const referrals = await m.getRepository(ReferralEntity).find({ where: { caseId }, select: { id: true, status: true } });
  if (!referrals.every((r) => isFinished(r.status))) return false;
  const result = await m
    .createQueryBuilder()
    .update(CaseEntity)
    .set({ status: CaseStatus.CLOSED, closedAt: now.toISOString(), closedDate: today, openApplicantKey: null })
    .where('id = :caseId AND status = :open', { caseId, open: CaseStatus.OPEN })
    .execute();
  if (!result.affected) return false;
  await appendTimeline(m, now, [{ caseId, type: 'CASE_CLOSED', actor: 'SYSTEM', params: {} }]);
  return true;
}

export function parseList(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}
