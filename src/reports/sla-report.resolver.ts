import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { DateScalar } from '../graphql/scalars';
import { NoticeSlaRow, PauseSlaRow, SlaReport, TownshipSlaRow } from './sla-report.type';
import { SlaReportService } from './sla-report.service';
import { divisionName } from '../divisions/division-names';

@Resolver(() => SlaReport)
export class SlaReportResolver {
  constructor(private readonly reports: SlaReportService) {}

  @Allow(Role.DASHBOARD, Role.ADMIN, Role.CLERK)
  @Query(() => SlaReport)
  slaReport(
    @Ctx() ctx: RequestContext,
    @Arg('regionCode') regionCode: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
  ): Promise<SlaReport> {
    return this.reports.report(ctx, regionCode, from, to);
  }

  @FieldResolver(() => [TownshipSlaRow], {
    description:
      "The report's case figures per township of its region, by township code: a row for each township with a case\naccepted or closed in the period or open now.",
  })
  townships(@Root() report: SlaReport, @Ctx() ctx: RequestContext): Promise<TownshipSlaRow[]> {
    return this.reports.townships(ctx, report);
  }

  @FieldResolver(() => [NoticeSlaRow], { description: 'Supervision notices (督办) per department, every department a row; counted only when asked for.' })
  notices(@Root() report: SlaReport, @Ctx() ctx: RequestContext): Promise<NoticeSlaRow[]> {
    return this.reports.notices(ctx, report);
  }

  @FieldResolver(() => [PauseSlaRow], { description: 'Pauses (暂停计时) per type, every type a row; counted only when asked for.' })
  pauses(@Root() report: SlaReport, @Ctx() ctx: RequestContext): Promise<PauseSlaRow[]> {
    return this.reports.pauses(ctx, report);
  }
}

@Resolver(() => TownshipSlaRow)
export class TownshipSlaRowResolver {
  @FieldResolver(() => String, { nullable: true, description: '乡镇（街道）名称 from the national division codes; null when the code is unknown.' })
  townshipName(@Root() row: TownshipSlaRow): string | null {
    return divisionName(row.townshipCode);
  }
}
