import { EntityManager } from 'typeorm';
import { newId } from '../common/ids';
import { insertRows } from '../db/rows';
import { OutboxEntity, OutboxKind } from './outbox.entity';

// The transactional outbox (发件箱): the transaction that decides an effect (intake: deliver;
// withdrawal: cancel) writes its row, so nothing is sent that was not committed and nothing
// committed is lost. The dispatcher sends rows later, outside any transaction.

export interface OutboxTarget {
  referralId: string;
  caseId: string;
  department: string;
  /** The department's retry budget. */
  retryBudgetHours: number;
}

/** Writes one row per target; a second row of the same kind for a referral is ignored. */
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
