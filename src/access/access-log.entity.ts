import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every read of a whole identity number, and every search by one: who, when, which person. */
@Entity({ name: 'access_log' })
@Index('idx_access_log_person', ['personId', 'at'])
@Index('idx_access_log_at', ['at'])
@Index('idx_access_log_id_number', ['idNumberIndex', 'at'])
export class AccessLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ type: 'varchar', length: 24 }) at: string;
  @Column({ type: 'varchar', length: 100 }) actor: string;
  @Column({ type: 'varchar', length: 12 }) role: string;
  /** The person record read (READ_ID_NUMBER); null for a search. */
  @Column({ name: 'person_id', type: 'varchar', length: 26, nullable: true }) personId: string | null;
  /** The blind index of the number searched (SEARCH_BY_ID_NUMBER); never the number itself. */
  @Column({ name: 'id_number_index', type: 'varchar', length: 64, nullable: true }) idNumberIndex: string | null;
  @Column({ type: 'varchar', length: 40 }) purpose: AccessPurpose;
}

export type AccessPurpose = 'READ_ID_NUMBER' | 'SEARCH_BY_ID_NUMBER' | 'DELIVERY';
