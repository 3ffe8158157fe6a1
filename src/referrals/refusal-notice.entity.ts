import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Telling the applicant of a refusal (不予批准书面告知): begun by the department's refusal, ended
 * when the township records that the applicant was told. One per refused referral.
 */
@Entity({ name: 'refusal_notices' })
@Index('idx_refusal_notices_open', ['toldOn', 'tellBy'])
@Index('idx_refusal_notices_region', ['townshipCode', 'refusedOn'])
@Index('idx_refusal_notices_case', ['caseId'])
export class RefusalNoticeEntity {
  /** The refused referral's id (one notice per referral). */
  @PrimaryColumn({ name: 'referral_id', type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ type: 'varchar', length: 16 }) department: string;
  @Column({ name: 'refused_on', type: 'varchar', length: 10 }) refusedOn: string;
  /** Working days granted: the loop standard in force on the day of the refusal. */
  @Column({ name: 'notice_days', type: 'int' }) noticeDays: number;
  @Column({ name: 'tell_by', type: 'varchar', length: 10 }) tellBy: string;
  @Column({ name: 'tell_provisional', type: 'boolean' }) tellProvisional: boolean;
  @Column({ name: 'told_on', type: 'varchar', length: 10, nullable: true }) toldOn: string | null;
  /** ToldMeans: IN_WRITING, IN_PERSON, PHONE, SMS. */
  @Column({ name: 'told_means', type: 'varchar', length: 12, nullable: true }) toldMeans: string | null;
  /** The evidence: the written notice's number (告知书编号), or how it was handed over. */
  @Column({ name: 'evidence_ref', type: 'varchar', length: 200, nullable: true }) evidenceRef: string | null;
  @Column({ name: 'told_by', type: 'varchar', length: 100, nullable: true }) toldBy: string | null;
  @Column({ name: 'recorded_at', type: 'varchar', length: 24, nullable: true }) recordedAt: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
}
