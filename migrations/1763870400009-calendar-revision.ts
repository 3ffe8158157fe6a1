import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// calendar_revision: one row whose number goes up with every publication of a working calendar
// year, in the publication's transaction. Every hub process reads it (one primary-key look-up)
// before it answers a request and reloads its calendar when the number moved, so a year one process
// published is in use by all of them, on every host, before their next answer
// (src/calendar/calendar.service.ts ensureCurrent).

export class CalendarRevision1763870400009 implements MigrationInterface {
  name = 'CalendarRevision1763870400009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'calendar_revision',
        // utf8mb4 like every table (no text here, but a latin1 default would stand out); SQLite ignores `engine`.
        engine: 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'revision', type: 'int', isNullable: false },
        ],
      }),
    );
    await queryRunner.query('INSERT INTO calendar_revision (id, revision) VALUES (1, 1)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_revision');
  }
}
