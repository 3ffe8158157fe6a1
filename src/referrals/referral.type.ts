import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Department } from '../access/roles';
import { AssistanceCategory } from '../classification/categories';
import { DateTimeScalar } from '../graphql/scalars';
import { PageInfo } from '../common/page-info.type';
import { UserError } from '../common/user-error';
import { Decision, ReferralStatus } from './referral-status';

/** Field resolvers (case, sla, outcome, outstandingMaterials, timeline) live in referral.resolver.ts. */
@Directive('@key(fields: "id")')
@ObjectType('Referral')
export class ReferralType {
  @Field(() => ID) id: string;
  @Field(() => Department) department: Department;
  @Field(() => AssistanceCategory) category: AssistanceCategory;
  @Field(() => ReferralStatus) status: ReferralStatus;
  @Field(() => String, { nullable: true, description: "The department system's own reference, once it acknowledged." })
  externalRef: string | null;
}

@ObjectType('ReferralOutcome')
export class ReferralOutcomeType {
  @Field(() => Decision) decision: Decision;
  @Field(() => Int, { nullable: true }) amountFen: number | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => DateTimeScalar) decidedAt: string;
}

@ObjectType()
export class ReferralEdge {
  @Field() cursor: string;
  @Field(() => ReferralType) node: ReferralType;
}

@ObjectType()
export class ReferralConnection {
  @Field(() => [ReferralEdge]) edges: ReferralEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
export class ReferralPayload {
  @Field(() => ReferralType, { nullable: true }) referral: ReferralType | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class ClaimReferralsPayload {
  @Field(() => [ReferralType]) referrals: ReferralType[];
  @Field(() => [UserError]) userErrors: UserError[];
}
