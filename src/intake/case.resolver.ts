import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { Role } from '../access/roles';
import { SlaType } from '../sla/sla.type';
import { slaOfCase } from '../sla/sla.service';
import { ReferralType } from '../referrals/referral.type';
import { ReferralEntity } from '../referrals/referral.entity';
import { TimelineEventType } from '../timeline/timeline-event.type';
import { TimelineEventEntity } from '../timeline/timeline-event.entity';
import { parseList } from '../referrals/case-lifecycle';
import { CaseConnection, CaseType, HouseholdMemberType } from './case.type';
import { CaseFilter } from './case.inputs';
import { CaseEntity } from './case.entity';
import { PersonType } from './person.type';
import { HouseholdMemberEntity } from './household-member.entity';
import { PersonEntity } from './person.entity';

/** A department sees only its own referrals of a case, and the events that concern them. */
function visibleReferrals(ctx: RequestContext, referrals: ReferralEntity[]): ReferralEntity[] {
  if (ctx.caller?.role !== Role.DEPARTMENT) return referrals;
  return referrals.filter((r) => r.department === ctx.caller!.department);
}

@Resolver(() => CaseType)
export class CaseResolver {
  @Query(() => CaseType, { nullable: true })
  case(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<CaseEntity | null> {
    return ctx.hub.cases.byId(ctx, id);
  }

  @Query(() => CaseType, { nullable: true })
  caseByNo(@Ctx() ctx: RequestContext, @Arg('caseNo') caseNo: string): Promise<CaseEntity | null> {
    return ctx.hub.cases.byNo(ctx, caseNo);
  }

  @Query(() => CaseConnection, { description: 'Newest first (acceptedAt descending). `first` is at most 100.' })
  cases(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter: CaseFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return ctx.hub.cases.list(ctx, filter, first ?? 20, after);
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
    return visibleReferrals(ctx, await ctx.loaders.referralsByCase.load(c.id));
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
    return slaOfCase(ctx, c, visibleReferrals(ctx, await ctx.loaders.referralsByCase.load(c.id)));
  }

  @FieldResolver(() => [TimelineEventType], {
    description: 'Oldest first, in the order the events were appended (CASE_ACCEPTED before the REFERRAL_CREATED it caused).',
  })
  async timeline(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<TimelineEventEntity[]> {
    const events = await ctx.loaders.timelineByCase.load(c.id);
    if (ctx.caller?.role !== Role.DEPARTMENT) return events;
    const own = new Set(visibleReferrals(ctx, await ctx.loaders.referralsByCase.load(c.id)).map((r) => r.id));
    return events.filter((e) => e.referralId === null || own.has(e.referralId));
  }
}

@Resolver(() => HouseholdMemberType)
export class HouseholdMemberResolver {
  @FieldResolver(() => PersonType)
  async person(@Root() m: HouseholdMemberEntity, @Ctx() ctx: RequestContext): Promise<PersonEntity> {
    return (await ctx.loaders.personById.load(m.personId))!;
  }
}
