import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Allow, SignedIn } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { PageInfo } from '../common/page-info.type';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { refusalNoticeSla } from '../sla/refusal-notice-clock';
import { SlaState } from '../sla/sla.rules';
import { CalendarService } from '../calendar/calendar.service';
import { RefusalNoticeEntity } from './refusal-notice.entity';
import { RefusalNoticeService, ToldMeans } from './refusal-notice.service';
import { ReferralEntity } from './referral.entity';
import { ReferralPayload, ReferralType } from './referral.type';
import { ReferralQueryService } from './referral-query.service';
import { referralPayload } from './referral.resolver';

registerEnumType(ToldMeans, { name: 'ToldMeans', description: 'How the applicant was told of a refusal: IN_WRITING (书面告知, what the rules ask for), IN_PERSON, PHONE, SMS.' });

@ObjectType('RefusalNotice', { description: 'Telling the applicant of a refusal (不予批准书面告知): by tellBy, in working days from the decision.' })
export class RefusalNoticeType {
  @Field(() => ID, { description: "The refused referral's id." }) id: string;
  @Field(() => DateScalar) refusedOn: string;
  @Field(() => Int, { description: 'Working days granted (the loop standard in force on the day of the refusal).' }) noticeDays: number;
  @Field(() => DateScalar) tellBy: string;
  @Field(() => DateScalar, { nullable: true }) toldOn: string | null;
  @Field(() => ToldMeans, { nullable: true }) toldMeans: string | null;
  @Field(() => String, { nullable: true, description: "The written notice's number (告知书编号), or how it was handed over." }) evidenceRef: string | null;
  @Field(() => String, { nullable: true }) toldBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) recordedAt: string | null;
}

@ObjectType('RefusalNoticeClock')
export class RefusalNoticeClockType {
  @Field(() => SlaState, { description: 'ON_TRACK / AT_RISK / OVERDUE until told; MET / MISSED once told.' }) state: SlaState;
  @Field(() => Int) workingDaysLeft: number;
  @Field({ description: 'tellBy lies in a year whose official calendar is not yet published.' }) provisional: boolean;
}

@ObjectType()
class RefusalNoticeEdge {
  @Field() cursor: string;
  @Field(() => RefusalNoticeType) node: RefusalNoticeEntity;
}

@ObjectType()
class RefusalNoticeConnection {
  @Field(() => [RefusalNoticeEdge]) edges: RefusalNoticeEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@InputType()
class RefusalNoticeFilterInput {
  @Field(() => Boolean, { nullable: true }) told?: boolean | null;
  @Field(() => [SlaState], { nullable: true }) state?: SlaState[] | null;
  @Field(() => String, { nullable: true, description: 'Refusals of the cases this clerk owns (首问负责人).' }) ownedBy?: string | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
}

@Resolver(() => RefusalNoticeType)
export class RefusalNoticeResolver {
  constructor(
    private readonly notices: RefusalNoticeService,
    private readonly calendars: CalendarService,
    private readonly referralQueries: ReferralQueryService,
  ) {}

  @SignedIn()
  @Query(() => RefusalNoticeConnection, { description: 'Refusals to be told, or told, to applicants; the earliest deadline first. `first` is at most 100.' })
  refusalNotices(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RefusalNoticeFilterInput, { nullable: true }) filter: RefusalNoticeFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.notices.list(ctx, filter, first ?? 20, after);
  }

  @Allow(Role.CLERK)
  @Mutation(() => ReferralPayload, { description: 'The township told the applicant of a refusal and its reason (不予批准书面告知): how, when, and the notice\'s number.' })
  async recordApplicantTold(
    @Ctx() ctx: RequestContext,
    @Arg('referralId', () => ID) referralId: string,
    @Arg('toldOn', () => DateScalar, { nullable: true, description: 'The day the applicant was told; default today. Not in the future, not before the refusal.' }) toldOn: string | null,
    @Arg('means', () => ToldMeans, { defaultValue: ToldMeans.IN_WRITING }) means: ToldMeans,
    @Arg('evidenceRef', () => String, { nullable: true }) evidenceRef: string | null,
  ) {
    return referralPayload(ctx, this.referralQueries, await this.notices.recordTold(ctx, referralId, toldOn ?? ctx.today, means, evidenceRef));
  }

  @FieldResolver(() => RefusalNoticeClockType)
  clock(@Root() n: RefusalNoticeEntity, @Ctx() ctx: RequestContext): RefusalNoticeClockType {
    return refusalNoticeSla(this.calendars.calendar, n, ctx.today);
  }

  @FieldResolver(() => ReferralType)
  async referral(@Root() n: RefusalNoticeEntity, @Ctx() ctx: RequestContext): Promise<ReferralEntity> {
    return (await ctx.loaders.referralById.load(n.id))!;
  }
}

@Resolver(() => ReferralType)
export class ReferralRefusalNoticeResolver {
  @FieldResolver(() => RefusalNoticeType, { nullable: true, description: 'Telling the applicant of this refusal; null unless the referral was refused.' })
  async refusalNotice(@Root() r: ReferralEntity, @Ctx() ctx: RequestContext): Promise<RefusalNoticeEntity | null> {
    return (await ctx.loaders.refusalNoticeByReferral.load(r.id))[0] ?? null;
  }
}
