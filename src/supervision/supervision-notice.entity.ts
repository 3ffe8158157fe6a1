import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A supervision notice (督办单): raised to a department's supervising level when one of its
 * referrals is OVERDUE on its acknowledgement or its resolution; the department answers with a
 * reason and a promised date by `respond_by`, or the notice escalates to the next level. One per
 * referral, clock and level (uq_supervision_notices_subject): a second hub process, or a scan run
 * again, cannot raise it twice.
 */
@Entity({ name: 'supervision_notices' })
@Index('uq_supervision_notices_subject', ['referralId', 'clock', 'level'], { unique: true })
// Open notices whose answer is due: the escalation's range.
@Index('idx_supervision_notices_due', ['status', 'respondBy'])
// A supervisor's list: by region and status, newest first.
@Index('idx_supervision_notices_region', ['supervisorRegion', 'status', 'raisedAt', 'id'])
@Index('idx_supervision_notices_department', ['department', 'status', 'raisedAt', 'id'])
@Index('idx_supervision_notices_case', ['caseId'])
// The report's range over a period's notices.
@Index('idx_supervision_notices_raised', ['raisedOn', 'townshipCode', 'department'])
export class SupervisionNoticeEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'referral_id', type: 'varchar', length: 26 }) referralId: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ type: 'varchar', length: 16 }) department: string;
  /** SupervisedClock: which of the referral's clocks ran out (ACKNOWLEDGEMENT or RESOLUTION). */
  @Column({ type: 'varchar', length: 16 }) clock: string;
  /** SupervisionLevel: COUNTY, then CITY. */
  @Column({ type: 'varchar', length: 8 }) level: string;
  /** The supervising level's division code (the county's 6 digits, the city's 4). */
  @Column({ name: 'supervisor_region', type: 'varchar', length: 12 }) supervisorRegion: string;
  /** The day the clock was due (acknowledge-by or due date) when the notice was raised. */
  @Column({ name: 'due_date', type: 'varchar', length: 10 }) dueDate: string;
  @Column({ name: 'raised_on', type: 'varchar', length: 10 }) raisedOn: string;
  @Column({ name: 'raised_at', type: 'varchar', length: 24 }) raisedAt: string;
  /** The day the department must answer by. */
  @Column({ name: 'respond_by', type: 'varchar', length: 10 }) respondBy: string;
  /** NoticeStatus: OPEN (waiting for the answer), ANSWERED, ESCALATED (to the next level), CLOSED (the clock's step done). */
  @Column({ type: 'varchar', length: 10 }) status: string;
  @Column({ name: 'answered_on', type: 'varchar', length: 10, nullable: true }) answeredOn: string | null;
  @Column({ name: 'answered_by', type: 'varchar', length: 100, nullable: true }) answeredBy: string | null;
  @Column({ name: 'answer_reason', type: 'text', nullable: true }) answerReason: string | null;
  @Column({ name: 'promised_date', type: 'varchar', length: 10, nullable: true }) promisedDate: string | null;
  /** The notice of the next level this one escalated to. */
  @Column({ name: 'escalated_to', type: 'varchar', length: 26, nullable: true }) escalatedTo: string | null;
  /** The day it was closed (the step it was raised for done: acknowledged, or the referral finished) or escalated. */
  @Column({ name: 'closed_on', type: 'varchar', length: 10, nullable: true }) closedOn: string | null;
  @Column({ type: 'int' }) version: number;
}
