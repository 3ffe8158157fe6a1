import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

// Push delivery (推送): a referral remembers how its department receives it (PULL: its system
// claims it; PUSH: the hub's dispatcher calls that system), the outbox holds one row per effect to
// send (a delivery, a cancellation), and two tables make callbacks from partner systems safe to
// repeat: the inbox (a partner message applied once) and the nonces (a signed request used once).

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'int', isNullable: false });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const TABLES = ['delivery_outbox', 'partner_inbox', 'partner_nonces'];

export class PushDelivery1763870400004 implements MigrationInterface {
  name = 'PushDelivery1763870400004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('referrals', new TableColumn({ name: 'delivery_mode', type: 'varchar', length: '4', isNullable: false, default: "'PULL'" }));
    await queryRunner.createTable(
      new Table({
        name: 'delivery_outbox',
        columns: [
          { name: 'id', type: 'varchar', length: '26', isPrimary: true },
          str('referral_id', 26),
          str('case_id', 26),
          str('department', 20),
          str('kind', 8), // DELIVER | CANCEL
          str('state', 8), // WAITING | SENT | FAILED | SKIPPED
          int('attempts'),
          str('next_attempt_at', 24),
          str('give_up_at', 24), // the retry budget's end
          str('locked_by', 26, true),
          str('locked_until', 24, true),
          str('last_error', 200, true),
          str('external_ref', 100, true),
          str('created_at', 24),
          str('sent_at', 24, true),
        ],
        indices: [
          index('uq_outbox_referral_kind', ['referral_id', 'kind'], true),
          index('idx_outbox_due', ['department', 'state', 'next_attempt_at']),
          index('idx_outbox_lock', ['locked_by']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'partner_inbox',
        columns: [
          { name: 'department', type: 'varchar', length: '20', isPrimary: true },
          { name: 'message_id', type: 'varchar', length: '100', isPrimary: true },
          str('referral_id', 26, true),
          str('outcome', 20),
          str('received_at', 24),
        ],
        indices: [index('idx_inbox_referral', ['referral_id'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'partner_nonces',
        columns: [
          { name: 'department', type: 'varchar', length: '20', isPrimary: true },
          { name: 'nonce', type: 'varchar', length: '100', isPrimary: true },
          str('seen_at', 24),
        ],
        indices: [index('idx_nonces_seen', ['seen_at'])],
      }),
    );
    if (queryRunner.connection.options.type === 'mysql') {
      for (const table of TABLES) {
        await queryRunner.query(`ALTER TABLE ${table} CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      }
      // Partners' message ids and nonces compare exactly.
      await queryRunner.query('ALTER TABLE partner_inbox MODIFY message_id VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
      await queryRunner.query('ALTER TABLE partner_nonces MODIFY nonce VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table);
    await queryRunner.dropColumn('referrals', 'delivery_mode');
  }
}
