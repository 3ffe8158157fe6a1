import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// The report's daily rollup (src/reports/report-day.entity.ts): slaReport for a province over a
// year counted a million cases and three million referrals on every request (5.8 s). The tables
// start empty; the hub fills them for the days already over when it starts (ReportRollup).

const key = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true });
const count = (name: string): TableColumnOptions => ({ name, type: 'int', isNullable: false });
// Created utf8mb4 outright on MySQL (a database may default to latin1): not converted afterwards as
// 0000 and 0004 do, since TiDB refuses a charset change on indexed columns. SQLite ignores `engine`.
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class ReportRollup1763870400007 implements MigrationInterface {
  name = 'ReportRollup1763870400007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_days',
        engine: UTF8MB4,
        columns: [key('region_code', 12), key('day', 10), key('department', 16), count('opened'), count('closed'), count('closed_on_time')],
        indices: [
          new TableIndex({ name: 'idx_report_days_townships', columnNames: ['department', 'day', 'region_code', 'opened', 'closed'] }),
          // A day counted again replaces its rows: found by day (the key starts with the region).
          new TableIndex({ name: 'idx_report_days_day', columnNames: ['day'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_resolutions',
        engine: UTF8MB4,
        columns: [key('region_code', 12), key('day', 10), key('department', 16), { name: 'working_days', type: 'int', isPrimary: true }, count('referrals')],
        indices: [new TableIndex({ name: 'idx_report_resolutions_day', columnNames: ['day'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_rollup',
        engine: UTF8MB4,
        columns: [{ name: 'id', type: 'int', isPrimary: true }, { name: 'rolled_through', type: 'varchar', length: '10', isNullable: true }],
      }),
    );
    await queryRunner.query('INSERT INTO report_rollup (id, rolled_through) VALUES (1, NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['report_rollup', 'report_resolutions', 'report_days']) await queryRunner.dropTable(table);
  }
}
