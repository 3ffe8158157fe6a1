import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Warnings (预警) folded per household from monitoring signals, and the rule hits behind them
// (src/monitoring/warning.entity.ts).

const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export class Warnings1763870400024 implements MigrationInterface {
  name = 'Warnings1763870400024';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'warnings',
        engine: UTF8MB4,
        columns: [
          str('id', 26, false, true),
          str('household_id', 26),
          str('township_code', 12),
          str('level', 8),
          str('status', 12),
          str('open_key', 26, true),
          str('raised_on', 10),
          str('raised_at', 24),
          str('verify_by', 10),
          str('decide_by', 10),
          str('updated_at', 24),
          { name: 'version', type: 'int', isNullable: false },
        ],
        indices: [
          // At most one open warning per household (NULL once it is no longer open).
          index('uq_warnings_open', ['open_key'], true),
          index('idx_warnings_region', ['township_code', 'status', 'verify_by', 'id']),
          index('idx_warnings_household', ['household_id', 'raised_at']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'warning_hits',
        engine: UTF8MB4,
        columns: [
          str('warning_id', 26, false, true),
          str('signal_id', 26, false, true),
          str('rule', 40, false, true),
          str('level', 8),
          str('action', 12),
          str('department', 16, true),
          { name: 'reason', type: 'text', isNullable: false },
          str('created_at', 24),
        ],
        indices: [index('idx_warning_hits_signal', ['signal_id'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('warning_hits');
    await queryRunner.dropTable('warnings');
  }
}
