import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A warning (预警) about a register household: raised by the first signal a rule fires on, joined
 * by later ones (which may raise its level). At most one is open per household: `open_key` holds
 * the household's id while the warning is open and is unique, so two signals at once cannot open two.
 */
@Entity({ name: 'warnings' })
@Index('uq_warnings_open', ['openKey'], { unique: true })
@Index('idx_warnings_region', ['townshipCode', 'status', 'verifyBy', 'id'])
@Index('idx_warnings_household', ['householdId', 'raisedAt'])
export class WarningEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'household_id', type: 'varchar', length: 26 }) householdId: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  /** WarningLevel: RED, ORANGE, YELLOW (the highest of its hits). */
  @Column({ type: 'varchar', length: 8 }) level: string;
  /** WarningStatus. */
  @Column({ type: 'varchar', length: 12 }) status: string;
  /** The household's id while open, NULL once closed or dismissed. */
  @Column({ name: 'open_key', type: 'varchar', length: 26, nullable: true }) openKey: string | null;
  @Column({ name: 'raised_on', type: 'varchar', length: 10 }) raisedOn: string;
  @Column({ name: 'raised_at', type: 'varchar', length: 24 }) raisedAt: string;
  /** The day the township must verify by (核实时限, per level); moves earlier when the level rises. */
  @Column({ name: 'verify_by', type: 'varchar', length: 10 }) verifyBy: string;
  /** The day the joint review must decide by (the limit from warning to decision). */
  @Column({ name: 'decide_by', type: 'varchar', length: 10 }) decideBy: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt: string;
  @Column({ type: 'int' }) version: number;
}

/** Why a warning was raised or raised further: one rule a signal fired. */
@Entity({ name: 'warning_hits' })
@Index('idx_warning_hits_signal', ['signalId'])
export class WarningHitEntity {
  @PrimaryColumn({ name: 'warning_id', type: 'varchar', length: 26 }) warningId: string;
  @PrimaryColumn({ name: 'signal_id', type: 'varchar', length: 26 }) signalId: string;
  /** WarningRuleCode. */
  @PrimaryColumn({ type: 'varchar', length: 40 }) rule: string;
  @Column({ type: 'varchar', length: 8 }) level: string;
  /** WarningAction. */
  @Column({ type: 'varchar', length: 12 }) action: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) department: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
}
