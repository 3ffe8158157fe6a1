import { MigrationInterface, QueryRunner } from 'typeorm';

// The village or residents' community (村（社区）) an application names, for the public notice (公示).
// Plain ALTER TABLE on both engines: TypeORM's SQLite addColumn rebuilds the table and would lose
// what it does not model (the generated county_code column, the owner column's default).

export class CaseVillage1763870400022 implements MigrationInterface {
  name = 'CaseVillage1763870400022';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cases ADD COLUMN village VARCHAR(30) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cases DROP COLUMN village');
  }
}
