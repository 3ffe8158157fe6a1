import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Instants are stored as ISO-8601 UTC strings of fixed width ('2026-09-24T01:30:00.000Z') and
// dates as CST 'YYYY-MM-DD' strings: both engines and every server TZ read back the same value,
// and both sort correctly as text.

/** One application (申请) accepted at a township window. Table `cases`: CASE is an SQL keyword. */
@Entity({ name: 'cases' })
@Index('idx_cases_accepted', ['acceptedAt', 'id'])
@Index('idx_cases_township_accepted', ['townshipCode', 'acceptedAt'])
@Index('idx_cases_status_accepted', ['status', 'acceptedAt'])
@Index('uq_cases_idempotency_key', ['townshipCode', 'idempotencyKey'], { unique: true })
// 1763870400005 replaced idx_cases_accepted_date by idx_cases_opened_region.
@Index('idx_cases_opened_region', ['acceptedDate', 'townshipCode'])
@Index('idx_cases_closed_region', ['status', 'closedDate', 'townshipCode'])
@Index('idx_cases_status_township', ['status', 'townshipCode'])
@Index('idx_cases_applicant', ['applicantId'])
@Index('idx_cases_register_household', ['registerHouseholdId'])
// 1763870400016: a clerk's own cases ("我负责的案件"), newest first.
@Index('idx_cases_owner_status_accepted', ['owner', 'status', 'acceptedAt', 'id'])
// Not an entity column: `county_code`, VIRTUAL (the first six digits of township_code), indexed as
// idx_cases_county_accepted (county_code, accepted_at, id) by migration 1763870400006, read by
// whereCaseInRegion for a county's list of cases.
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Index('uq_cases_case_no', { unique: true })
  @Column({ name: 'case_no', type: 'varchar', length: 32 }) caseNo: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'varchar', length: 12 }) mode: string;
  @Column({ type: 'varchar', length: 24 }) channel: string;
  @Column({ name: 'accepted_at', type: 'varchar', length: 24 }) acceptedAt: string;
  @Column({ name: 'accepted_date', type: 'varchar', length: 10 }) acceptedDate: string;
  @Column({ name: 'closed_at', type: 'varchar', length: 24, nullable: true }) closedAt: string | null;
  @Column({ name: 'closed_date', type: 'varchar', length: 10, nullable: true }) closedDate: string | null;
  @Column({ name: 'applicant_id', type: 'varchar', length: 26 }) applicantId: string;
  @Column({ name: 'household_size', type: 'int' }) householdSize: number;
  @Column({ name: 'per_capita_income_fen', type: 'int' }) perCapitaMonthlyIncomeFen: number;
  /** JSON array of strings: materials still missing under TOLERANT acceptance. */
  @Column({ name: 'missing_materials', type: 'text' }) missingMaterials: string;
  @Column({ name: 'emergency_advance_fen', type: 'int', nullable: true }) emergencyAdvanceFen: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** 村（社区） as the application names it, for the public notice; NULL when it did not. */
  @Column({ type: 'varchar', length: 30, nullable: true }) village: string | null;
  @Column({ name: 'withdraw_reason', type: 'text', nullable: true }) withdrawReason: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 100 }) createdBy: string;
  /** The owning clerk (首问负责人): the accepting clerk's token `sub`, until the case is transferred (migration 1763870400016). */
  @Column({ type: 'varchar', length: 100 }) owner: string;
  /** Unique per township (uq_cases_idempotency_key on township_code, idempotency_key). */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100 }) idempotencyKey: string;
  /** SHA-256 of the canonical input, to tell a retry from a reuse of the key. */
  @Column({ name: 'input_hash', type: 'varchar', length: 64 }) inputHash: string;
  /**
   * The applicant's blind index while the case is OPEN and not EMERGENCY, NULL otherwise: a
   * unique key on it refuses a second open case even under concurrent submissions.
   */
  @Index('uq_cases_open_applicant', { unique: true })
  @Column({ name: 'open_applicant_key', type: 'varchar', length: 64, nullable: true }) openApplicantKey: string | null;
  /** The register household a 低保/特困 approval entered (migration 1763870400010), else NULL. */
  @Column({ name: 'register_household_id', type: 'varchar', length: 26, nullable: true }) registerHouseholdId: string | null;
  @Column({ type: 'int' }) version: number;
}
