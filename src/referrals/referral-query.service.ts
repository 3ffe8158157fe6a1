import { RequestContext } from '../common/request-context';
import { checkFirst, decodeCursor, effectiveRegion, encodeCursor } from '../common/cursor';
import { Role } from '../access/roles';
import { forbidden, requireRole } from '../access/guard';
import { primeReferrals } from '../graphql/loaders';
import { slaWindow, whereReferralSla } from '../sla/sla.filters';
import { ReferralEntity } from './referral.entity';
import { ReferralFilter } from './referral.inputs';
import { assertOwnReferral } from './referral-workflow.service';

/** Reads of referrals: a department sees only its own; everyone else by region. */
export class ReferralQueryService {
  async byId(ctx: RequestContext, id: string): Promise<ReferralEntity | null> {
    const r = await ctx.loaders.referralById.load(id);
    if (r) this.assertVisible(ctx, r);
    return r;
  }

  assertVisible(ctx: RequestContext, r: ReferralEntity): void {
    const caller = requireRole(ctx.caller, Role.CLERK, Role.DASHBOARD, Role.ADMIN, Role.DEPARTMENT);
    if (caller.role === Role.DEPARTMENT) assertOwnReferral(caller, r);
    else if (!r.townshipCode.startsWith(caller.region)) throw forbidden();
  }

  /** Most urgent first (due date ascending), keyset-paginated. */
  async list(ctx: RequestContext, filter: ReferralFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = requireRole(ctx.caller, Role.CLERK, Role.DASHBOARD, Role.ADMIN, Role.DEPARTMENT);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode, forbidden);
    let department = filter?.department ?? null;
    if (caller.role === Role.DEPARTMENT) {
      if (department && department !== caller.department) throw forbidden();
      department = caller.department;
    }
    const base = () => {
      const qb = ctx.hub.uow.dataSource.getRepository(ReferralEntity).createQueryBuilder('r');
      if (region) qb.andWhere('r.township_code LIKE :region', { region: `${region}%` });
      if (department) qb.andWhere('r.department = :department', { department });
      if (filter?.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
      if (filter?.slaState?.length) {
        whereReferralSla(qb, 'r', filter.slaState, slaWindow(ctx.hub.calendar.calendar, ctx.today, ctx.hub.config.slaWarningDays));
      }
      return qb;
    };
    const page = base().orderBy('r.due_date', 'ASC').addOrderBy('r.id', 'ASC').limit(first + 1);
    if (after) {
      const [dueDate, id] = decodeCursor(after, 2, 'after');
      page.andWhere('(r.due_date > :afterDue OR (r.due_date = :afterDue AND r.id > :afterId))', { afterDue: dueDate, afterId: id });
    }
    const [rows, totalCount] = await ctx.hub.uow.read(async () => [await page.getMany(), await base().getCount()] as const);
    const nodes = rows.slice(0, first);
    primeReferrals(ctx.loaders, nodes);
    const edges = nodes.map((node) => ({ cursor: encodeCursor([node.dueDate, node.id]), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
      totalCount,
    };
  }
}
