import { EntityManager } from 'typeorm';
import { WorkingCalendar, IsoDate } from '../calendar/working-days';
import { CaseEntity } from '../intake/case.entity';
import { CaseStatus } from '../intake/intake.enums';
import { appendTimeline } from '../timeline/timeline.service';
import { dueDateOf, pauseLength } from '../sla/sla.rules';
import { ReferralEntity } from './referral.entity';
import { FINISHED_STATUSES } from './referral-status';
import { BusinessRuleError, UserError } from '../common/user-error';
import { ReferralErrorCode } from './referral.errors';

/**
 * Takes the case row's lock (bumps its version) before any referral of the case changes, so two
 * departments resolving the last two referrals at once cannot both miss that the case is done.
 * Returns false when the case does not exist.
 */
export async function lockCase(m: EntityManager, caseId: string): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(CaseEntity)
    .set({ version: () => 'version + 1' })
    .where('id = :caseId', { caseId })
    .execute();
  return (result.affected ?? 0) > 0;
}

/** Column changes that end a running pause on `today`: its working days join the finished ones. */
export function endPause(calendar: WorkingCalendar, r: ReferralEntity, today: IsoDate): Partial<ReferralEntity> {
  if (!r.pauseStarted) return {};
  const pausedDays = r.pausedDays + pauseLength(calendar, r.pauseStarted, today);
  const dueDate = dueDateOf(calendar, r.acceptedDate, r.slaDays, pausedDays);
  return {
    pausedDays,
    dueDate,
    dueProvisional: calendar.isProvisional(r.acceptedDate, dueDate),
    pauseStarted: null,
    pausedDaysLeft: null,
  };
}

/**
 * Applies a transition guarded by the version read: of two racing writers at most one matches.
 * Returns whether this one won.
 */
async function updateReferral(
  m: EntityManager,
  r: ReferralEntity,
  changes: Partial<ReferralEntity>,
  now: Date,
): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(ReferralEntity)
    .set({ ...changes, updatedAt: now.toISOString(), version: r.version + 1 })
    .where('id = :id AND version = :version', { id: r.id, version: r.version })
    .execute();
  return (result.affected ?? 0) > 0;
}

/**
 * Applies `plan` to the referral's current row, re-reading when the version guard loses: claims,
 * lease releases and due-date recomputation bump versions without the case lock, so a legal
 * change may have to look again. `plan` returns null when nothing applies, or throws a business
 * error (judged on the fresh row). Returns the row the change was applied to, or null.
 */
export async function applyToReferral(
  m: EntityManager,
  id: string,
  now: Date,
  plan: (r: ReferralEntity) => Partial<ReferralEntity> | null,
): Promise<ReferralEntity | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await m.getRepository(ReferralEntity).findOneByOrFail({ id });
    const changes = plan(r);
    if (changes === null) return null;
    if (await updateReferral(m, r, changes, now)) return r;
  }
  throw new BusinessRuleError([
    new UserError(ReferralErrorCode.ILLEGAL_TRANSITION, 'The referral kept changing at the same moment; try again.', ['id']),
  ]);
}

/** Closes the case (CLOSED) when every referral is RESOLVED or CANCELLED. Call with the case locked. */
export async function closeCaseIfDone(m: EntityManager, caseId: string, now: Date, today: IsoDate): Promise<boolean> {
  const referrals = await m.getRepository(ReferralEntity).find({ where: { caseId }, select: { id: true, status: true } });
  if (referrals.some((r) => !FINISHED_STATUSES.includes(r.status as never))) return false;
  const result = await m
    .createQueryBuilder()
    .update(CaseEntity)
    .set({ status: CaseStatus.CLOSED, closedAt: now.toISOString(), closedDate: today, openApplicantKey: null })
    .where('id = :caseId AND status = :open', { caseId, open: CaseStatus.OPEN })
    .execute();
  if (!result.affected) return false;
  await appendTimeline(m, now, [{ caseId, type: 'CASE_CLOSED', actor: 'SYSTEM', note: 'every referral is resolved or cancelled' }]);
  return true;
}

export function parseList(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}
