import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Supervision notices (督办单, src/supervision/supervision-notice.entity.ts): raised when a
// referral's acknowledgement or resolution is OVERDUE, to its county, then its city. The unique key
// on (referral, clock, level) keeps every notice single whatever the number of hub processes.

const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class SupervisionNotices1763870400018 implements MigrationInterface {
  name = 'SupervisionNotices1763870400018';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'supervision_notices',
        engine: UTF8MB4,
        columns: [
          str('id', 26, false, true),
          str('referral_id', 26),
          str('case_id', 26),
          str('township_code', 12),
          str('department', 16),
          str('clock', 16),
          str('level', 8),
          str('supervisor_region', 12),
          str('due_date', 10),
          str('raised_on', 10),
          str('raised_at', 24),
          str('respond_by', 10),
          str('status', 10),
          str('answered_on', 10, true),
          str('answered_by', 100, true),
          { name: 'answer_reason', type: 'text', isNullable: true },
          str('promised_date', 10, true),
          str('escalated_to', 26, true),
          str('closed_on', 10, true),
          { name: 'version', type: 'int', isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'uq_supervision_notices_subject', columnNames: ['referral_id', 'clock', 'level'], isUnique: true }),
          new TableIndex({ name: 'idx_supervision_notices_due', columnNames: ['status', 'respond_by'] }),
          new TableIndex({ name: 'idx_supervision_notices_region', columnNames: ['supervisor_region', 'status', 'raised_at', 'id'] }),
          new TableIndex({ name: 'idx_supervision_notices_department', columnNames: ['department', 'status', 'raised_at', 'id'] }),
          new TableIndex({ name: 'idx_supervision_notices_case', columnNames: ['case_id'] }),
          // The report's range over a period's notices.
          new TableIndex({ name: 'idx_supervision_notices_raised', columnNames: ['raised_on', 'township_code', 'department'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('supervision_notices');
  }
}
