import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { PauseType } from '../sla/loop-standards';
import { SlaState } from '../sla/sla.rules';
import { SlaService } from '../sla/sla.service';
import { ReferralPauseEntity } from './referral-pause.entity';
import { ReferralEntity } from './referral.entity';
import { ReferralPayload, ReferralType } from './referral.type';
import { ReferralQueryService } from './referral-query.service';
import { ReferralWorkflowService } from './referral-workflow.service';
import { referralPayload } from './referral.resolver';

@ObjectType('ReferralPause', { description: 'One pause of the referral\'s clock (暂停计时): its type, who started it, why, on what evidence, and the day it must end by.' })
export class ReferralPauseType {
  @Field(() => ID) id: string;
  @Field(() => PauseType) type: PauseType;
  @Field(() => DateScalar) startedOn: string;
  @Field(() => DateTimeScalar) startedAt: string;
  @Field({ description: 'The department (or the token subject) that started it.' }) startedBy: string;
  @Field() reason: string;
  @Field(() => String, { nullable: true, description: 'The document behind the pause (the visit order, the check\'s request number); null for 补正, whose materials are listed on the referral.' })
  evidenceRef: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Start plus the loop standard\'s maximum for the type; null for a pause begun before the hub kept pause rows.' })
  deadline: string | null;
  @Field(() => Int, { nullable: true }) maxDays: number | null;
  @Field(() => String, { nullable: true, description: 'WORKING_DAYS, or CALENDAR_DAYS where practice counts those (公示).' }) maxUnit: string | null;
  @Field(() => SlaState, { nullable: true, description: 'ON_TRACK, AT_RISK or OVERDUE while it runs; MET or MISSED by the day it ended. Null without a deadline.' })
  state: SlaState | null;
  @Field(() => Int, { description: 'Working days it has run (to the day it ended, or today).' }) workingDays: number;
  @Field(() => DateScalar, { nullable: true }) endedOn: string | null;
  @Field(() => String, { nullable: true }) endedBy: string | null;
  @Field(() => String, { nullable: true, description: 'The step\'s result: the visit report, the check\'s report number.' }) endEvidenceRef: string | null;
  @Field(() => String, { nullable: true }) endNote: string | null;
}

/** Typed pauses (暂停计时) on the referral: the department pauses for a step and resumes with its result. */
@Resolver(() => ReferralType)
export class ReferralPauseResolver {
  constructor(
    private readonly referralQueries: ReferralQueryService,
    private readonly workflow: ReferralWorkflowService,
    private readonly clocks: SlaService,
  ) {}

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ReferralPayload, {
    description: 'Stops the clock for a step outside the department (入户调查, 经济状况核对, 评估), with why and the evidence; the pause warns once it runs past its maximum.',
  })
  async pauseReferral(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('type', () => PauseType) type: PauseType,
    @Arg('reason') reason: string,
    @Arg('evidenceRef') evidenceRef: string,
  ) {
    return referralPayload(ctx, this.referralQueries, await this.workflow.pause(ctx, id, type, reason, evidenceRef));
  }

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ReferralPayload, { description: 'The step is done (its result as evidence): the clock runs again.' })
  async resumeReferral(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('evidenceRef', () => String, { nullable: true }) evidenceRef: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ) {
    return referralPayload(ctx, this.referralQueries, await this.workflow.resume(ctx, id, evidenceRef, note));
  }

  @FieldResolver(() => PauseType, { nullable: true, description: 'The type of the pause the clock is in now; null while it runs.' })
  pauseType(@Root() r: ReferralEntity): PauseType | null {
    return (r.pauseType as PauseType | null) ?? null;
  }

  @FieldResolver(() => [ReferralPauseType], { description: 'Every pause of the clock, in the order they began.' })
  async pauses(@Root() r: ReferralEntity, @Ctx() ctx: RequestContext): Promise<ReferralPauseType[]> {
    const rows = await ctx.loaders.pausesByReferral.load(r.id);
    return rows.map((p) => this.view(ctx, p));
  }

  private view(ctx: RequestContext, p: ReferralPauseEntity): ReferralPauseType {
    const figures = this.clocks.ofPause(ctx.today, p);
    return {
      ...p,
      type: p.type as PauseType,
      state: figures?.state ?? null,
      workingDays: figures?.workingDays ?? this.clocks.calendar.workingDaysBetween(p.startedOn, p.endedOn ?? ctx.today),
    };
  }
}
