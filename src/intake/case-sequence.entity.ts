import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-township daily counter behind caseNo; incremented with a conditional UPDATE. */
@Entity({ name: 'case_sequences' })
export class CaseSequenceEntity {
  @PrimaryColumn({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  @PrimaryColumn({ name: 'day', type: 'varchar', length: 10 }) day: string;
  @Column({ name: 'last_value', type: 'int' }) lastValue: number;
}
