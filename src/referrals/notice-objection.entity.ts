import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An objection to a public notice (公示异议), recorded during the notice and decided by the department. */
@Entity({ name: 'notice_objections' })
@Index('idx_notice_objections_referral', ['referralId', 'receivedAt'])
export class NoticeObjectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'referral_id', type: 'varchar', length: 26 }) referralId: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ name: 'received_on', type: 'varchar', length: 10 }) receivedOn: string;
  @Column({ name: 'received_at', type: 'varchar', length: 24 }) receivedAt: string;
  @Column({ name: 'received_by', type: 'varchar', length: 100 }) receivedBy: string;
  /** What the objection says (who raised it is not recorded: objections may be anonymous). */
  @Column({ type: 'text' }) summary: string;
  /** ObjectionStatus: RECEIVED, SUSTAINED, DISMISSED. */
  @Column({ type: 'varchar', length: 10 }) status: string;
  @Column({ name: 'decided_on', type: 'varchar', length: 10, nullable: true }) decidedOn: string | null;
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true }) decidedBy: string | null;
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ type: 'int' }) version: number;
}
