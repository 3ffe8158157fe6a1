import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Periodic reviews (定期复核) of the low-income register (src/register/review/): one task per
// tier record and scheduled review date (the unique key that keeps a second hub process, or a
// catch-up after downtime, from making two), its working-day deadline, its warnings and its outcome.

const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });

export class RegisterReviews1763870400012 implements MigrationInterface {
  name = 'RegisterReviews1763870400012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'register_reviews',
        engine: UTF8MB4,
        columns: [
          str('id', 26, false, true),
          str('household_id', 26),
          str('tier_record_id', 26),
          str('tier', 24),
          str('township_code', 12),
          str('county_code', 6),
          str('due_date', 10),
          str('deadline_date', 10),
          { name: 'deadline_provisional', type: 'boolean', isNullable: false },
          str('status', 12),
          str('outcome', 16, true),
          str('completed_on', 10, true),
          str('completed_by', 100, true),
          str('completed_at', 24, true),
          { name: 'note', type: 'text', isNullable: true },
          str('new_tier_record_id', 26, true),
          str('at_risk_at', 24, true),
          str('overdue_at', 24, true),
          str('created_at', 24),
          { name: 'version', type: 'int', isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'uq_register_reviews_period', columnNames: ['tier_record_id', 'due_date'], isUnique: true }),
          new TableIndex({ name: 'idx_register_reviews_household', columnNames: ['household_id', 'due_date'] }),
          new TableIndex({ name: 'idx_register_reviews_open', columnNames: ['status', 'deadline_date', 'id'] }),
          new TableIndex({ name: 'idx_register_reviews_county', columnNames: ['county_code', 'status', 'deadline_date', 'id'] }),
          new TableIndex({ name: 'idx_register_reviews_township', columnNames: ['township_code', 'status', 'deadline_date', 'id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('register_reviews');
  }
}
