import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { PageInfo } from '../common/page-info.type';
import { Relation } from '../intake/intake.enums';
import { ExitReason, RegisterTier, TierSource } from './tiers';

registerEnumType(RegisterTier, {
  name: 'RegisterTier',
  description: '低收入人口库 tiers: 低保, 特困, 低保边缘, 刚性支出困难, 防返贫监测, 其他关注对象.',
});
registerEnumType(ExitReason, { name: 'ExitReason', description: 'Why a household left its tier (应退尽退): 收入超标, 死亡, 迁出, 自愿退出, 复核不符, 其他.' });
registerEnumType(TierSource, { name: 'TierSource', description: 'Where a tier record came from: a decision, an imported roll, or a periodic review.' });

/** Field resolvers (names, members, tiers, cases) live in register.resolver.ts. */
@ObjectType('RegisterHousehold', { description: 'A household (共同生活家庭) in the low-income register (低收入人口库).' })
export class RegisterHouseholdType {
  @Field(() => ID) id: string;
  @Field() townshipCode: string;
  @Field(() => String, { nullable: true, description: '村（社区）代码, 12 digits.' }) villageCode: string | null;
  @Field() headName: string;
  @Field(() => Int, { description: 'Current members.' }) memberCount: number;
  @Field(() => RegisterTier, { nullable: true, description: 'The current tier; null once the household has left every tier.' })
  tier: RegisterTier | null;
  @Field(() => DateScalar, { nullable: true }) tierSince: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When the current tier is next reviewed (定期复核).' }) nextReviewDate: string | null;
}

@ObjectType('RegisterMember')
export class RegisterMemberType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Relation, { description: 'Relation to the head of the household (户主 is SELF).' }) relation: Relation;
  @Field(() => DateScalar) joinedOn: string;
  @Field(() => DateScalar, { nullable: true, description: 'Set when the member left the household; current members have none.' }) leftOn: string | null;
}

@ObjectType('TierRecord', { description: 'One dated tier of a household with its basis (认定依据). Never overwritten: a later one ends it.' })
export class TierRecordType {
  @Field(() => ID) id: string;
  @Field(() => RegisterTier) tier: RegisterTier;
  @Field(() => DateScalar) effectiveFrom: string;
  @Field(() => DateScalar, { nullable: true, description: 'The first day it no longer applies; null while current.' }) effectiveTo: string | null;
  @Field(() => Int, { nullable: true, description: 'Monthly per-capita income at the decision, in fen.' }) perCapitaIncomeFen: number | null;
  @Field(() => Int, { nullable: true, description: 'The line it was compared with, monthly, in fen.' }) standardFen: number | null;
  @Field(() => String, { nullable: true }) standardSource: string | null;
  @Field(() => TierSource) source: TierSource;
  @Field(() => String, { nullable: true, description: '批准文号 of an imported decision.' }) documentNo: string | null;
  @Field(() => Int, { nullable: true, description: 'The monthly amount paid, in fen.' }) monthlyAmountFen: number | null;
  @Field(() => DateScalar, { nullable: true }) nextReviewDate: string | null;
  @Field(() => ExitReason, { nullable: true }) exitReason: ExitReason | null;
  @Field(() => String, { nullable: true }) exitNote: string | null;
  @Field() createdBy: string;
  @Field(() => DateTimeScalar) createdAt: string;
}

@ObjectType()
export class RegisterHouseholdEdge {
  @Field() cursor: string;
  @Field(() => RegisterHouseholdType) node: RegisterHouseholdType;
}

@ObjectType()
export class RegisterHouseholdConnection {
  @Field(() => [RegisterHouseholdEdge]) edges: RegisterHouseholdEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
