import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// The hub's first schema, written with TypeORM's Table API so the same migration runs on SQLite
// and on MySQL 8 / MariaDB. No charset or collation on columns (SQLite refuses them): MySQL
// databases are created utf8mb4 (see README). Ids are ULID strings; no auto-increment.

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '26', isPrimary: true });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const TABLES = [
  'cases',
  'persons',
  'household_members',
  'case_sequences',
  'referrals',
  'timeline_events',
  'sla_warnings',
  'calendar_days',
  'calendar_years',
  'access_log',
];

export class InitialSchema1763870400000 implements MigrationInterface {
  name = 'InitialSchema1763870400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cases',
        columns: [
          id(),
          str('case_no', 32),
          str('township_code', 12),
          str('status', 12),
          str('mode', 12),
          str('channel', 24),
          str('accepted_at', 24),
          str('accepted_date', 10),
          str('closed_at', 24, true),
          str('closed_date', 10, true),
          str('applicant_id', 26),
          int('household_size'),
          int('per_capita_income_fen'),
          text('missing_materials'),
          int('emergency_advance_fen', true),
          text('note', true),
          text('withdraw_reason', true),
          str('created_by', 100),
          str('idempotency_key', 100),
          str('input_hash', 64),
          str('open_applicant_key', 64, true),
          int('version'),
        ],
        indices: [
          index('uq_cases_case_no', ['case_no'], true),
          index('uq_cases_idempotency_key', ['township_code', 'idempotency_key'], true),
          index('uq_cases_open_applicant', ['open_applicant_key'], true),
          index('idx_cases_accepted', ['accepted_at', 'id']),
          index('idx_cases_township_accepted', ['township_code', 'accepted_at']),
          index('idx_cases_status_accepted', ['status', 'accepted_at']),
          index('idx_cases_accepted_date', ['accepted_date']),
          index('idx_cases_applicant', ['applicant_id']), // the duplicate-open-case check joins through it
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'persons',
        columns: [
          id(),
          str('name', 100),
          str('id_number_sealed', 200),
          str('id_number_index', 64),
          str('id_number_masked', 18),
          str('phone_sealed', 200, true),
          str('created_at', 24),
          str('updated_at', 24),
        ],
        indices: [index('idx_persons_id_number_index', ['id_number_index'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'household_members',
        columns: [
          id(),
          str('case_id', 26),
          str('person_id', 26),
          int('position'),
          str('relation', 12),
          int('monthly_income_fen'),
          str('school_stage', 20, true),
          bool('labor_capable'),
          bool('employed'),
          bool('disabled'),
          bool('seriously_ill'),
        ],
        indices: [index('idx_household_case', ['case_id', 'position']), index('idx_household_person', ['person_id'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'case_sequences',
        columns: [
          { ...str('township_code', 12), isPrimary: true },
          { ...str('day', 10), isPrimary: true },
          int('last_value'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'referrals',
        columns: [
          id(),
          str('case_id', 26),
          str('department', 16),
          str('category', 20),
          str('status', 24),
          str('township_code', 12),
          str('accepted_date', 10),
          int('sla_days'),
          int('paused_days'),
          str('due_date', 10),
          bool('due_provisional'),
          str('pause_started', 10, true),
          int('paused_days_left', true),
          text('outstanding_materials'),
          str('external_ref', 100, true),
          str('decision', 10, true),
          int('amount_fen', true),
          text('outcome_note', true),
          str('decided_at', 24, true),
          str('finished_date', 10, true),
          str('claim_token', 26, true),
          str('claimed_by', 100, true),
          str('lease_expires_at', 24, true),
          str('created_at', 24),
          str('updated_at', 24),
          int('version'),
        ],
        indices: [
          index('idx_referrals_case', ['case_id']),
          index('idx_referrals_claim', ['department', 'status', 'due_date']),
          index('idx_referrals_status_due', ['status', 'due_date']),
          index('idx_referrals_township', ['township_code', 'due_date']),
          index('idx_referrals_claim_token', ['claim_token']),
          index('idx_referrals_lease', ['status', 'lease_expires_at']),
          index('idx_referrals_paused', ['status', 'paused_days_left']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'timeline_events',
        columns: [
          id(),
          str('case_id', 26),
          int('seq'),
          str('referral_id', 26, true),
          str('at', 24),
          str('type', 40),
          str('actor', 100),
          text('note', true),
        ],
        // (case_id, seq) is the append order of a case's events, whatever the hosts' clocks say.
        indices: [index('uq_timeline_case_seq', ['case_id', 'seq'], true), index('idx_timeline_referral', ['referral_id', 'id'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sla_warnings',
        columns: [
          { ...str('subject_id', 26), isPrimary: true },
          { ...str('kind', 20), isPrimary: true },
          str('subject_type', 10),
          str('created_at', 24),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'calendar_days',
        columns: [{ ...str('date', 10), isPrimary: true }, int('year'), bool('workday'), str('name', 50, true)],
        indices: [index('idx_calendar_days_year', ['year'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'calendar_years',
        columns: [{ name: 'year', type: 'int', isPrimary: true }, str('published_at', 24), str('published_by', 100)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'access_log',
        columns: [id(), str('at', 24), str('actor', 100), str('role', 12), str('person_id', 26), str('purpose', 40)],
        indices: [index('idx_access_log_person', ['person_id', 'at']), index('idx_access_log_at', ['at'])],
      }),
    );
    if (queryRunner.connection.options.type === 'mysql') {
      // Tables inherit the database's default charset, which some servers set to latin1; names
      // are Chinese. Convert explicitly here rather than per column (SQLite refuses collations).
      for (const table of TABLES) {
        await queryRunner.query(`ALTER TABLE ${table} CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      }
      // Client-chosen keys compare exactly, as on SQLite (a case-insensitive collation would
      // turn "Key-1" and "key-1" into one key).
      await queryRunner.query('ALTER TABLE cases MODIFY idempotency_key VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table);
  }
}
