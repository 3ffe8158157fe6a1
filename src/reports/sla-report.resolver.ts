import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { DateScalar } from '../graphql/scalars';
import { SlaReport } from './sla-report.type';

@Resolver()
export class SlaReportResolver {
  @Query(() => SlaReport)
  slaReport(
    @Ctx() ctx: RequestContext,
    @Arg('regionCode') regionCode: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
  ): Promise<SlaReport> {
    return ctx.hub.reports.report(ctx, regionCode, from, to);
  }
}
