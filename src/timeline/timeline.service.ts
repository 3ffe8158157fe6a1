import { EntityManager } from 'typeorm';
import { newId } from '../common/ids';
import { TimelineEventEntity } from './timeline-event.entity';

export type TimelineEventType =
  | 'CASE_ACCEPTED'
  | 'REFERRAL_CREATED'
  | 'REFERRAL_DELIVERED'
  | 'REFERRAL_LEASE_EXPIRED'
  | 'REFERRAL_ACKNOWLEDGED'
  | 'SUPPLEMENT_REQUESTED'
  | 'SUPPLEMENT_PROVIDED'
  | 'MATERIALS_PROVIDED'
  | 'REFERRAL_RESOLVED'
  | 'REFERRAL_CANCELLED'
  | 'SLA_AT_RISK'
  | 'SLA_OVERDUE'
  | 'CASE_CLOSED'
  | 'CASE_WITHDRAWN';

export interface NewTimelineEvent {
  caseId: string;
  referralId?: string | null;
  type: TimelineEventType;
  actor: string;
  note?: string | null;
}

/**
 * Appends events in the caller's transaction (one INSERT for the batch). Ids are monotonic
 * ULIDs, so the order of the batch is the order they are read back in.
 */
export async function appendTimeline(manager: EntityManager, at: Date, events: NewTimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  const iso = at.toISOString();
  await manager
    .createQueryBuilder()
    .insert()
    .into(TimelineEventEntity)
    .values(
      events.map((e) => ({
        id: newId(at),
        caseId: e.caseId,
        referralId: e.referralId ?? null,
        at: iso,
        type: e.type,
        actor: e.actor,
        note: e.note ?? null,
      })),
    )
    .execute();
}
