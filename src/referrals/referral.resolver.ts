import { DEFAULT_CLAIM_LIMIT, DEFAULT_LEASE_SECONDS } from './claim-rules';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow, SignedIn } from '../access/authorization';
import { RequestContext } from '../common/request-context';
import { Department, Role } from '../access/roles';
import { CaseType } from '../cases/case.type';
import { CaseEntity } from '../cases/case.entity';
import { AcknowledgementSlaType, SlaType } from '../sla/sla.type';
import { DateScalar } from '../graphql/scalars';
import { SlaService } from '../sla/sla.service';
import { CommandResult } from '../common/command';
import { TimelineEventType } from '../timeline/timeline-event.type';
import { TimelineEventEntity } from '../timeline/timeline-event.entity';
import { timelineNote } from '../timeline/timeline-notes';
import { ClaimReferralsPayload, ReferralConnection, ReferralOutcomeType, ReferralPayload, ReferralType } from './referral.type';
import { ReferralFilter } from './referral.inputs';
import { ReferralEntity } from './referral.entity';
import { Decision } from './referral-status';
import { parseList } from '../cases/case-lifecycle';
import { freshLoaders, primeReferrals } from '../graphql/loaders';
import { ReferralWorkflowService } from './referral-workflow.service';
import { ReferralQueryService } from './referral-query.service';
import { ClaimService } from './claim.service';

/** A referral mutation's payload: the referral as the mutation left it. */
export async function referralPayload(ctx: RequestContext, queries: ReferralQueryService, result: CommandResult<string>) {
  freshLoaders(ctx);
  const referral = result.value ? await queries.byId(ctx, result.value) : null;
  return { referral, userErrors: result.userErrors };
}

@Resolver(() => ReferralType)
export class ReferralResolver {
  constructor(
    private readonly referralQueries: ReferralQueryService,
    private readonly claims: ClaimService,
    private readonly workflow: ReferralWorkflowService,
    private readonly clocks: SlaService,
  ) {}

  private payload(ctx: RequestContext, result: CommandResult<string>) {
    return referralPayload(ctx, this.referralQueries, result);
  }

  @SignedIn()
  @Query(() => ReferralType, { nullable: true })
  referral(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ReferralEntity | null> {
    return this.referralQueries.byId(ctx, id);
  }

  @SignedIn()
  @Query(() => ReferralConnection, { description: 'Most urgent first (due date ascending). `first` is at most 100.' })
  referrals(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.referralQueries.list(ctx, filter, first ?? 20, after);
  }

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ClaimReferralsPayload, {
    description:
      "Partner pull: lease up to `limit` (at most 100) PENDING referrals of the caller's department in\nits region, most urgent first. Two concurrent callers never get the same referral. A lease that\nruns out before the referral is acknowledged returns it to PENDING.",
  })
  async claimReferrals(
    @Ctx() ctx: RequestContext,
    @Arg('department', () => Department) department: Department,
    @Arg('limit', () => Int, { defaultValue: DEFAULT_CLAIM_LIMIT }) limit: number,
    @Arg('leaseSeconds', () => Int, { defaultValue: DEFAULT_LEASE_SECONDS }) leaseSeconds: number,
  ) {
    const { value, userErrors } = await this.claims.claim(ctx, department, limit, leaseSeconds);
    freshLoaders(ctx);
    // The rows as the claim left them: nothing to read again.
    primeReferrals(ctx.loaders, value ?? []);
    return { referrals: value ?? [], userErrors };
  }

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ReferralPayload, { description: 'The department accepted the referral (受理).' })
  async acknowledgeReferral(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('externalRef', () => String, { nullable: true }) externalRef: string | null,
  ) {
    return this.payload(ctx, await this.workflow.acknowledge(ctx, id, externalRef));
  }

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ReferralPayload, { description: 'The department needs materials from the applicant; pauses the SLA clock.' })
  async requestSupplement(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('materials', () => [String]) materials: string[],
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ) {
    return this.payload(ctx, await this.workflow.requestSupplement(ctx, id, materials, note));
  }

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ReferralPayload, { description: "The department's decision. The case closes when every referral is RESOLVED or CANCELLED." })
  async resolveReferral(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => Decision) decision: Decision,
    @Arg('amountFen', () => Int, { nullable: true }) amountFen: number | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ) {
    return this.payload(ctx, await this.workflow.resolve(ctx, id, decision, amountFen, note));
  }

  @FieldResolver(() => CaseType)
  async case(@Root() r: ReferralEntity, @Ctx() ctx: RequestContext): Promise<CaseEntity> {
    return (await ctx.loaders.caseById.load(r.caseId))!;
  }

  @FieldResolver(() => SlaType)
  sla(@Root() r: ReferralEntity, @Ctx() ctx: RequestContext): SlaType {
    return this.clocks.ofReferral(ctx.today, r);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'The day the department must acknowledge the referral by (受理时限); null until it is before the department.' })
  acknowledgeBy(@Root() r: ReferralEntity): string | null {
    return r.acknowledgeBy;
  }

  @FieldResolver(() => AcknowledgementSlaType, { nullable: true })
  acknowledgement(@Root() r: ReferralEntity, @Ctx() ctx: RequestContext): AcknowledgementSlaType | null {
    return this.clocks.ofAcknowledgement(ctx.today, r);
  }

  @FieldResolver(() => ReferralOutcomeType, { nullable: true })
  outcome(@Root() r: ReferralEntity): ReferralOutcomeType | null {
    if (!r.decision || !r.decidedAt) return null;
    return { decision: r.decision as Decision, amountFen: r.amountFen, note: r.outcomeNote, decidedAt: r.decidedAt };
  }

  @FieldResolver(() => [String], { description: 'Materials the department asked for and that are still outstanding.' })
  outstandingMaterials(@Root() r: ReferralEntity): string[] {
    return parseList(r.outstandingMaterials);
  }

  @FieldResolver(() => [TimelineEventType], {
    description: 'Oldest first, in the order the events were appended (CASE_ACCEPTED before the REFERRAL_CREATED it caused).',
  })
  async timeline(@Root() r: ReferralEntity, @Ctx() ctx: RequestContext): Promise<TimelineEventEntity[]> {
    // The referral's own events and the case-level ones around them (accepted, closed, withdrawn).
    const events = await ctx.loaders.timelineByCase.load(r.caseId);
    return events.filter((e) => e.referralId === null || e.referralId === r.id);
  }
}

@Resolver(() => TimelineEventType)
export class TimelineEventResolver {
  @FieldResolver(() => String, { nullable: true, description: "What happened, in the reader's language (Accept-Language; Chinese by default)." })
  note(@Root() e: TimelineEventEntity, @Ctx() ctx: RequestContext): string | null {
    return timelineNote(e, ctx.lang);
  }

  @FieldResolver(() => ReferralType, { nullable: true })
  async referral(@Root() e: TimelineEventEntity, @Ctx() ctx: RequestContext): Promise<ReferralEntity | null> {
    if (!e.referralId) return null;
    // The case's referrals are loaded (and primed by id) in one batch for the whole page.
    const siblings = await ctx.loaders.referralsByCase.load(e.caseId);
    return siblings.find((r) => r.id === e.referralId) ?? ctx.loaders.referralById.load(e.referralId);
  }
}
