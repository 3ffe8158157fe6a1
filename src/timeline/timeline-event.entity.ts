import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only audit trail of a case: never updated, never deleted. Ordered by `seq` within a case. */
@Entity({ name: 'timeline_events' })
@Index('uq_timeline_case_seq', ['caseId', 'seq'], { unique: true })
@Index('idx_timeline_referral', ['referralId', 'id'])
export class TimelineEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  /** 1, 2, 3 … per case in the order appended; unique, so two writers cannot take one number. */
  @Column({ type: 'int' }) seq: number;
  @Column({ name: 'referral_id', type: 'varchar', length: 26, nullable: true }) referralId: string | null;
  @Column({ type: 'varchar', length: 24 }) at: string;
  @Column({ type: 'varchar', length: 40 }) type: string;
  @Column({ type: 'varchar', length: 100 }) actor: string;
  /** Free text of events written before events carried structured data; null since. */
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** The event's data as JSON (see TimelineParams), rendered in the reader's language. */
  @Column({ type: 'text', nullable: true }) params: string | null;
}
