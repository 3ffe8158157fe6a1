import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One department's share of a case (转办). */
@Entity({ name: 'referrals' })
// Indexes as the migrations leave them (1763870400005 replaced idx_referrals_case by idx_referrals_case_clock).
@Index('idx_referrals_case_clock', ['caseId', 'status', 'dueDate'])
@Index('idx_referrals_opened_region', ['acceptedDate', 'townshipCode', 'department'])
@Index('idx_referrals_resolved_region', ['status', 'finishedDate', 'townshipCode', 'department', 'acceptedDate', 'dueDate'])
@Index('idx_referrals_claim_region', ['department', 'status', 'townshipCode', 'dueDate'])
@Index('idx_referrals_claim', ['department', 'status', 'dueDate'])
@Index('idx_referrals_status_due', ['status', 'dueDate'])
@Index('idx_referrals_township', ['townshipCode', 'dueDate'])
@Index('idx_referrals_claim_token', ['claimToken'])
@Index('idx_referrals_lease', ['status', 'leaseExpiresAt'])
@Index('idx_referrals_paused', ['status', 'pausedDaysLeft'])
@Index('idx_referrals_ack', ['status', 'acknowledgeBy'])
@Index('idx_referrals_acknowledged_region', ['acknowledgedDate', 'townshipCode', 'department', 'ackStarted', 'acknowledgeBy'])
export class ReferralEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  @Column({ type: 'varchar', length: 16 }) department: string;
  @Column({ type: 'varchar', length: 20 }) category: string;
  @Column({ type: 'varchar', length: 24 }) status: string;
  /** PULL (its system claims it) or PUSH (the dispatcher calls its system), fixed at intake. */
  @Column({ name: 'delivery_mode', type: 'varchar', length: 4, default: 'PULL' }) deliveryMode: string;
  /** Copied from the case so region filters and claims need no join. */
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ name: 'accepted_date', type: 'varchar', length: 10 }) acceptedDate: string;
  /** Working days granted: the SLA limit in force at acceptance. */
  @Column({ name: 'sla_days', type: 'int' }) slaDays: number;
  /** Working days of finished pauses. */
  @Column({ name: 'paused_days', type: 'int' }) pausedDays: number;
  /** acceptedDate + slaDays + pausedDays working days; excludes a pause still running. */
  @Column({ name: 'due_date', type: 'varchar', length: 10 }) dueDate: string;
  @Column({ name: 'due_provisional', type: 'boolean' }) dueProvisional: boolean;
  /** CST date the running pause began (SUPPLEMENT_REQUESTED), else NULL. */
  @Column({ name: 'pause_started', type: 'varchar', length: 10, nullable: true }) pauseStarted: string | null;
  /** The PauseType of the running pause (its row in referral_pauses), NULL while the clock runs. */
  @Column({ name: 'pause_type', type: 'varchar', length: 20, nullable: true }) pauseType: string | null;
  /** Working days left when the running pause began: frozen while paused. */
  @Column({ name: 'paused_days_left', type: 'int', nullable: true }) pausedDaysLeft: number | null;
  /** The acknowledgement clock (受理时限, sla/acknowledgement-clock.ts), NULL until the referral is before its department. */
  @Column({ name: 'ack_started', type: 'varchar', length: 10, nullable: true }) ackStarted: string | null;
  /** Working days granted to acknowledge: the loop standard in force when the clock started. */
  @Column({ name: 'ack_days', type: 'int', nullable: true }) ackDays: number | null;
  @Column({ name: 'acknowledge_by', type: 'varchar', length: 10, nullable: true }) acknowledgeBy: string | null;
  @Column({ name: 'ack_provisional', type: 'boolean', default: false }) ackProvisional: boolean;
  /** CST date it was acknowledged (IN_PROGRESS), else NULL. */
  @Column({ name: 'acknowledged_date', type: 'varchar', length: 10, nullable: true }) acknowledgedDate: string | null;
  /** JSON array of materials the department asked for and that are still outstanding. */
  @Column({ name: 'outstanding_materials', type: 'text' }) outstandingMaterials: string;
  @Column({ name: 'external_ref', type: 'varchar', length: 100, nullable: true }) externalRef: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) decision: string | null;
  @Column({ name: 'amount_fen', type: 'int', nullable: true }) amountFen: number | null;
  @Column({ name: 'outcome_note', type: 'text', nullable: true }) outcomeNote: string | null;
  @Column({ name: 'decided_at', type: 'varchar', length: 24, nullable: true }) decidedAt: string | null;
  /** CST date it was RESOLVED or CANCELLED. */
  @Column({ name: 'finished_date', type: 'varchar', length: 10, nullable: true }) finishedDate: string | null;
  @Column({ name: 'claim_token', type: 'varchar', length: 26, nullable: true }) claimToken: string | null;
  /** The `sub` of the system holding the lease: only it may acknowledge while the lease runs. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 100, nullable: true }) claimedBy: string | null;
  @Column({ name: 'lease_expires_at', type: 'varchar', length: 24, nullable: true }) leaseExpiresAt: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt: string;
  /** Bumped by every transition; a conditional UPDATE on it lets one of two racing writers win. */
  @Column({ type: 'int' }) version: number;
}
