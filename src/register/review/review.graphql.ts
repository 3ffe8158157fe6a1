import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Allow, callerOf } from '../../access/authorization';
import { Role } from '../../access/roles';
import { RequestContext } from '../../common/request-context';
import { UserError } from '../../common/user-error';
import { PageInfo } from '../../common/page-info.type';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';
import { SlaState } from '../../sla/sla.rules';
import { divisionName } from '../../divisions/division-names';
import { RegisterTier } from '../tiers';
import { RegisterHouseholdEntity, TierRecordEntity } from '../register.entities';
import { RegisterHouseholdType, TierRecordType } from '../register.types';
import { RegisterQueryService } from '../register-query.service';
import { RegisterReviewEntity, ReviewOutcome, ReviewStatus } from './review.entity';
import { RecordReviewOutcomeInput, ReviewFilter } from './review.inputs';
import { ReviewService } from './review.service';

@ObjectType('RegisterReview', { description: 'A periodic review task (定期复核) of a register household, with its working-day deadline.' })
export class RegisterReviewType {
  @Field(() => ID) id: string;
  @Field(() => RegisterTier, { description: 'The tier under review.' }) tier: RegisterTier;
  @Field() townshipCode: string;
  @Field(() => DateScalar, { description: 'The scheduled review date (应复核日期).' }) dueDate: string;
  @Field(() => DateScalar, { description: 'The due date plus the region\'s review working days (default 20) on the working calendar.' }) deadlineDate: string;
  @Field({ description: 'The deadline\'s year has no published working calendar yet.' }) deadlineProvisional: boolean;
  @Field(() => ReviewStatus) status: ReviewStatus;
  @Field(() => ReviewOutcome, { nullable: true }) outcome: ReviewOutcome | null;
  @Field(() => DateScalar, { nullable: true }) completedOn: string | null;
  @Field(() => String, { nullable: true }) completedBy: string | null;
  @Field(() => String, { nullable: true, description: '复核意见.' }) note: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the review job first found it AT_RISK.' }) atRiskAt: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the review job first found it OVERDUE.' }) overdueAt: string | null;
  @Field(() => DateTimeScalar) createdAt: string;
}

@ObjectType()
export class RegisterReviewEdge {
  @Field() cursor: string;
  @Field(() => RegisterReviewType) node: RegisterReviewType;
}

@ObjectType()
export class RegisterReviewConnection {
  @Field(() => [RegisterReviewEdge]) edges: RegisterReviewEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
export class RecordReviewOutcomePayload {
  @Field(() => RegisterReviewType, { nullable: true }) review: RegisterReviewEntity | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

const REVIEW_READERS = [Role.CLERK, Role.DEPARTMENT, Role.DASHBOARD, Role.ADMIN] as const;
const REVIEW_RECORDERS = [Role.CLERK, Role.DEPARTMENT, Role.ADMIN] as const;

@Resolver(() => RegisterReviewType)
export class RegisterReviewResolver {
  constructor(
    private readonly reviews: ReviewService,
    private readonly register: RegisterQueryService,
  ) {}

  @Allow(...REVIEW_READERS)
  @Query(() => RegisterReviewConnection, {
    description: "Periodic review tasks in the caller's region by deadline, earliest first; open ones unless `filter.status` says otherwise. `first` is at most 100.\nAmong departments only CIVIL_AFFAIRS reads them.",
  })
  registerReviews(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ReviewFilter, { nullable: true }) filter: ReviewFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.reviews.list(callerOf(ctx), filter, ctx.today, first ?? 20, after);
  }

  @Allow(...REVIEW_READERS)
  @Query(() => RegisterReviewType, { nullable: true })
  registerReview(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RegisterReviewEntity | null> {
    return this.reviews.byId(callerOf(ctx), id);
  }

  @Allow(...REVIEW_RECORDERS)
  @Mutation(() => RecordReviewOutcomePayload, {
    description: "Records a review's outcome (township clerks, civil affairs, administrators, in their region): CONTINUED moves the next review on; TIER_CHANGED starts the new tier with its basis; EXITED ends the tier with its reason.",
  })
  async recordReviewOutcome(@Ctx() ctx: RequestContext, @Arg('input', () => RecordReviewOutcomeInput) input: RecordReviewOutcomeInput) {
    const caller = callerOf(ctx);
    const result = await this.reviews.recordOutcome(caller, input);
    return { review: result.value ? await this.reviews.byId(caller, result.value) : null, userErrors: result.userErrors };
  }

  @FieldResolver(() => SlaState, { nullable: true, description: 'ON_TRACK / AT_RISK / OVERDUE while open, MET / MISSED once done; null when superseded.' })
  slaState(@Root() v: RegisterReviewEntity, @Ctx() ctx: RequestContext): SlaState | null {
    return this.reviews.figures(v, ctx.today)?.state ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Working days from today (or the day it was done) to the deadline; negative when past.' })
  workingDaysLeft(@Root() v: RegisterReviewEntity, @Ctx() ctx: RequestContext): number | null {
    return this.reviews.figures(v, ctx.today)?.workingDaysLeft ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: '乡镇（街道）名称; null when the code is unknown.' })
  townshipName(@Root() v: RegisterReviewEntity): string | null {
    return divisionName(v.townshipCode);
  }

  @FieldResolver(() => RegisterHouseholdType, { description: 'The household under review.' })
  household(@Root() v: RegisterReviewEntity, @Ctx() ctx: RequestContext): Promise<RegisterHouseholdEntity | null> {
    return this.register.byId(ctx, v.householdId);
  }

  @FieldResolver(() => TierRecordType, { nullable: true, description: 'The tier record a TIER_CHANGED outcome started.' })
  newTier(@Root() v: RegisterReviewEntity): Promise<TierRecordEntity | null> {
    return v.newTierRecordId ? this.register.tier(v.newTierRecordId) : Promise.resolve(null);
  }
}

/** The household's side: its review tasks. */
@Resolver(() => RegisterHouseholdType)
export class HouseholdReviewsResolver {
  constructor(private readonly service: ReviewService) {}

  @FieldResolver(() => [RegisterReviewType], { description: 'Its periodic review tasks, newest scheduled date first.' })
  reviews(@Root() h: RegisterHouseholdEntity): Promise<RegisterReviewEntity[]> {
    return this.service.ofHousehold(h.id);
  }
}
