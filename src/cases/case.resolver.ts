import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Allow, SignedIn } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { visibleEvents, visibleReferrals } from '../access/department-view';
import { SlaType } from '../sla/sla.type';
import { SlaService } from '../sla/sla.service';
import { ReferralType } from '../referrals/referral.type';
import { ReferralEntity } from '../referrals/referral.entity';
import { TimelineEventType } from '../timeline/timeline-event.type';
import { TimelineEventEntity } from '../timeline/timeline-event.entity';
import { parseList } from './case-lifecycle';
import { CaseConnection, CaseType, HouseholdMemberType } from './case.type';
import { CaseFilter } from './case.inputs';
import { CaseEntity } from './case.entity';
import { PersonType } from '../intake/person.type';
import { HouseholdMemberEntity } from '../intake/household-member.entity';
import { PersonEntity } from '../intake/person.entity';
import { CaseQueryService } from './case-query.service';

@Resolver(() => CaseType)
export class CaseResolver {
  constructor(
    private readonly caseQueries: CaseQueryService,
    private readonly clocks: SlaService,
  ) {}

  @SignedIn()
  @Query(() => CaseType, { nullable: true })
  case(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<CaseEntity | null> {
    return this.caseQueries.byId(ctx, id);
  }

  @SignedIn()
  @Query(() => CaseType, { nullable: true })
  caseByNo(@Ctx() ctx: RequestContext, @Arg('caseNo') caseNo: string): Promise<CaseEntity | null> {
    return this.caseQueries.byNo(ctx, caseNo);
  }

  @Allow(Role.CLERK, Role.DASHBOARD, Role.ADMIN)
  @Query(() => CaseConnection, { description: 'Newest first (acceptedAt descending). `first` is at most 100.' })
  cases(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter: CaseFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.caseQueries.list(ctx, filter, first ?? 20, after);
  }

  @FieldResolver(() => PersonType)
  async applicant(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<PersonEntity> {
    // Through the household (the applicant is its SELF member): same batch, no extra statement.
    await ctx.loaders.householdByCase.load(c.id);
    return (await ctx.loaders.personById.load(c.applicantId))!;
  }

  @FieldResolver(() => [HouseholdMemberType])
  household(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<HouseholdMemberEntity[]> {
    return ctx.loaders.householdByCase.load(c.id);
  }

  @FieldResolver(() => [ReferralType])
  async referrals(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<ReferralEntity[]> {
    return visibleReferrals(ctx.caller, await ctx.loaders.referralsByCase.load(c.id));
  }

  @FieldResolver(() => [String], { description: 'Materials still missing under TOLERANT acceptance.' })
  missingMaterials(@Root() c: CaseEntity): string[] {
    return parseList(c.missingMaterials);
  }

  @FieldResolver(() => SlaType, {
    description:
      "The case's clock: its due date is the latest due date of its referrals that are not CANCELLED\n(so its pausedWorkingDays is the largest of theirs); MET or MISSED by the day the case closed.\nTOLERANT acceptance does not pause it: 容缺受理 means the work starts while materials follow.",
  })
  async sla(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<SlaType> {
    // A department's view of the case clock counts only the referrals it may see.
    return this.clocks.ofCase(ctx.today, c, visibleReferrals(ctx.caller, await ctx.loaders.referralsByCase.load(c.id)));
  }

  @FieldResolver(() => [TimelineEventType], {
    description: 'Oldest first, in the order the events were appended (CASE_ACCEPTED before the REFERRAL_CREATED it caused).',
  })
  async timeline(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<TimelineEventEntity[]> {
    const [events, referrals] = await Promise.all([ctx.loaders.timelineByCase.load(c.id), ctx.loaders.referralsByCase.load(c.id)]);
    return visibleEvents(ctx.caller, events, referrals);
  }
}

@Resolver(() => HouseholdMemberType)
export class HouseholdMemberResolver {
  @FieldResolver(() => PersonType)
  async person(@Root() m: HouseholdMemberEntity, @Ctx() ctx: RequestContext): Promise<PersonEntity> {
    return (await ctx.loaders.personById.load(m.personId))!;
  }
}
