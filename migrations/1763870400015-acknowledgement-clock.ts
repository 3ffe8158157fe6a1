import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

// The acknowledgement clock (受理时限) of every referral, beside its resolution clock: when it
// started (the day the referral was before the department), the working days granted, the day it
// must be acknowledged by, whether that day lies in a year without a published calendar, and the
// day it was acknowledged. Referrals accepted before this migration have no clock (all NULL): the
// days they were before their departments were never recorded.
// idx_referrals_ack (status, acknowledge_by): the SLA scan's and the filters' range over referrals
// not yet acknowledged (PENDING, DELIVERED) whose day is near or past; idx_referrals_acknowledged_region:
// the report's range over a period's acknowledgements, covering what it counts.
// report_acknowledgements: the daily rollup's acknowledgements per region, department and working
// days taken (for the median), with how many were on time. Days rolled before this migration
// have no rows, rightly: no referral had an acknowledgement clock then.

const key = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true });
const count = (name: string): TableColumnOptions => ({ name, type: 'int', isNullable: false });
const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class AcknowledgementClock1763870400015 implements MigrationInterface {
  name = 'AcknowledgementClock1763870400015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('referrals', [
      new TableColumn({ name: 'ack_started', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'ack_days', type: 'int', isNullable: true }),
      new TableColumn({ name: 'acknowledge_by', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'ack_provisional', type: 'boolean', isNullable: false, default: false }),
      new TableColumn({ name: 'acknowledged_date', type: 'varchar', length: '10', isNullable: true }),
    ]);
    await queryRunner.createIndex('referrals', new TableIndex({ name: 'idx_referrals_ack', columnNames: ['status', 'acknowledge_by'] }));
    await queryRunner.createIndex(
      'referrals',
      new TableIndex({ name: 'idx_referrals_acknowledged_region', columnNames: ['acknowledged_date', 'township_code', 'department', 'ack_started', 'acknowledge_by'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_acknowledgements',
        engine: UTF8MB4,
        columns: [key('region_code', 12), key('day', 10), key('department', 16), { name: 'working_days', type: 'int', isPrimary: true }, count('referrals'), count('on_time')],
        indices: [new TableIndex({ name: 'idx_report_acknowledgements_day', columnNames: ['day'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_acknowledgements');
    await queryRunner.dropIndex('referrals', 'idx_referrals_acknowledged_region');
    await queryRunner.dropIndex('referrals', 'idx_referrals_ack');
    for (const column of ['acknowledged_date', 'ack_provisional', 'acknowledge_by', 'ack_days', 'ack_started']) await queryRunner.dropColumn('referrals', column);
  }
}
