import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A monitoring signal (监测信号) a department reported about a person: kept whether or not the hub
 * knows the person yet, and matched to the register household (and the intake's person) when it
 * does. One per source department and source reference: a repeat is ignored.
 */
@Entity({ name: 'monitoring_signals' })
@Index('uq_monitoring_signals_source', ['sourceDepartment', 'sourceRef'], { unique: true })
@Index('idx_monitoring_signals_id_number', ['idNumberIndex'])
@Index('idx_monitoring_signals_unmatched', ['matchedAt', 'receivedAt'])
@Index('idx_monitoring_signals_region', ['townshipCode', 'receivedAt', 'id'])
@Index('idx_monitoring_signals_household', ['householdId', 'observedOn'])
export class MonitoringSignalEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'source_department', type: 'varchar', length: 16 }) sourceDepartment: string;
  /** The source system's own reference of the signal: the idempotency key within its department. */
  @Column({ name: 'source_ref', type: 'varchar', length: 100 }) sourceRef: string;
  /** SignalKind. */
  @Column({ type: 'varchar', length: 24 }) kind: string;
  @Column({ name: 'id_number_sealed', type: 'varchar', length: 200 }) idNumberSealed: string;
  @Column({ name: 'id_number_index', type: 'varchar', length: 64 }) idNumberIndex: string;
  @Column({ name: 'id_number_masked', type: 'varchar', length: 18 }) idNumberMasked: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) name: string | null;
  /** Where the source says the person lives: the township whose warning it becomes. */
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @Column({ name: 'observed_on', type: 'varchar', length: 10 }) observedOn: string;
  /** JSON of the kind's facts (signal-kinds.ts): amountFen, periodMonths, disabilityLevel, months. */
  @Column({ type: 'text' }) facts: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** The register household the person is a current member of, once known. */
  @Column({ name: 'household_id', type: 'varchar', length: 26, nullable: true }) householdId: string | null;
  /** A person the intake knows by the same identity number, once known. */
  @Column({ name: 'person_id', type: 'varchar', length: 26, nullable: true }) personId: string | null;
  /** When the person was first found (at receipt, or by a later matching pass); NULL while unknown. */
  @Column({ name: 'matched_at', type: 'varchar', length: 24, nullable: true }) matchedAt: string | null;
  @Column({ name: 'received_at', type: 'varchar', length: 24 }) receivedAt: string;
  @Column({ name: 'received_by', type: 'varchar', length: 100 }) receivedBy: string;
}
