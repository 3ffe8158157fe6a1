import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// The register's list at a county's size (npm run bench:import, 300,000 households): a county's
// households of some tiers, and those whose review is due by a date, were read by a walk of the
// whole table or sorted whole; these make each an index range in the list's order.

export class RegisterListIndexes1763870400013 implements MigrationInterface {
  name = 'RegisterListIndexes1763870400013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('register_households', new TableIndex({ name: 'idx_register_households_county_tier', columnNames: ['county_code', 'tier', 'id'] }));
    await queryRunner.createIndex('register_households', new TableIndex({ name: 'idx_register_households_county_review', columnNames: ['county_code', 'next_review_date', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('register_households', 'idx_register_households_county_review');
    await queryRunner.dropIndex('register_households', 'idx_register_households_county_tier');
  }
}
