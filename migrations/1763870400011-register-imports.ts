import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Imports of counties' existing rolls into the low-income register (src/register/import/): the
// file's record and its rows as validated, kept for the preview, the error report and a commit
// that resumes where it stopped.

const UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, isPrimary });
const int = (name: string, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable, isPrimary });

export class RegisterImports1763870400011 implements MigrationInterface {
  name = 'RegisterImports1763870400011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'register_imports',
        engine: UTF8MB4,
        columns: [
          str('id', 26, false, true),
          str('region_code', 12),
          str('file_name', 200),
          str('format', 8),
          str('encoding', 16, true),
          str('file_sha256', 64),
          int('byte_size'),
          str('status', 16),
          ...['total_rows', 'create_rows', 'update_rows', 'unchanged_rows', 'conflict_rows', 'refused_rows', 'committed_rows'].map((n) => int(n)),
          str('uploaded_by', 100),
          str('uploaded_at', 24),
          str('approved_by', 100, true),
          str('approved_at', 24, true),
          str('cancelled_by', 100, true),
          str('cancelled_at', 24, true),
          str('commit_started_at', 24, true),
          str('committed_at', 24, true),
          str('lease_until', 24, true),
          str('commit_cursor', 64, true),
          { name: 'failure', type: 'text', isNullable: true },
          int('version'),
        ],
        indices: [
          new TableIndex({ name: 'idx_register_imports_region', columnNames: ['region_code', 'id'] }),
          new TableIndex({ name: 'idx_register_imports_status', columnNames: ['status', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'register_import_rows',
        engine: UTF8MB4,
        columns: [
          str('import_id', 26, false, true),
          int('row_no', false, true),
          str('household_key', 64),
          str('member_index', 64, true),
          str('name', 100, true),
          str('relation', 12, true),
          str('id_number_sealed', 200, true),
          str('id_number_masked', 18, true),
          str('township_code', 12, true),
          str('village_code', 12, true),
          str('tier', 24, true),
          str('effective_from', 10, true),
          int('per_capita_income_fen', true),
          int('monthly_amount_fen', true),
          str('document_no', 100, true),
          str('outcome', 12),
          { name: 'problems', type: 'text', isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'idx_register_import_rows_household', columnNames: ['import_id', 'household_key', 'row_no'] }),
          new TableIndex({ name: 'idx_register_import_rows_outcome', columnNames: ['import_id', 'outcome', 'row_no'] }),
          new TableIndex({ name: 'idx_register_import_rows_member', columnNames: ['import_id', 'member_index'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('register_import_rows');
    await queryRunner.dropTable('register_imports');
  }
}
