import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Monitoring signals (监测信号) reported by departments (src/monitoring/signal.entity.ts).

const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export class MonitoringSignals1763870400023 implements MigrationInterface {
  name = 'MonitoringSignals1763870400023';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'monitoring_signals',
        engine: UTF8MB4,
        columns: [
          str('id', 26, false, true),
          str('source_department', 16),
          str('source_ref', 100),
          str('kind', 24),
          str('id_number_sealed', 200),
          str('id_number_index', 64),
          str('id_number_masked', 18),
          str('name', 100, true),
          str('township_code', 12),
          str('observed_on', 10),
          { name: 'facts', type: 'text', isNullable: false },
          { name: 'note', type: 'text', isNullable: true },
          str('household_id', 26, true),
          str('person_id', 26, true),
          str('matched_at', 24, true),
          str('received_at', 24),
          str('received_by', 100),
        ],
        indices: [
          index('uq_monitoring_signals_source', ['source_department', 'source_ref'], true),
          // Matching a person who appears later: by the blind index.
          index('idx_monitoring_signals_id_number', ['id_number_index']),
          // The matching pass's range: the signals still unmatched (matched_at IS NULL), oldest first.
          index('idx_monitoring_signals_unmatched', ['matched_at', 'received_at']),
          index('idx_monitoring_signals_region', ['township_code', 'received_at', 'id']),
          index('idx_monitoring_signals_household', ['household_id', 'observed_on']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('monitoring_signals');
  }
}
