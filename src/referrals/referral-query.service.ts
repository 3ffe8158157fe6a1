import { RequestContext } from '../common/request-context';
import { checkFirst, keysetPage } from '../common/cursor';
import { effectiveRegion } from '../access/region';
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
    const region = effectiveRegion(caller.region, filter?.regionCode);
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
    const page = await keysetPage(ctx.hub.uow, base, { alias: 'r', column: 'due_date', key: (r) => r.dueDate, direction: 'ASC' }, first, after);
    primeReferrals(ctx.loaders, page.edges.map((e) => e.node));
    return page;
  }
}
