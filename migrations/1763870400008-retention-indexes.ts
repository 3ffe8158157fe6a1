import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// Indexes for rows kept no longer than needed (src/delivery/retention.ts) and for /metrics:
//  - delivery_outbox (state, created_at): the retention job finds a state's old rows in a range;
//  - delivery_outbox (state, department, kind): the outbox depth gauge counts the WAITING and FAILED
//    rows from the index alone, instead of reading every row the outbox ever held;
//  - partner_inbox (received_at): the retention job finds old entries in a range.
// On MySQL/MariaDB each table's additions are one online ALTER TABLE.

const ADD: Array<{ table: string; indexes: Array<{ name: string; columns: string[] }> }> = [
  {
    table: 'delivery_outbox',
    indexes: [
      { name: 'idx_outbox_finished', columns: ['state', 'created_at'] },
      { name: 'idx_outbox_state', columns: ['state', 'department', 'kind'] },
    ],
  },
  { table: 'partner_inbox', indexes: [{ name: 'idx_inbox_received', columns: ['received_at'] }] },
];

export class RetentionIndexes1763870400008 implements MigrationInterface {
  name = 'RetentionIndexes1763870400008';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, indexes } of ADD) {
      if (queryRunner.connection.options.type === 'mysql') {
        await queryRunner.query(`ALTER TABLE ${table} ${indexes.map((i) => `ADD INDEX ${i.name} (${i.columns.join(', ')})`).join(', ')}, ALGORITHM=INPLACE, LOCK=NONE`);
      } else {
        for (const i of indexes) await queryRunner.createIndex(table, new TableIndex({ name: i.name, columnNames: i.columns }));
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, indexes } of ADD) for (const i of indexes) await queryRunner.dropIndex(table, i.name);
  }
}
