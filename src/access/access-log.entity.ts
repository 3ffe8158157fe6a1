import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every read of a whole identity number: who, when, which person. */
@Entity({ name: 'access_log' })
@Index('idx_access_log_person', ['personId', 'at'])
@Index('idx_access_log_at', ['at'])
export class AccessLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ type: 'varchar', length: 24 }) at: string;
  @Column({ type: 'varchar', length: 100 }) actor: string;
  @Column({ type: 'varchar', length: 12 }) role: string;
  @Column({ name: 'person_id', type: 'varchar', length: 26 }) personId: string;
  @Column({ type: 'varchar', length: 40 }) purpose: string;
}
