import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per subject and warning kind: the primary key makes "once" a database guarantee. */
@Entity({ name: 'sla_warnings' })
export class SlaWarningEntity {
  @PrimaryColumn({ name: 'subject_id', type: 'varchar', length: 26 }) subjectId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) kind: string;
  @Column({ name: 'subject_type', type: 'varchar', length: 10 }) subjectType: string;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
}
