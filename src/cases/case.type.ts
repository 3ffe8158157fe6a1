import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { PageInfo } from '../common/page-info.type';
import { UserError } from '../common/user-error';
import { AcceptanceMode, IntakeChannel, Relation, SchoolStage } from '../intake/intake.enums';
import { CaseStatus } from './case-status';

/** Field resolvers (applicant, household, referrals, sla, timeline) live in case.resolver.ts. */
@Directive('@key(fields: "id")')
@ObjectType('Case')
export class CaseType {
  @Field(() => ID) id: string;
  @Field({ description: 'Human-readable receipt number printed for the applicant: township code, acceptance date, sequence.' })
  caseNo: string;
  @Field() townshipCode: string;
  @Field(() => CaseStatus) status: CaseStatus;
  @Field(() => AcceptanceMode) mode: AcceptanceMode;
  @Field(() => IntakeChannel) channel: IntakeChannel;
  @Field(() => DateTimeScalar) acceptedAt: string;
  @Field(() => DateTimeScalar, { nullable: true }) closedAt: string | null;
  @Field({
    description:
      'The owning clerk (首问负责人): the user id (token `sub`) of the clerk who accepted the case, or to whom it was\nlast transferred (transferCaseOwnership). The owner answers for the case until it is done.',
  })
  owner: string;
  @Field(() => Int, { description: 'Household monthly income divided by household size, in fen.' })
  perCapitaMonthlyIncomeFen: number;
  @Field(() => String, { nullable: true, description: "村（社区） the household lives in, as the application named it." }) village: string | null;
  @Field(() => Int, { nullable: true, description: 'Amount paid out at once under EMERGENCY acceptance.' })
  emergencyAdvanceFen: number | null;
}

@ObjectType('HouseholdMember')
export class HouseholdMemberType {
  @Field(() => Relation) relation: Relation;
  @Field(() => Int) monthlyIncomeFen: number;
  @Field(() => SchoolStage, { nullable: true }) schoolStage: SchoolStage | null;
  @Field() laborCapable: boolean;
  @Field() employed: boolean;
  @Field() disabled: boolean;
  @Field() seriouslyIll: boolean;
}

@ObjectType()
export class CaseEdge {
  @Field() cursor: string;
  @Field(() => CaseType) node: CaseType;
}

@ObjectType()
export class CaseConnection {
  @Field(() => [CaseEdge]) edges: CaseEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
export class SubmitApplicationPayload {
  @Field(() => CaseType, { nullable: true }) case: CaseType | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class CasePayload {
  @Field(() => CaseType, { nullable: true }) case: CaseType | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
