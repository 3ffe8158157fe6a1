import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// The low-income register (低收入人口库, src/register/): households, their members and their dated
// tier records; and the case's pointer to the household a 低保/特困 approval entered.

const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '26', isPrimary: name === 'id' });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });

export class LowIncomeRegister1763870400010 implements MigrationInterface {
  name = 'LowIncomeRegister1763870400010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'register_households',
        engine: UTF8MB4,
        columns: [
          id(),
          text('township_code', 12),
          text('county_code', 6),
          text('village_code', 12, true),
          text('head_name', 100),
          text('head_id_masked', 18),
          int('member_count'),
          text('tier', 24, true),
          text('tier_since', 10, true),
          text('next_review_date', 10, true),
          text('created_at', 24),
          text('updated_at', 24),
          int('version'),
        ],
        indices: [
          new TableIndex({ name: 'idx_register_households_township', columnNames: ['township_code', 'id'] }),
          new TableIndex({ name: 'idx_register_households_county', columnNames: ['county_code', 'id'] }),
          new TableIndex({ name: 'idx_register_households_tier', columnNames: ['tier', 'township_code', 'id'] }),
          new TableIndex({ name: 'idx_register_households_review', columnNames: ['next_review_date', 'township_code'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'register_members',
        engine: UTF8MB4,
        columns: [
          id(),
          id('household_id'),
          int('position'),
          text('name', 100),
          text('relation', 12),
          text('id_number_sealed', 200),
          text('id_number_index', 64),
          text('id_number_masked', 18),
          text('current_key', 64, true),
          text('joined_on', 10),
          text('left_on', 10, true),
        ],
        indices: [
          new TableIndex({ name: 'idx_register_members_household', columnNames: ['household_id', 'position'] }),
          new TableIndex({ name: 'idx_register_members_id_number', columnNames: ['id_number_index'] }),
          new TableIndex({ name: 'uq_register_members_current', columnNames: ['current_key'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'register_tiers',
        engine: UTF8MB4,
        columns: [
          id(),
          id('household_id'),
          text('tier', 24),
          text('effective_from', 10),
          text('effective_to', 10, true),
          int('per_capita_income_fen', true),
          int('standard_fen', true),
          text('standard_source', 200, true),
          { name: 'reasons', type: 'text', isNullable: false },
          text('source', 12),
          text('case_id', 26, true),
          text('referral_id', 26, true),
          text('document_no', 100, true),
          int('monthly_amount_fen', true),
          text('next_review_date', 10, true),
          text('exit_reason', 24, true),
          { name: 'exit_note', type: 'text', isNullable: true },
          text('import_id', 26, true),
          int('import_row', true),
          text('created_by', 100),
          text('created_at', 24),
        ],
        indices: [
          new TableIndex({ name: 'idx_register_tiers_household', columnNames: ['household_id', 'effective_from', 'id'] }),
          new TableIndex({ name: 'idx_register_tiers_case', columnNames: ['case_id'] }),
          // An import's row enters once, however often its commit is resumed.
          new TableIndex({ name: 'uq_register_tiers_import_row', columnNames: ['import_id', 'import_row'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.query('ALTER TABLE cases ADD COLUMN register_household_id VARCHAR(26) NULL');
    await queryRunner.query('CREATE INDEX idx_cases_register_household ON cases (register_household_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('ALTER TABLE cases DROP INDEX idx_cases_register_household, DROP COLUMN register_household_id');
    } else {
      await queryRunner.query('DROP INDEX idx_cases_register_household');
      await queryRunner.query('ALTER TABLE cases DROP COLUMN register_household_id');
    }
    for (const table of ['register_tiers', 'register_members', 'register_households']) await queryRunner.dropTable(table);
  }
}
