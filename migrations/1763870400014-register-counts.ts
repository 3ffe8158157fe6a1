import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// Households in a tier per county, kept by the register writer in the same transaction as each
// change (src/register/register-counts.ts): a county's list counts 290,000 households in ~40 ms by
// COUNT(*), and in a few rows from here. Filled from the register as it stands.

const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class RegisterCounts1763870400014 implements MigrationInterface {
  name = 'RegisterCounts1763870400014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'register_counts',
        engine: UTF8MB4,
        columns: [
          { name: 'county_code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'tier', type: 'varchar', length: '24', isPrimary: true },
          { name: 'households', type: 'int', isNullable: false },
        ],
      }),
    );
    await queryRunner.query(
      'INSERT INTO register_counts (county_code, tier, households) SELECT county_code, tier, COUNT(*) FROM register_households WHERE tier IS NOT NULL GROUP BY county_code, tier',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('register_counts');
  }
}
