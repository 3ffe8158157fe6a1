import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

// The access log records searches by identity number too: such a search names no person record
// (it may find none), so person_id becomes optional and the blind index of the number searched
// is kept, which lets an auditor ask "who looked for this resident" without storing the number.
export class AccessLogSearches1763870400003 implements MigrationInterface {
  name = 'AccessLogSearches1763870400003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'access_log',
      'person_id',
      new TableColumn({ name: 'person_id', type: 'varchar', length: '26', isNullable: true }),
    );
    await queryRunner.addColumn('access_log', new TableColumn({ name: 'id_number_index', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.createIndex('access_log', new TableIndex({ name: 'idx_access_log_id_number', columnNames: ['id_number_index', 'at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('access_log', 'idx_access_log_id_number');
    await queryRunner.dropColumn('access_log', 'id_number_index');
    await queryRunner.query('DELETE FROM access_log WHERE person_id IS NULL');
    await queryRunner.changeColumn(
      'access_log',
      'person_id',
      new TableColumn({ name: 'person_id', type: 'varchar', length: '26', isNullable: false }),
    );
  }
}
