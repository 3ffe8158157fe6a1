import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { divisionName } from '../divisions/division-names';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { PauseType } from '../sla/loop-standards';
import { NoticeObjectionEntity } from './notice-objection.entity';
import { noticePeriod, noticeText } from './public-notice';
import { ObjectionStatus, PublicNoticeService } from './public-notice.service';
import { ReferralEntity } from './referral.entity';
import { ReferralPayload, ReferralType } from './referral.type';
import { ReferralQueryService } from './referral-query.service';
import { referralPayload } from './referral.resolver';

registerEnumType(ObjectionStatus, { name: 'ObjectionStatus', description: 'RECEIVED (待核实), SUSTAINED (异议成立), DISMISSED (异议不成立).' });

@ObjectType('NoticeObjection', { description: 'An objection to a public notice (公示异议).' })
export class NoticeObjectionType {
  @Field(() => ID) id: string;
  @Field(() => DateScalar) receivedOn: string;
  @Field(() => DateTimeScalar) receivedAt: string;
  @Field() receivedBy: string;
  @Field() summary: string;
  @Field(() => ObjectionStatus) status: ObjectionStatus;
  @Field(() => DateScalar, { nullable: true }) decidedOn: string | null;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => String, { nullable: true }) decisionNote: string | null;
}

@ObjectType('PublicNotice', { description: 'The public notice (公示) of a 低保 or 特困 approval: it takes effect after endsOn unless an objection is sustained.' })
export class PublicNoticeType {
  @Field(() => DateScalar) startsOn: string;
  @Field(() => DateScalar) endsOn: string;
  @Field({ description: 'Still on notice (the approval not yet in effect).' }) running: boolean;
  @Field({ description: 'The notice for the village board and the township\'s printed page: the applicant with the given name masked, the place (the township and the village the application names), the kind of assistance and the monthly amount.' })
  text: string;
  @Field(() => [NoticeObjectionType]) objections: NoticeObjectionEntity[];
}

@Resolver(() => ReferralType)
export class PublicNoticeResolver {
  constructor(
    private readonly referralQueries: ReferralQueryService,
    private readonly notices: PublicNoticeService,
  ) {}

  @Allow(Role.CLERK, Role.DEPARTMENT)
  @Mutation(() => ReferralPayload, { description: 'Records an objection to a running public notice (公示异议): the approval waits until the department decides it.' })
  async recordNoticeObjection(@Ctx() ctx: RequestContext, @Arg('referralId', () => ID) referralId: string, @Arg('summary') summary: string) {
    return referralPayload(ctx, this.referralQueries, await this.notices.recordObjection(ctx, referralId, summary));
  }

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ReferralPayload, { description: "The department's finding on an objection; a sustained one (with its note) withdraws the approval, and the referral is decided again." })
  async decideNoticeObjection(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('sustained') sustained: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ) {
    return referralPayload(ctx, this.referralQueries, await this.notices.decideObjection(ctx, id, sustained, note));
  }

  @FieldResolver(() => PublicNoticeType, { nullable: true, description: 'The latest public notice (公示) of the referral; null when it never had one.' })
  async publicNotice(@Root() r: ReferralEntity, @Ctx() ctx: RequestContext): Promise<PublicNoticeType | null> {
    const pauses = (await ctx.loaders.pausesByReferral.load(r.id)).filter((p) => p.type === PauseType.PUBLIC_NOTICE && p.deadline !== null);
    const last = pauses[pauses.length - 1];
    if (!last) return null;
    const c = (await ctx.loaders.caseById.load(r.caseId))!;
    const applicant = (await ctx.loaders.personById.load(c.applicantId))!;
    const { startsOn, endsOn } = noticePeriod(last.startedOn, last.deadline!);
    const objections = (await ctx.loaders.objectionsByReferral.load(r.id)).filter((o) => o.receivedAt >= last.startedAt);
    return {
      startsOn,
      endsOn,
      running: last.endedOn === null,
      text: noticeText({ applicantName: applicant.name, place: `${divisionName(c.townshipCode) ?? c.townshipCode}${c.village ?? ''}`, category: r.category, amountFen: r.amountFen, startsOn, endsOn }),
      objections,
    };
  }
}
