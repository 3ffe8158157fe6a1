import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A resident as one application declares them; the blind index finds the same resident across applications. */
@Entity({ name: 'persons' })
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** AES-256-GCM sealed identity number. */
  @Column({ name: 'id_number_sealed', type: 'varchar', length: 200 }) idNumberSealed: string;
  /** HMAC blind index of the identity number: look-ups and duplicate checks without decrypting. */
  @Index('idx_persons_id_number_index')
  @Column({ name: 'id_number_index', type: 'varchar', length: 64 }) idNumberIndex: string;
  /** The masked form dashboards see, kept so a masked read needs no decryption. */
  @Column({ name: 'id_number_masked', type: 'varchar', length: 18 }) idNumberMasked: string;
  @Column({ name: 'phone_sealed', type: 'varchar', length: 200, nullable: true }) phoneSealed: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt: string;
}
