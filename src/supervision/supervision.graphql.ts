import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Allow, SignedIn } from '../access/authorization';
import { Department, Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { PageInfo } from '../common/page-info.type';
import { UserError } from '../common/user-error';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { CaseType } from '../cases/case.type';
import { CaseEntity } from '../cases/case.entity';
import { ReferralType } from '../referrals/referral.type';
import { ReferralEntity } from '../referrals/referral.entity';
import { TimelineEventType } from '../timeline/timeline-event.type';
import { TimelineEventEntity } from '../timeline/timeline-event.entity';
import { SupervisionNoticeEntity } from './supervision-notice.entity';
import { answeredOnTime, NoticeStatus, SupervisedClock, SupervisionLevel } from './supervision-rules';
import { SupervisionService } from './supervision.service';

registerEnumType(SupervisedClock, { name: 'SupervisedClock', description: 'Which clock of the referral ran out: ACKNOWLEDGEMENT (受理时限) or RESOLUTION (办理时限).' });
registerEnumType(SupervisionLevel, { name: 'SupervisionLevel', description: 'The supervising level (督办层级): COUNTY first, then CITY.' });
registerEnumType(NoticeStatus, { name: 'NoticeStatus' });

@ObjectType('SupervisionNotice', {
  description: '督办单: raised when a referral is OVERDUE on its acknowledgement or its resolution; the department answers with a reason and a promised date by respondBy, or it escalates.',
})
export class SupervisionNoticeType {
  @Field(() => ID) id: string;
  @Field(() => Department) department: Department;
  @Field(() => SupervisedClock) clock: SupervisedClock;
  @Field(() => SupervisionLevel) level: SupervisionLevel;
  @Field({ description: "The supervising level's division code (the county's 6 digits, the city's 4)." }) supervisorRegion: string;
  @Field(() => DateScalar, { description: 'The day the clock was due.' }) dueDate: string;
  @Field(() => DateScalar) raisedOn: string;
  @Field(() => DateTimeScalar) raisedAt: string;
  @Field(() => DateScalar, { description: 'The day the department must answer by.' }) respondBy: string;
  @Field(() => NoticeStatus) status: NoticeStatus;
  @Field(() => DateScalar, { nullable: true }) answeredOn: string | null;
  @Field(() => String, { nullable: true }) answeredBy: string | null;
  @Field(() => String, { nullable: true }) answerReason: string | null;
  @Field(() => DateScalar, { nullable: true }) promisedDate: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day it was closed (the step done) or escalated.' }) closedOn: string | null;
}

@ObjectType()
class SupervisionNoticeEdge {
  @Field() cursor: string;
  @Field(() => SupervisionNoticeType) node: SupervisionNoticeType;
}

@ObjectType()
class SupervisionNoticeConnection {
  @Field(() => [SupervisionNoticeEdge]) edges: SupervisionNoticeEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
class SupervisionNoticePayload {
  @Field(() => SupervisionNoticeType, { nullable: true }) notice: SupervisionNoticeType | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType()
export class SupervisionNoticeFilter {
  @Field(() => [NoticeStatus], { nullable: true }) status?: NoticeStatus[] | null;
  @Field(() => Department, { nullable: true }) department?: Department | null;
  @Field(() => SupervisionLevel, { nullable: true }) level?: SupervisionLevel | null;
  @Field(() => SupervisedClock, { nullable: true }) clock?: SupervisedClock | null;
  @Field(() => String, { nullable: true, description: 'Division-code prefix inside the caller\'s region.' }) regionCode?: string | null;
  @Field(() => ID, { nullable: true }) caseId?: string | null;
}

@Resolver(() => SupervisionNoticeType)
export class SupervisionResolver {
  constructor(private readonly notices: SupervisionService) {}

  @SignedIn()
  @Query(() => SupervisionNoticeType, { nullable: true })
  supervisionNotice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<SupervisionNoticeEntity | null> {
    return this.notices.byId(ctx, id);
  }

  @SignedIn()
  @Query(() => SupervisionNoticeConnection, { description: "督办单, newest first; a department sees only its own. `first` is at most 100." })
  supervisionNotices(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => SupervisionNoticeFilter, { nullable: true }) filter: SupervisionNoticeFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.notices.list(ctx, filter, first ?? 20, after);
  }

  @Allow(Role.DEPARTMENT)
  @Mutation(() => SupervisionNoticePayload, { description: 'The department answers a notice: why the step is late, and the date by which it will be done.' })
  async answerSupervisionNotice(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Arg('promisedDate', () => DateScalar) promisedDate: string,
  ) {
    const result = await this.notices.answer(ctx, id, reason, promisedDate);
    return { notice: result.value ? await this.notices.byId(ctx, result.value) : null, userErrors: result.userErrors };
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Answered on or before respondBy; null while unanswered.' })
  answeredOnTime(@Root() n: SupervisionNoticeEntity): boolean | null {
    return answeredOnTime(n);
  }

  @FieldResolver(() => ReferralType)
  async referral(@Root() n: SupervisionNoticeEntity, @Ctx() ctx: RequestContext): Promise<ReferralEntity> {
    return (await ctx.loaders.referralById.load(n.referralId))!;
  }

  @FieldResolver(() => CaseType)
  async case(@Root() n: SupervisionNoticeEntity, @Ctx() ctx: RequestContext): Promise<CaseEntity> {
    return (await ctx.loaders.caseById.load(n.caseId))!;
  }

  @FieldResolver(() => String, { description: 'The clerk who owns the case (首问负责人).' })
  async caseOwner(@Root() n: SupervisionNoticeEntity, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders.caseById.load(n.caseId))!.owner;
  }

  @FieldResolver(() => SupervisionNoticeType, { nullable: true, description: 'The notice of the next level this one escalated to.' })
  escalatedTo(@Root() n: SupervisionNoticeEntity, @Ctx() ctx: RequestContext): Promise<SupervisionNoticeEntity | null> | null {
    return n.escalatedTo ? this.notices.byId(ctx, n.escalatedTo) : null;
  }

  @FieldResolver(() => [TimelineEventType], { description: "The notice's own timeline: raised, answered, escalated, closed." })
  async timeline(@Root() n: SupervisionNoticeEntity, @Ctx() ctx: RequestContext): Promise<TimelineEventEntity[]> {
    const events = await ctx.loaders.timelineByCase.load(n.caseId);
    return events.filter((e) => e.referralId === n.referralId && e.type.startsWith('SUPERVISION_') && (JSON.parse(e.params ?? '{}') as { noticeId?: string }).noticeId === n.id);
  }
}
