import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A member of the household as declared on one application (the applicant is SELF). */
@Entity({ name: 'household_members' })
@Index('idx_household_case', ['caseId', 'position'])
@Index('idx_household_person', ['personId'])
export class HouseholdMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26 }) caseId: string;
  @Column({ name: 'person_id', type: 'varchar', length: 26 }) personId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'varchar', length: 12 }) relation: string;
  @Column({ name: 'monthly_income_fen', type: 'int' }) monthlyIncomeFen: number;
  @Column({ name: 'school_stage', type: 'varchar', length: 20, nullable: true }) schoolStage: string | null;
  @Column({ name: 'labor_capable', type: 'boolean' }) laborCapable: boolean;
  @Column({ type: 'boolean' }) employed: boolean;
  @Column({ type: 'boolean' }) disabled: boolean;
  @Column({ name: 'seriously_ill', type: 'boolean' }) seriouslyIll: boolean;
}
