import { EntityManager } from 'typeorm';
import { newId } from '../common/ids';
import { TimelineEventEntity } from './timeline-event.entity';
import { insertRows } from '../db/rows';
import { isUniqueViolation, RetryableConflict } from '../db/unit-of-work';
import { TimelineEventType, TimelineParams } from './timeline-event-kinds';

export type { TimelineEventType } from './timeline-event-kinds';

/** One event to append: its kind and the structured data it carries (rendered at read time). */
export type NewTimelineEvent = {
  [K in TimelineEventType]: { caseId: string; referralId?: string | null; type: K; actor: string; params: TimelineParams[K] };
}[TimelineEventType];

/**
 * Appends events in the caller's transaction, numbering them per case after the case's last
 * event. Two writers numbering the same case at once collide on the unique (case_id, seq) key;
 * the loser's whole unit of work runs again (RetryableConflict) and numbers after the winner.
 * `newCase`: every event belongs to a case created in this transaction (no look-up of the last number).
 */
export async function appendTimeline(manager: EntityManager, at: Date, events: NewTimelineEvent[], options: { newCase?: boolean } = {}): Promise<void> {
  if (events.length === 0) return;
  const iso = at.toISOString();
  const caseIds = [...new Set(events.map((e) => e.caseId))];
  // A case written in this same transaction has no events yet: its numbers start at 1.
  const last = options.newCase ? [] : await manager
    .getRepository(TimelineEventEntity)
    .createQueryBuilder('e')
    .select('e.case_id', 'caseId')
    .addSelect('MAX(e.seq)', 'seq')
    .where('e.case_id IN (:...caseIds)', { caseIds })
    .groupBy('e.case_id')
    .getRawMany<{ caseId: string; seq: number | string }>();
  const next = new Map(last.map((row) => [row.caseId, Number(row.seq)]));
  const rows: TimelineEventEntity[] = events.map((e) => {
    const seq = (next.get(e.caseId) ?? 0) + 1;
    next.set(e.caseId, seq);
    return {
      id: newId(at),
      caseId: e.caseId,
      seq,
      referralId: e.referralId ?? null,
      at: iso,
      type: e.type,
      actor: e.actor,
      note: null,
      params: JSON.stringify(e.params),
    };
  });
  try {
    await insertRows(manager, TimelineEventEntity, rows);
  } catch (error) {
    if (isUniqueViolation(error)) throw new RetryableConflict('timeline sequence taken by a concurrent writer');
    throw error;
  }
}
