import { EntityManager, In } from 'typeorm';
import { newId } from '../common/ids';
import { BusinessRuleError, UserError } from '../common/user-error';
import { text } from '../common/text';
import { appendTimeline, NewTimelineEvent } from '../timeline/timeline.service';
import { TimelineParams } from '../timeline/timeline-event-kinds';
import { ReferralEntity } from './referral.entity';
import { nextStatus, PAUSED_STATUSES, ReferralAction, ReferralStatus, TRANSITIONS } from './referral-status';
import { ReferralPauseEntity } from './referral-pause.entity';
import { insertRows } from '../db/rows';
import { cstDateOf } from '../common/dates';
import { ReferralErrorCode as Code } from './referral.errors';
import { nameOf, STATUS_NAME } from '../common/domain-names';
import { lockCase } from '../cases/case-lifecycle';

// The only way a referral's status changes. A transition takes its case's lock (once per
// transaction: case-lifecycle.ts), checks the state machine's table, writes the new status with its
// other column changes under a guard (the row's version, or for a batch the statuses the action may
// start from), begins or ends the pause row when the clock stops or runs again, and appends the
// action's timeline event, all in the caller's transaction. A batch
// (claims, run-out leases: PENDING ⇄ DELIVERED, which never finish a referral) takes no case lock.

type EventParams<A extends ReferralAction> = TimelineParams[(typeof TRANSITIONS)[A]['event']];

export interface TransitionPlan<A extends ReferralAction> {
  /** Column changes besides the status (clock, outcome, lease). */
  changes?: Partial<ReferralEntity>;
  params: EventParams<A>;
  /** Into a paused status: the pause that begins (required there). */
  pause?: NewPause;
  /** Out of a paused status: what ended it. */
  resumed?: { evidenceRef?: string | null; note?: string | null };
}

/** A pause as its transition begins it: the row's columns but its ids, place and instants. */
export type NewPause = Pick<ReferralPauseEntity, 'type' | 'reason' | 'evidenceRef' | 'startedBy' | 'maxDays' | 'maxUnit' | 'deadline' | 'deadlineProvisional'>;

const ATTEMPTS = 5;

/** Raised when `action` is not legal from the referral's status. */
export function illegalTransition(action: ReferralAction, status: string): BusinessRuleError {
  const name = nameOf(STATUS_NAME, status);
  return new BusinessRuleError([
    new UserError(
      Code.ILLEGAL_TRANSITION,
      text(`该转办事项当前状态为“${name.zh}”，不能${ACTION_VERB[action].zh}。`, `Cannot ${ACTION_VERB[action].en} a referral that is ${status}.`),
      ['id'],
    ),
  ]);
}

const ACTION_VERB: Record<ReferralAction, { zh: string; en: string }> = {
  CLAIM: { zh: '领取', en: 'claim' },
  LEASE_EXPIRED: { zh: '退回待领取', en: 'release' },
  DELIVER: { zh: '推送', en: 'deliver' },
  DELIVERY_FAILED: { zh: '标记为推送失败', en: 'mark as undeliverable' },
  RETRY_DELIVERY: { zh: '重新推送', en: 'retry the delivery of' },
  ACKNOWLEDGE: { zh: '受理', en: 'acknowledge' },
  REQUEST_SUPPLEMENT: { zh: '要求补充材料', en: 'request materials for' },
  SUPPLEMENT_COMPLETE: { zh: '恢复办理', en: 'resume' },
  PAUSE: { zh: '暂停计时', en: 'pause' },
  RESUME: { zh: '恢复计时', en: 'resume the clock of' },
  NOTICE: { zh: '公示', en: 'put on public notice' },
  RESOLVE: { zh: '办结', en: 'resolve' },
  CANCEL: { zh: '撤销', en: 'cancel' },
};

const kept = (): BusinessRuleError =>
  new BusinessRuleError([
    new UserError(Code.ILLEGAL_TRANSITION, text('该转办事项正被同时修改，请稍后重试。', 'The referral kept changing at the same moment; try again.'), ['id']),
  ]);

/** The referral read under its case's lock, for a writer that must look before it decides (the dispatcher's give-up). */
export async function lockedReferral(m: EntityManager, referral: { id: string; caseId: string }): Promise<ReferralEntity> {
  await lockCase(m, referral.caseId);
  return m.getRepository(ReferralEntity).findOneByOrFail({ id: referral.id });
}

/**
 * Applies `action` to one referral. `plan` judges the fresh row: it returns the changes and the
 * event's data, returns null to leave the referral as it is, or throws a business error. An
 * action the table does not allow throws ILLEGAL_TRANSITION, or (with `skipIllegal`) leaves the
 * referral alone. When a concurrent writer bumped the version first, the row is read and judged
 * again. Returns the row as it was before the change, or null when nothing changed.
 */
export async function transitionReferral<A extends ReferralAction>(
  m: EntityManager,
  action: A,
  referral: { id: string; caseId: string },
  at: { now: Date; actor: string },
  plan: (r: ReferralEntity) => TransitionPlan<A> | null,
  options: { skipIllegal?: boolean } = {},
): Promise<ReferralEntity | null> {
  const { id } = referral;
  await lockCase(m, referral.caseId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const r = await m.getRepository(ReferralEntity).findOneByOrFail({ id });
    const to = nextStatus(action, r.status);
    if (to === null) {
      if (options.skipIllegal) return null;
      throw illegalTransition(action, r.status);
    }
    const planned = plan(r);
    if (planned === null) return null;
    const wasPaused = PAUSED_STATUSES.includes(r.status as ReferralStatus);
    const willPause = PAUSED_STATUSES.includes(to);
    if (willPause && !wasPaused && !planned.pause) throw new Error(`${action} pauses the clock: its plan must say which pause begins`);
    // A pause ends when the clock runs again, or when another begins in its place (an approval's public notice).
    const ending = wasPaused && (!willPause || planned.pause !== undefined);
    const pauseType = planned.pause ? { pauseType: planned.pause.type } : !willPause && wasPaused ? { pauseType: null } : {};
    if (await guardedUpdate(m, r, { ...planned.changes, ...pauseType, status: to }, at.now)) {
      if (ending) await endPause(m, r.id, at, planned.resumed ?? {});
      if (planned.pause) await beginPause(m, r, planned.pause, at.now);
      await appendTimeline(m, at.now, [event(action, r, at.actor, planned.params)]);
      return r;
    }
  }
  throw kept();
}

/**
 * Applies `action` to every referral of `ids` that its table allows, in one conditional UPDATE
 * (a batch claim): of two concurrent batches each row goes to exactly one. The rows are stamped
 * with a claim token drawn for this call alone and read back by it, so a second call in the same
 * transaction (a claim's next round) never returns, or logs again, what the first took.
 */
export async function transitionBatch<A extends ReferralAction>(
  m: EntityManager,
  action: A,
  ids: string[],
  at: { now: Date; actor: string },
  batch: { changes: Partial<ReferralEntity>; params: EventParams<A>; runOutLeases?: { before: Date; tokens: string[] } },
): Promise<ReferralEntity[]> {
  if (ids.length === 0) return [];
  const t = TRANSITIONS[action];
  const token = newId(at.now);
  const update = m
    .createQueryBuilder()
    .update(ReferralEntity)
    .set({ ...batch.changes, claimToken: token, status: t.to, updatedAt: at.now.toISOString(), version: () => 'version + 1' })
    .where({ id: In(ids), status: In([...t.from]) });
  // Only the leases read, still run out: a referral claimed again meanwhile has another token.
  if (batch.runOutLeases) {
    if (batch.runOutLeases.tokens.length === 0) return [];
    update.andWhere('lease_expires_at < :runOutBefore AND claim_token IN (:...leaseTokens)', {
      runOutBefore: batch.runOutLeases.before.toISOString(),
      leaseTokens: batch.runOutLeases.tokens,
    });
  }
  await update.execute();
  // Whole rows: the caller answers with them, without reading them again.
  const taken = await m.getRepository(ReferralEntity).find({ where: { claimToken: token, status: t.to }, order: { dueDate: 'ASC', id: 'ASC' } });
  await appendTimeline(m, at.now, taken.map((r) => event(action, r, at.actor, batch.params)));
  return taken;
}

/**
 * Changes a referral's other columns (never its status) under the version guard, re-reading when
 * a concurrent writer won: e.g. materials brought for a referral that still waits for others.
 */
export async function updateReferral(
  m: EntityManager,
  id: string,
  now: Date,
  plan: (r: ReferralEntity) => Partial<ReferralEntity> | null,
): Promise<ReferralEntity | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const r = await m.getRepository(ReferralEntity).findOneByOrFail({ id });
    const changes = plan(r);
    if (changes === null) return null;
    if ('status' in changes) throw new Error('a referral status changes only through transitionReferral');
    if (await guardedUpdate(m, r, changes, now)) return r;
  }
  throw kept();
}

/** The referral is paused exactly while it has an open pause row: one begins with the pausing transition ... */
async function beginPause(m: EntityManager, r: ReferralEntity, pause: NewPause, now: Date): Promise<void> {
  await insertRows(m, ReferralPauseEntity, [
    {
      ...pause,
      id: newId(now),
      referralId: r.id,
      caseId: r.caseId,
      townshipCode: r.townshipCode,
      department: r.department,
      startedOn: cstDateOf(now),
      startedAt: now.toISOString(),
      endedOn: null,
      endedAt: null,
      endedBy: null,
      endEvidenceRef: null,
      endNote: null,
    },
  ]);
}

/** ... and ends with the one that leaves the paused status (the step done, a decision, a withdrawal). */
async function endPause(m: EntityManager, referralId: string, at: { now: Date; actor: string }, how: { evidenceRef?: string | null; note?: string | null }): Promise<void> {
  await m
    .createQueryBuilder()
    .update(ReferralPauseEntity)
    .set({ endedOn: cstDateOf(at.now), endedAt: at.now.toISOString(), endedBy: at.actor, endEvidenceRef: how.evidenceRef ?? null, endNote: how.note ?? null })
    .where('referral_id = :referralId AND ended_on IS NULL', { referralId })
    .execute();
}

async function guardedUpdate(m: EntityManager, r: ReferralEntity, changes: Partial<ReferralEntity>, now: Date): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(ReferralEntity)
    .set({ ...changes, updatedAt: now.toISOString(), version: r.version + 1 })
    .where('id = :id AND version = :version', { id: r.id, version: r.version })
    .execute();
  return (result.affected ?? 0) > 0;
}

function event(action: ReferralAction, r: Pick<ReferralEntity, 'id' | 'caseId'>, actor: string, params: unknown): NewTimelineEvent {
  return { caseId: r.caseId, referralId: r.id, type: TRANSITIONS[action].event, actor, params } as NewTimelineEvent;
}
