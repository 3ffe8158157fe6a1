import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One pause of a referral's clock (暂停计时), typed, with who started it, why and on what evidence,
 * its maximum and the day it must end by; ended when the clock runs again (or the referral is
 * decided or cancelled). A referral is paused exactly while it has an open row: the transition
 * module (referral-transition.ts) opens and ends them with the status change.
 */
@Entity({ name: 'referral_pauses' })
@Index('idx_referral_pauses_referral', ['referralId', 'startedAt'])
// Open pauses near or past their deadline: the SLA scan's range (ended_on IS NULL, deadline <= …).
@Index('idx_referral_pauses_open', ['endedOn', 'deadline'])
// The report's ranges over a period's pauses, begun and ended.
@Index('idx_referral_pauses_started', ['startedOn', 'townshipCode', 'type'])
@Index('idx_referral_pauses_ended', ['endedOn', 'townshipCode', 'type', 'deadline'])
export class ReferralPauseEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'referral_id', type: 'varchar', length: 26 }) referralId: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ type: 'varchar', length: 16 }) department: string;
  /** PauseType. */
  @Column({ type: 'varchar', length: 20 }) type: string;
  @Column({ name: 'started_on', type: 'varchar', length: 10 }) startedOn: string;
  @Column({ name: 'started_at', type: 'varchar', length: 24 }) startedAt: string;
  @Column({ name: 'started_by', type: 'varchar', length: 100 }) startedBy: string;
  @Column({ type: 'text' }) reason: string;
  /** The document behind the pause: the visit order, the check's request number, the materials asked for. */
  @Column({ name: 'evidence_ref', type: 'varchar', length: 200, nullable: true }) evidenceRef: string | null;
  @Column({ name: 'max_days', type: 'int', nullable: true }) maxDays: number | null;
  @Column({ name: 'max_unit', type: 'varchar', length: 16, nullable: true }) maxUnit: string | null;
  /** NULL only for a pause begun before the hub kept pause rows (migration 1763870400017). */
  @Column({ type: 'varchar', length: 10, nullable: true }) deadline: string | null;
  @Column({ name: 'deadline_provisional', type: 'boolean', default: false }) deadlineProvisional: boolean;
  @Column({ name: 'ended_on', type: 'varchar', length: 10, nullable: true }) endedOn: string | null;
  @Column({ name: 'ended_at', type: 'varchar', length: 24, nullable: true }) endedAt: string | null;
  @Column({ name: 'ended_by', type: 'varchar', length: 100, nullable: true }) endedBy: string | null;
  /** The step's result: the visit report, the check's report number. */
  @Column({ name: 'end_evidence_ref', type: 'varchar', length: 200, nullable: true }) endEvidenceRef: string | null;
  @Column({ name: 'end_note', type: 'text', nullable: true }) endNote: string | null;
}
