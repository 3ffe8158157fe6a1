import { MigrationInterface, QueryRunner } from 'typeorm';

// A county's list of cases, newest first (a county dashboard page): with a township-prefix filter
// MariaDB walked the whole idx_cases_accepted backwards until 100 cases of the county turned up
// (bench/province/explain/01-…). A county code computed from the township code (the first six
// digits: 县级区划) with an index (county_code, accepted_at, id) makes it a range read in order.
// VIRTUAL, so nothing writes it and no row grows: the index alone holds it.

export class CaseCountyCode1763870400006 implements MigrationInterface {
  name = 'CaseCountyCode1763870400006';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query(
        'ALTER TABLE cases ADD COLUMN county_code VARCHAR(6) AS (LEFT(township_code, 6)) VIRTUAL, ADD INDEX idx_cases_county_accepted (county_code, accepted_at, id)',
      );
    } else {
      await queryRunner.query('ALTER TABLE cases ADD COLUMN county_code VARCHAR(6) GENERATED ALWAYS AS (substr(township_code, 1, 6)) VIRTUAL');
      await queryRunner.query('CREATE INDEX idx_cases_county_accepted ON cases (county_code, accepted_at, id)');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('ALTER TABLE cases DROP INDEX idx_cases_county_accepted, DROP COLUMN county_code');
    } else {
      await queryRunner.query('DROP INDEX idx_cases_county_accepted');
      await queryRunner.query('ALTER TABLE cases DROP COLUMN county_code');
    }
  }
}
