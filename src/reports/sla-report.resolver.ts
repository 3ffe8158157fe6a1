import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { DateScalar } from '../graphql/scalars';
import { SlaReport } from './sla-report.type';
import { SlaReportService } from './sla-report.service';

@Resolver()
export class SlaReportResolver {
  constructor(private readonly reports: SlaReportService) {}

  @Query(() => SlaReport)
  slaReport(
    @Ctx() ctx: RequestContext,
    @Arg('regionCode') regionCode: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
  ): Promise<SlaReport> {
    return this.reports.report(ctx, regionCode, from, to);
  }
}
