import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { SlaState } from '../../sla/sla.rules';
import { ExitReason, RegisterTier } from '../tiers';
import { ReviewOutcome, ReviewStatus } from './review.entity';

registerEnumType(ReviewStatus, { name: 'ReviewStatus', description: 'OPEN (due, waiting for the outcome), DONE, or SUPERSEDED (the tier ended another way first).' });
registerEnumType(ReviewOutcome, { name: 'ReviewOutcome', description: '继续享受 CONTINUED, 调整类别 TIER_CHANGED (with the new basis), 退出 EXITED (with the reason).' });

@InputType()
export class ReviewFilter {
  @Field(() => String, { nullable: true, description: 'Administrative-division code prefix: a township (9 digits), county (6), city (4) or province (2).' })
  regionCode?: string | null;
  @Field(() => [ReviewStatus], { nullable: true, description: 'Default: OPEN only.' })
  status?: ReviewStatus[] | null;
  @Field(() => [SlaState], { nullable: true, description: 'Open tasks in these states (ON_TRACK, AT_RISK, OVERDUE); MET and MISSED select done ones by their deadline.' })
  slaState?: SlaState[] | null;
  @Field(() => ID, { nullable: true, description: 'The tasks of one household.' })
  householdId?: string | null;
}

@InputType()
export class RecordReviewOutcomeInput {
  @Field(() => ID) reviewId: string;
  @Field(() => ReviewOutcome) outcome: ReviewOutcome;
  @Field(() => DateScalar, { nullable: true, description: 'The day the review was done (复核日期); default today. Not in the future, not before the reviewed tier began.' })
  completedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'What the review found (复核意见), at most 500 characters; required for an exit for another reason (OTHER).' })
  note?: string | null;
  @Field(() => Boolean, { nullable: true, description: '低保 only: a labour-capable member without steady work, so the next review comes after the shorter interval.' })
  irregularIncome?: boolean | null;
  @Field(() => RegisterTier, { nullable: true, description: 'TIER_CHANGED: the new tier (another than the reviewed one).' })
  tier?: RegisterTier | null;
  @Field(() => Int, { nullable: true, description: 'TIER_CHANGED: the monthly per-capita income found, in fen (the new basis).' })
  perCapitaIncomeFen?: number | null;
  @Field(() => Int, { nullable: true, description: 'TIER_CHANGED: the monthly amount paid under the new tier, in fen.' })
  monthlyAmountFen?: number | null;
  @Field(() => ExitReason, { nullable: true, description: 'EXITED: why the household leaves its tier.' })
  exitReason?: ExitReason | null;
}
