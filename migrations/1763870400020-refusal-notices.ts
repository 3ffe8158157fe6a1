import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Telling the applicant of a refusal (不予批准书面告知) within its working days (src/referrals/refusal-notice.entity.ts).

const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class RefusalNotices1763870400020 implements MigrationInterface {
  name = 'RefusalNotices1763870400020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'refusal_notices',
        engine: UTF8MB4,
        columns: [
          str('referral_id', 26, false, true),
          str('case_id', 26),
          str('township_code', 12),
          str('department', 16),
          str('refused_on', 10),
          { name: 'notice_days', type: 'int', isNullable: false },
          str('tell_by', 10),
          { name: 'tell_provisional', type: 'boolean', isNullable: false },
          str('told_on', 10, true),
          str('told_means', 12, true),
          str('evidence_ref', 200, true),
          str('told_by', 100, true),
          str('recorded_at', 24, true),
          str('created_at', 24),
        ],
        indices: [
          // The scan's ranges: untold (told_on IS NULL) by their day.
          new TableIndex({ name: 'idx_refusal_notices_open', columnNames: ['told_on', 'tell_by'] }),
          new TableIndex({ name: 'idx_refusal_notices_region', columnNames: ['township_code', 'refused_on'] }),
          new TableIndex({ name: 'idx_refusal_notices_case', columnNames: ['case_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('refusal_notices');
  }
}
