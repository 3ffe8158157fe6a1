import { EntityManager, In } from 'typeorm';
import { newId } from '../common/ids';
import { insertRows } from '../db/rows';
import { OutboxEntity, OutboxKind } from './outbox.entity';
import { ReferralStatus, WITH_DEPARTMENT_STATUSES } from '../referrals/referral-status';

// The transactional outbox (发件箱): the transaction that decides an effect (intake: deliver;
// withdrawal: cancel) writes its row, so nothing is sent that was not committed and nothing
// committed is lost. The dispatcher sends rows later, outside any transaction.

export interface OutboxTarget {
  referralId: string;
  caseId: string;
  department: string;
  /** The department's retry budget. */
  retryBudgetHours: number;
  /** A NOTICE's notice id. */
  subjectId?: string;
}

/** Writes one row per target; a second row of the same kind for a referral and subject is ignored. */
export async function enqueue(m: EntityManager, kind: OutboxKind, targets: OutboxTarget[], now: Date): Promise<void> {
  if (targets.length === 0) return;
  const at = now.toISOString();
  await insertRows(
    m,
    OutboxEntity,
    targets.map((t) => ({
      id: newId(now),
      referralId: t.referralId,
      caseId: t.caseId,
      department: t.department,
      kind,
      subjectId: t.subjectId ?? '',
      state: 'WAITING' as const,
      attempts: 0,
      nextAttemptAt: at,
      giveUpAt: new Date(now.getTime() + t.retryBudgetHours * 3_600_000).toISOString(),
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      externalRef: null,
      createdAt: at,
      sentAt: null,
    })),
    { ignore: true },
  );
}

/**
 * Leases up to `limit` of a department's rows that are due (WAITING, their time come, no live
 * lease) to the round `lease.token` until `lease.until`, oldest first, and returns them: of two
 * rounds at once each row goes to one (the conditional UPDATE decides).
 */
export async function leaseDue(m: EntityManager, department: string, limit: number, lease: { token: string; at: string; until: string }): Promise<OutboxEntity[]> {
  const { at } = lease;
  const due = await m
    .getRepository(OutboxEntity)
    .createQueryBuilder('o')
    .select('o.id')
    .where("o.department = :department AND o.state = 'WAITING' AND o.next_attempt_at <= :at", { department, at })
    .andWhere('(o.locked_until IS NULL OR o.locked_until < :at)', { at })
    .orderBy('o.next_attempt_at', 'ASC')
    .limit(limit)
    .getMany();
  if (due.length === 0) return [];
  await m
    .createQueryBuilder()
    .update(OutboxEntity)
    .set({ lockedBy: lease.token, lockedUntil: lease.until })
    .where({ id: In(due.map((d) => d.id)) })
    .andWhere("state = 'WAITING' AND next_attempt_at <= :at AND (locked_until IS NULL OR locked_until < :at)", { at })
    .execute();
  return m.getRepository(OutboxEntity).find({ where: { lockedBy: lease.token } });
}

/** Writes a leased row's result while its round still holds it (a round whose lease ran out changes nothing); true when it did. */
export async function updateHeld(m: EntityManager, row: OutboxEntity, changes: Partial<OutboxEntity>): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(OutboxEntity)
    .set({ ...changes, lockedBy: null, lockedUntil: null })
    .where('id = :id AND locked_by = :token', { id: row.id, token: row.lockedBy })
    .execute();
  return (result.affected ?? 0) > 0;
}

export interface RetryPolicy {
  /** The first retry waits up to this long; each further one up to twice as long … */
  baseMs: number;
  /** … but never more than this. */
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, capMs: 3_600_000 };

/**
 * When to try again after the `attempts`-th failed attempt: capped exponential backoff with full
 * jitter (a uniform draw in [0, min(cap, base·2^(attempts−1)))), so partners coming back up are
 * not hit by every hub at once. null when that falls after the budget's end: give up.
 */
export function nextAttempt(attempts: number, now: Date, giveUpAt: string, policy = DEFAULT_RETRY_POLICY, random = Math.random): Date | null {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempts - 1, 30));
  const at = new Date(now.getTime() + Math.floor(random() * ceiling));
  return at.toISOString() > giveUpAt ? null : at;
}

/**
 * A supervision notice raised on a referral a PUSH department's system holds goes to that system
 * too (NOTICE), in the transaction that raised it; a PULL referral's notice is read through the API.
 */
export async function enqueueNotice(m: EntityManager, pushing: (department: string) => { retryBudgetHours: number } | null, notice: { id: string; referralId: string; caseId: string; department: string }, now: Date): Promise<void> {
  const settings = pushing(notice.department);
  if (!settings) return;
  const rows: Array<{ delivery_mode: string; status: string }> = await m.query('SELECT delivery_mode, status FROM referrals WHERE id = ?', [notice.referralId]);
  // Only a referral the partner holds: one never delivered (or given up on) is unknown to it.
  if (rows[0]?.delivery_mode !== 'PUSH' || !WITH_DEPARTMENT_STATUSES.includes(rows[0].status as ReferralStatus)) return;
  await enqueue(m, 'NOTICE', [{ referralId: notice.referralId, caseId: notice.caseId, department: notice.department, retryBudgetHours: settings.retryBudgetHours, subjectId: notice.id }], now);
}
