import type { Clock } from '../common/clock';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../db/unit-of-work';

// Rows kept no longer than needed (保存期限): the outbox's finished rows (sent, failed, skipped) and
// the partner inbox's entries are working state, not the record — the record is the timeline,
// which is never deleted. A periodic job removes them once older than HUB_RETENTION_DAYS (90 by
// default), a thousand at a time (each batch its own short transaction), reading an index range:
// (state, created_at) on the outbox, received_at on the inbox (migration 1763870400008).
// A WAITING row is never removed, however old. What a removal could change: a retry of a
// DELIVERY_FAILED referral writes its row anew (the outbox's insert ignores only a row that
// exists); a partner sending an answer again after the retention gets it judged by the state
// machine, which ignores what no longer applies.

const BATCH = 1000;
const FINISHED = ['SENT', 'FAILED', 'SKIPPED'] as const;
const DAY_MS = 86_400_000;

export interface RetentionResult {
  outbox: number;
  inbox: number;
}

export class DeliveryRetention {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  /** Removes what is older than the retention; returns how many rows of each went. */
  async purge(): Promise<RetentionResult> {
    const before = new Date(this.clock.now().getTime() - this.retentionDays * DAY_MS).toISOString();
    let outbox = 0;
    for (const state of FINISHED) {
      outbox += await this.inBatches(async (m) => {
        const rows: Array<{ id: string }> = await m.query(`SELECT id FROM delivery_outbox WHERE state = ? AND created_at < ? LIMIT ${BATCH}`, [state, before]);
        if (rows.length > 0) await m.query(`DELETE FROM delivery_outbox WHERE id IN (${rows.map(() => '?').join(', ')})`, rows.map((r) => r.id));
        return rows.length;
      });
    }
    const inbox = await this.inBatches(async (m) => {
      const rows: Array<{ department: string; messageId: string }> = await m.query(
        `SELECT department, message_id AS messageId FROM partner_inbox WHERE received_at < ? LIMIT ${BATCH}`,
        [before],
      );
      if (rows.length > 0) {
        await m.query(
          `DELETE FROM partner_inbox WHERE (department, message_id) IN (${rows.map(() => '(?, ?)').join(', ')})`,
          rows.flatMap((r) => [r.department, r.messageId]),
        );
      }
      return rows.length;
    });
    return { outbox, inbox };
  }

  /** Runs `batch` (which removes up to BATCH rows and says how many) in its own transaction until a batch comes up short. */
  private async inBatches(batch: (m: EntityManager) => Promise<number>): Promise<number> {
    let removed = 0;
    for (;;) {
      const n = await this.uow.transaction(batch);
      removed += n;
      if (n < BATCH) return removed;
    }
  }
}
