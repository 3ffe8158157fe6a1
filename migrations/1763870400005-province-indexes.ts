import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// Indexes for a province (a million cases, three million referrals): every statement of the
// dashboards, the report, the scan and the claims reads an index range or looks rows up by key
// (plans kept in bench/province/explain/). Two indexes become prefixes of new ones and go.
//  - cases: the report counts cases opened, closed and open per township of a region and period
//    from the index alone.
//  - referrals: the SLA look-ups of a case read (case_id, status, due_date) without the rows
//    (replaces idx_referrals_case); the report counts referrals opened and resolved per department
//    from the index alone; a county's department system polling for work reads a range of its
//    own county instead of every PENDING referral of its department.
// On MySQL/MariaDB all of a table's changes are one ALTER TABLE (one pass over the table, online).

interface IndexChange {
  table: string;
  add: Array<{ name: string; columns: string[] }>;
  drop: Array<{ name: string; columns: string[] }>;
}

const CHANGES: IndexChange[] = [
  {
    table: 'cases',
    add: [
      { name: 'idx_cases_opened_region', columns: ['accepted_date', 'township_code'] },
      { name: 'idx_cases_closed_region', columns: ['status', 'closed_date', 'township_code'] },
      { name: 'idx_cases_status_township', columns: ['status', 'township_code'] },
    ],
    drop: [{ name: 'idx_cases_accepted_date', columns: ['accepted_date'] }],
  },
  {
    table: 'referrals',
    add: [
      { name: 'idx_referrals_case_clock', columns: ['case_id', 'status', 'due_date'] },
      { name: 'idx_referrals_opened_region', columns: ['accepted_date', 'township_code', 'department'] },
      { name: 'idx_referrals_resolved_region', columns: ['status', 'finished_date', 'township_code', 'department', 'accepted_date', 'due_date'] },
      { name: 'idx_referrals_claim_region', columns: ['department', 'status', 'township_code', 'due_date'] },
    ],
    drop: [{ name: 'idx_referrals_case', columns: ['case_id'] }],
  },
];

async function apply(queryRunner: QueryRunner, changes: IndexChange[]): Promise<void> {
  for (const { table, add, drop } of changes) {
    if (queryRunner.connection.options.type === 'mysql') {
      const parts = [...drop.map((i) => `DROP INDEX ${i.name}`), ...add.map((i) => `ADD INDEX ${i.name} (${i.columns.join(', ')})`)];
      await queryRunner.query(`ALTER TABLE ${table} ${parts.join(', ')}, ALGORITHM=INPLACE, LOCK=NONE`);
    } else {
      for (const i of drop) await queryRunner.dropIndex(table, i.name);
      for (const i of add) await queryRunner.createIndex(table, new TableIndex({ name: i.name, columnNames: i.columns }));
    }
  }
}

export class ProvinceIndexes1763870400005 implements MigrationInterface {
  name = 'ProvinceIndexes1763870400005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await apply(queryRunner, CHANGES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await apply(
      queryRunner,
      CHANGES.map((c) => ({ table: c.table, add: c.drop, drop: c.add })),
    );
  }
}
