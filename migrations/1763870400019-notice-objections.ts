import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Objections to the public notice (公示异议) of a 低保 or 特困 approval (src/referrals/notice-objection.entity.ts).

const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class NoticeObjections1763870400019 implements MigrationInterface {
  name = 'NoticeObjections1763870400019';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'notice_objections',
        engine: UTF8MB4,
        columns: [
          str('id', 26, false, true),
          str('referral_id', 26),
          str('case_id', 26),
          str('township_code', 12),
          str('received_on', 10),
          str('received_at', 24),
          str('received_by', 100),
          { name: 'summary', type: 'text', isNullable: false },
          str('status', 10),
          str('decided_on', 10, true),
          str('decided_by', 100, true),
          { name: 'decision_note', type: 'text', isNullable: true },
          { name: 'version', type: 'int', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'idx_notice_objections_referral', columnNames: ['referral_id', 'received_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notice_objections');
  }
}
