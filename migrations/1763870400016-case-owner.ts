import { MigrationInterface, QueryRunner } from 'typeorm';

// 首问负责: every case has an owning clerk (the token `sub` of the clerk who accepted it, or to whom
// it was transferred). Existing cases are owned by the clerk who accepted them (created_by). The
// index serves a clerk's own cases ("我负责的案件": owner = ?, status = 'OPEN', newest first) as a
// range read in the list's order.
//
// The column is added NOT NULL with an empty default, filled, and (MySQL/MariaDB) loses the default,
// so no row is ever NULL on the way. SQLite cannot drop a default without rebuilding the table (and
// its generated county_code column), so there the default '' stays; the hub always writes the owner.

const INDEX = 'idx_cases_owner_status_accepted';

export class CaseOwner1763870400016 implements MigrationInterface {
  name = 'CaseOwner1763870400016';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.query("ALTER TABLE cases ADD COLUMN owner VARCHAR(100) NOT NULL DEFAULT ''");
    await queryRunner.query('UPDATE cases SET owner = created_by');
    if (mysql) {
      await queryRunner.query(`ALTER TABLE cases ALTER COLUMN owner DROP DEFAULT, ADD INDEX ${INDEX} (owner, status, accepted_at, id)`);
    } else {
      await queryRunner.query(`CREATE INDEX ${INDEX} ON cases (owner, status, accepted_at, id)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query(`ALTER TABLE cases DROP INDEX ${INDEX}, DROP COLUMN owner`);
    } else {
      await queryRunner.query(`DROP INDEX ${INDEX}`);
      await queryRunner.query('ALTER TABLE cases DROP COLUMN owner');
    }
  }
}
