import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

// Supervision notices (督办单) pushed to a PUSH department over its own protocol: the outbox's rows
// name their subject besides the referral (the notice's id; '' for a delivery or a cancellation),
// and "one row per effect" becomes one per referral, kind and subject.

export class OutboxNotices1763870400021 implements MigrationInterface {
  name = 'OutboxNotices1763870400021';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('delivery_outbox', new TableColumn({ name: 'subject_id', type: 'varchar', length: '26', isNullable: false, default: "''" }));
    await queryRunner.createIndex('delivery_outbox', new TableIndex({ name: 'uq_outbox_subject', columnNames: ['referral_id', 'kind', 'subject_id'], isUnique: true }));
    await queryRunner.dropIndex('delivery_outbox', 'uq_outbox_referral_kind');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM delivery_outbox WHERE subject_id <> ''`);
    await queryRunner.createIndex('delivery_outbox', new TableIndex({ name: 'uq_outbox_referral_kind', columnNames: ['referral_id', 'kind'], isUnique: true }));
    await queryRunner.dropIndex('delivery_outbox', 'uq_outbox_subject');
    await queryRunner.dropColumn('delivery_outbox', 'subject_id');
  }
}
