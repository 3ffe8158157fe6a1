import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// A periodic review task (定期复核) of one register household (migration 1763870400012).

export enum ReviewStatus {
  OPEN = 'OPEN', // due, waiting for the township's outcome
  DONE = 'DONE', // the outcome is recorded
  SUPERSEDED = 'SUPERSEDED', // the tier it reviews ended another way first (a decision, an import, an exit)
}

export enum ReviewOutcome {
  CONTINUED = 'CONTINUED', // 继续享受: the tier goes on, reviewed again after its interval
  TIER_CHANGED = 'TIER_CHANGED', // 调整类别: a new tier with its new basis
  EXITED = 'EXITED', // 退出: the tier ends with a reason (应退尽退)
}

@Entity({ name: 'register_reviews' })
@Index('uq_register_reviews_period', ['tierRecordId', 'dueDate'], { unique: true })
@Index('idx_register_reviews_household', ['householdId', 'dueDate'])
@Index('idx_register_reviews_open', ['status', 'deadlineDate', 'id'])
@Index('idx_register_reviews_county', ['countyCode', 'status', 'deadlineDate', 'id'])
@Index('idx_register_reviews_township', ['townshipCode', 'status', 'deadlineDate', 'id'])
export class RegisterReviewEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'household_id', type: 'varchar', length: 26 }) householdId: string;
  /** The tier record under review. */
  @Column({ name: 'tier_record_id', type: 'varchar', length: 26 }) tierRecordId: string;
  @Column({ type: 'varchar', length: 24 }) tier: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ name: 'county_code', type: 'varchar', length: 6 }) countyCode: string;
  /** The scheduled review date (the tier's next_review_date): with the tier record, the task's identity (one per period). */
  @Column({ name: 'due_date', type: 'varchar', length: 10 }) dueDate: string;
  /** The due date plus the region's review working days, on the working calendar. */
  @Column({ name: 'deadline_date', type: 'varchar', length: 10 }) deadlineDate: string;
  @Column({ name: 'deadline_provisional', type: 'boolean' }) deadlineProvisional: boolean;
  @Column({ type: 'varchar', length: 12 }) status: ReviewStatus;
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: ReviewOutcome | null;
  @Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true }) completedOn: string | null;
  @Column({ name: 'completed_by', type: 'varchar', length: 100, nullable: true }) completedBy: string | null;
  @Column({ name: 'completed_at', type: 'varchar', length: 24, nullable: true }) completedAt: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** The tier record a TIER_CHANGED outcome started. */
  @Column({ name: 'new_tier_record_id', type: 'varchar', length: 26, nullable: true }) newTierRecordId: string | null;
  /** When the review job first found it AT_RISK / OVERDUE (once each). */
  @Column({ name: 'at_risk_at', type: 'varchar', length: 24, nullable: true }) atRiskAt: string | null;
  @Column({ name: 'overdue_at', type: 'varchar', length: 24, nullable: true }) overdueAt: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
  @Column({ type: 'int' }) version: number;
}
