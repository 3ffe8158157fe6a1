import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

// Typed pauses (暂停计时) with their evidence (src/referrals/referral-pause.entity.ts), and the type of
// the pause a referral is in (referrals.pause_type, NULL while its clock runs) for the filters.
// A referral waiting for materials when this runs gets its pause row now: type MATERIALS, begun the
// day its clock was paused (its last change as the instant), and no deadline (the maximum is set
// when a pause begins, and this one began before there was one).

const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class ReferralPauses1763870400017 implements MigrationInterface {
  name = 'ReferralPauses1763870400017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'referral_pauses',
        engine: UTF8MB4,
        columns: [
          str('id', 26, false, true),
          str('referral_id', 26),
          str('case_id', 26),
          str('township_code', 12),
          str('department', 16),
          str('type', 20),
          str('started_on', 10),
          str('started_at', 24),
          str('started_by', 100),
          { name: 'reason', type: 'text', isNullable: false },
          str('evidence_ref', 200, true),
          { name: 'max_days', type: 'int', isNullable: true },
          str('max_unit', 16, true),
          str('deadline', 10, true),
          { name: 'deadline_provisional', type: 'boolean', isNullable: false, default: false },
          str('ended_on', 10, true),
          str('ended_at', 24, true),
          str('ended_by', 100, true),
          str('end_evidence_ref', 200, true),
          { name: 'end_note', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_referral_pauses_referral', columnNames: ['referral_id', 'started_at'] }),
          new TableIndex({ name: 'idx_referral_pauses_open', columnNames: ['ended_on', 'deadline'] }),
          // The report's ranges over a period's pauses, begun and ended.
          new TableIndex({ name: 'idx_referral_pauses_started', columnNames: ['started_on', 'township_code', 'type'] }),
          new TableIndex({ name: 'idx_referral_pauses_ended', columnNames: ['ended_on', 'township_code', 'type', 'deadline'] }),
        ],
      }),
    );
    await queryRunner.addColumn('referrals', new TableColumn({ name: 'pause_type', type: 'varchar', length: '20', isNullable: true }));
    // The referral's own id is a unique id for its one open pause (ids are ULIDs of 26 characters).
    await queryRunner.query(
      "INSERT INTO referral_pauses (id, referral_id, case_id, township_code, department, type, started_on, started_at, started_by, reason, evidence_ref, deadline_provisional) " +
        "SELECT id, id, case_id, township_code, department, 'MATERIALS', pause_started, updated_at, department, '补正材料（升级前开始）', NULL, 0 FROM referrals " +
        "WHERE status = 'SUPPLEMENT_REQUESTED' AND pause_started IS NOT NULL",
    );
    await queryRunner.query("UPDATE referrals SET pause_type = 'MATERIALS' WHERE status = 'SUPPLEMENT_REQUESTED'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('referrals', 'pause_type');
    await queryRunner.dropTable('referral_pauses');
  }
}
