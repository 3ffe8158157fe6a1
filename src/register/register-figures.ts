import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Allow, callerOf } from '../access/authorization';
import { Role } from '../access/roles';
import { assertReadsRegister } from '../access/department-view';
import { effectiveRegion, whereCaseInRegion } from '../access/region';
import { badInputOf } from '../common/command';
import { text } from '../common/text';
import { UserError } from '../common/user-error';
import { IsoDate } from '../common/dates';
import { RequestContext } from '../common/request-context';
import { UnitOfWork } from '../db/unit-of-work';
import { DateScalar } from '../graphql/scalars';
import { SlaService } from '../sla/sla.service';
import { divisionName } from '../divisions/division-names';
import { RegisterHouseholdEntity } from './register.entities';
import { RegisterReviewEntity, ReviewStatus } from './review/review.entity';
import { RegisterTier } from './tiers';

// The register on the supervisor's dashboard: households and people by tier and township, and
// how the periodic reviews stand (open ones by state, done ones on time or late). Counted in the
// database, inside the caller's region.

@ObjectType('RegisterTierCount')
export class RegisterTierCount {
  @Field(() => RegisterTier) tier: RegisterTier;
  @Field(() => Int) households: number;
  @Field(() => Int, { description: 'Current members of those households.' }) people: number;
}

@ObjectType('RegisterTownshipCount')
export class RegisterTownshipCount {
  @Field() townshipCode: string;
  @Field(() => String, { nullable: true, description: '乡镇（街道）名称; null when the code is unknown.' }) townshipName: string | null;
  @Field(() => Int) households: number;
  @Field(() => Int) people: number;
  @Field(() => [RegisterTierCount]) byTier: RegisterTierCount[];
}

@ObjectType('RegisterReviewCounts', { description: 'Periodic reviews: open ones by state today, and those done in the period on time (MET) or late (MISSED).' })
export class RegisterReviewCounts {
  @Field(() => Int) onTrack: number;
  @Field(() => Int) atRisk: number;
  @Field(() => Int) overdue: number;
  @Field(() => Int) doneOnTime: number;
  @Field(() => Int) doneLate: number;
}

@ObjectType('RegisterFigures')
export class RegisterFigures {
  @Field(() => [RegisterTierCount], { description: 'Households in a tier now, by tier.' }) byTier: RegisterTierCount[];
  @Field(() => [RegisterTownshipCount], { description: 'By township, most households first.' }) byTownship: RegisterTownshipCount[];
  @Field(() => RegisterReviewCounts) reviews: RegisterReviewCounts;
}

export class RegisterFiguresService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sla: SlaService,
  ) {}

  async figures(region: string, today: IsoDate, from: IsoDate | null, to: IsoDate | null): Promise<RegisterFigures> {
    const window = this.sla.window(today);
    const [tiers, reviews] = await this.uow.read(async (m) => {
      const tierRows: Array<{ tier: string; township: string; households: string | number; people: string | number | null }> = await whereCaseInRegion(
        m.getRepository(RegisterHouseholdEntity).createQueryBuilder('h'),
        'h',
        region,
      )
        .select(['h.tier AS tier', 'h.township_code AS township', 'COUNT(*) AS households', 'SUM(h.member_count) AS people'])
        .andWhere('h.tier IS NOT NULL')
        .groupBy('h.tier')
        .addGroupBy('h.township_code')
        .getRawMany();
      const qb = m.getRepository(RegisterReviewEntity).createQueryBuilder('v').select([
        `SUM(CASE WHEN v.status = 'OPEN' AND v.deadline_date > :riskLimit THEN 1 ELSE 0 END) AS onTrack`,
        `SUM(CASE WHEN v.status = 'OPEN' AND v.deadline_date >= :today AND v.deadline_date <= :riskLimit THEN 1 ELSE 0 END) AS atRisk`,
        `SUM(CASE WHEN v.status = 'OPEN' AND v.deadline_date < :today THEN 1 ELSE 0 END) AS overdue`,
        `SUM(CASE WHEN v.status = 'DONE' AND v.completed_on >= :from AND v.completed_on <= :to AND v.completed_on <= v.deadline_date THEN 1 ELSE 0 END) AS doneOnTime`,
        `SUM(CASE WHEN v.status = 'DONE' AND v.completed_on >= :from AND v.completed_on <= :to AND v.completed_on > v.deadline_date THEN 1 ELSE 0 END) AS doneLate`,
      ]);
      qb.where('v.status IN (:...statuses)', { statuses: [ReviewStatus.OPEN, ReviewStatus.DONE] });
      whereCaseInRegion(qb, 'v', region);
      qb.setParameters({ today, riskLimit: window.riskLimit, from: from ?? '0000-00-00', to: to ?? '9999-12-31' });
      return [tierRows, await qb.getRawOne()] as const;
    });
    const byTier = new Map<string, RegisterTierCount>();
    const byTownship = new Map<string, RegisterTownshipCount>();
    for (const r of tiers) {
      const households = Number(r.households);
      const people = Number(r.people ?? 0);
      const t = byTier.get(r.tier) ?? { tier: r.tier as RegisterTier, households: 0, people: 0 };
      t.households += households;
      t.people += people;
      byTier.set(r.tier, t);
      const w = byTownship.get(r.township) ?? { townshipCode: r.township, townshipName: divisionName(r.township), households: 0, people: 0, byTier: [] };
      w.households += households;
      w.people += people;
      w.byTier.push({ tier: r.tier as RegisterTier, households, people });
      byTownship.set(r.township, w);
    }
    const n = (v: unknown) => Number(v ?? 0);
    return {
      byTier: Object.values(RegisterTier).flatMap((tier) => byTier.get(tier) ?? []),
      byTownship: [...byTownship.values()].sort((a, b) => b.households - a.households || a.townshipCode.localeCompare(b.townshipCode)),
      reviews: { onTrack: n(reviews?.onTrack), atRisk: n(reviews?.atRisk), overdue: n(reviews?.overdue), doneOnTime: n(reviews?.doneOnTime), doneLate: n(reviews?.doneLate) },
    };
  }
}

@Resolver()
export class RegisterFiguresResolver {
  constructor(private readonly service: RegisterFiguresService) {}

  @Allow(Role.CLERK, Role.DEPARTMENT, Role.DASHBOARD, Role.ADMIN)
  @Query(() => RegisterFigures, { description: "The register in the caller's region in figures: by tier and township, and the periodic reviews (those done between `from` and `to`, when given). Among departments only CIVIL_AFFAIRS." })
  registerFigures(
    @Ctx() ctx: RequestContext,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
  ): Promise<RegisterFigures> {
    const caller = callerOf(ctx);
    assertReadsRegister(caller);
    const region = effectiveRegion(caller.region, regionCode, ['regionCode']);
    if (from && to && from > to) throw badInputOf([new UserError('PERIOD_REVERSED', text('开始日期晚于结束日期。', 'from is after to.'), ['from'])]);
    return this.service.figures(region, ctx.today, from, to);
  }
}
