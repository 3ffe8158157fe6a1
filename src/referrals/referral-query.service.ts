import { RequestContext } from '../common/request-context';
import { callerOf } from '../access/authorization';
import { checkFirst, keysetPage } from '../common/cursor';
import { effectiveRegion, whereInRegion } from '../access/region';
import { listedDepartment, seesReferral } from '../access/department-view';
import { withinScope } from '../access/scope';
import { UnitOfWork } from '../db/unit-of-work';
import { primeReferrals } from '../graphql/loaders';
import { whereReferralSla } from '../sla/sla.filters';
import { whereAcknowledgementSla } from '../sla/acknowledgement.filters';
import { SlaService } from '../sla/sla.service';
import { ReferralEntity } from './referral.entity';
import { ReferralFilter } from './referral.inputs';
import { pauseWindow, runningPauseCondition } from '../sla/pause-clock';
import { ownedByFilter } from '../cases/case-ownership';

/** Reads of referrals: a department sees only its own; everyone else by region. */
export class ReferralQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sla: SlaService,
  ) {}

  /** One referral; an unknown id answers like one outside the caller's scope (access/scope.ts). */
  async byId(ctx: RequestContext, id: string): Promise<ReferralEntity | null> {
    const caller = callerOf(ctx);
    const r = await ctx.loaders.referralById.load(id);
    return withinScope(caller, r, r !== null && seesReferral(caller, r));
  }

  /** Most urgent first (due date ascending), keyset-paginated. */
  async list(ctx: RequestContext, filter: ReferralFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = callerOf(ctx);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    const department = listedDepartment(caller, filter?.department);
    const owner = ownedByFilter(filter?.ownedBy);
    const base = () => {
      const qb = whereInRegion(this.uow.dataSource.getRepository(ReferralEntity).createQueryBuilder('r'), 'r.township_code', region);
      if (department) qb.andWhere('r.department = :department', { department });
      if (filter?.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
      if (filter?.slaState?.length) whereReferralSla(qb, 'r', filter.slaState, this.sla.window(ctx.today));
      if (filter?.pauseType?.length) qb.andWhere('r.pause_type IN (:...pauseTypes)', { pauseTypes: filter.pauseType });
      if (filter?.acknowledgementState?.length) whereAcknowledgementSla(qb, 'r', filter.acknowledgementState, this.sla.acknowledgementWindow(ctx.today));
      if (filter?.pauseState?.length) {
        qb.andWhere(runningPauseCondition(filter.pauseState, 'r') ?? '1 = 0', pauseWindow(this.sla.calendar, ctx.today));
      }
      if (owner) qb.andWhere('r.case_id IN (SELECT c.id FROM cases c WHERE c.owner = :owner)', { owner });
      return qb;
    };
    const page = await keysetPage(this.uow, base, { alias: 'r', column: 'due_date', key: (r) => r.dueDate, direction: 'ASC' }, first, after);
    primeReferrals(ctx.loaders, page.edges.map((e) => e.node));
    return page;
  }
}
