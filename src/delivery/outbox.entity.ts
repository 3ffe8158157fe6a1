import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** DELIVER a referral, CANCEL it (the case was withdrawn), NOTICE: a supervision notice (督办单) on it. */
export type OutboxKind = 'DELIVER' | 'CANCEL' | 'NOTICE';
/** WAITING to be sent (or retried), SENT, FAILED (budget spent or refused), SKIPPED (no longer needed). */
export type OutboxState = 'WAITING' | 'SENT' | 'FAILED' | 'SKIPPED';

/** One effect to send to a PUSH department's system (发件箱), written in the transaction that decides it. */
@Entity({ name: 'delivery_outbox' })
@Index('uq_outbox_subject', ['referralId', 'kind', 'subjectId'], { unique: true })
@Index('idx_outbox_due', ['department', 'state', 'nextAttemptAt'])
@Index('idx_outbox_lock', ['lockedBy'])
@Index('idx_outbox_finished', ['state', 'createdAt'])
@Index('idx_outbox_state', ['state', 'department', 'kind'])
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'referral_id', type: 'varchar', length: 26 }) referralId: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  @Column({ type: 'varchar', length: 20 }) department: string;
  @Column({ type: 'varchar', length: 8 }) kind: OutboxKind;
  /** What the row sends besides the referral: a NOTICE's notice id; '' for DELIVER and CANCEL. */
  @Column({ name: 'subject_id', type: 'varchar', length: 26, default: '' }) subjectId: string;
  @Column({ type: 'varchar', length: 8 }) state: OutboxState;
  @Column({ type: 'int' }) attempts: number;
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 24 }) nextAttemptAt: string;
  /** The end of the retry budget: no attempt is scheduled after it. */
  @Column({ name: 'give_up_at', type: 'varchar', length: 24 }) giveUpAt: string;
  /** The dispatcher round holding the row, until lockedUntil (a crashed process's rows free themselves). */
  @Column({ name: 'locked_by', type: 'varchar', length: 26, nullable: true }) lockedBy: string | null;
  @Column({ name: 'locked_until', type: 'varchar', length: 24, nullable: true }) lockedUntil: string | null;
  /** A short reason code of the last failure (never partner text or personal data). */
  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true }) lastError: string | null;
  @Column({ name: 'external_ref', type: 'varchar', length: 100, nullable: true }) externalRef: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
  @Column({ name: 'sent_at', type: 'varchar', length: 24, nullable: true }) sentAt: string | null;
}

/** A partner message applied (收件箱): a repeat of the same message id changes nothing. */
@Entity({ name: 'partner_inbox' })
@Index('idx_inbox_referral', ['referralId'])
@Index('idx_inbox_received', ['receivedAt'])
export class InboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 }) department: string;
  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 100 }) messageId: string;
  @Column({ name: 'referral_id', type: 'varchar', length: 26, nullable: true }) referralId: string | null;
  @Column({ type: 'varchar', length: 20 }) outcome: string;
  @Column({ name: 'received_at', type: 'varchar', length: 24 }) receivedAt: string;
}

/** A signed request's nonce, used once (replay protection shared by every hub process). */
@Entity({ name: 'partner_nonces' })
@Index('idx_nonces_seen', ['seenAt'])
export class NonceEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 }) department: string;
  @PrimaryColumn({ type: 'varchar', length: 100 }) nonce: string;
  @Column({ name: 'seen_at', type: 'varchar', length: 24 }) seenAt: string;
}
