import { RequestContext } from '../common/request-context';
import { callerOf } from '../access/authorization';
import { checkFirst, keysetPage } from '../common/cursor';
import { assertInRegion, effectiveRegion, whereCaseInRegion } from '../access/region';
import { withinScope } from '../access/scope';
import { seesCase } from '../access/department-view';

import { UnitOfWork } from '../db/unit-of-work';
import { primeCases } from '../graphql/loaders';
import { whereCaseSla } from '../sla/sla.filters';
import { SlaService } from '../sla/sla.service';
import { CaseEntity } from './case.entity';
import { CaseFilter } from './case.inputs';
import { caseSearchOf, whereCaseSearch } from './case-search';
import { ownedByFilter } from './case-ownership';
import { PiiCrypto } from '../access/pii-crypto';
import { recordAccess } from '../access/access-log';

/** Dashboard and window reads of cases, inside the caller's region. */
export class CaseQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sla: SlaService,
    private readonly crypto: PiiCrypto,
  ) {}

  /** One case; an unknown id answers like one outside the caller's scope (access/scope.ts). */
  async byId(ctx: RequestContext, id: string): Promise<CaseEntity | null> {
    const c = await ctx.loaders.caseById.load(id);
    return withinScope(callerOf(ctx), c, c !== null && (await this.visible(ctx, c)));
  }

  async byNo(ctx: RequestContext, caseNo: string): Promise<CaseEntity | null> {
    const caller = callerOf(ctx);
    const wanted = caseNo.trim();
    // caseNo starts with the township code: refuse outside the region before looking.
    assertInRegion(caller, wanted);
    const c = await this.uow.read((m) => m.getRepository(CaseEntity).findOneBy({ caseNo: wanted }));
    if (c) ctx.loaders.caseById.prime(c.id, c);
    return withinScope(caller, c, c !== null && (await this.visible(ctx, c)));
  }

  /**
   * Clerks, dashboards and admins see cases in their region. A department sees a case only through
   * a referral of its own; any other case reads like an unknown one, so it cannot tell which exist.
   */
  private visible(ctx: RequestContext, c: CaseEntity): Promise<boolean> {
    return seesCase(callerOf(ctx), c, () => ctx.loaders.referralsByCase.load(c.id));
  }

  /** Newest first (acceptedAt descending), keyset-paginated; totalCount counts the whole filter. */
  async list(ctx: RequestContext, filter: CaseFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = callerOf(ctx);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    const search = caseSearchOf(filter, region, ctx.today);
    const owner = ownedByFilter(filter?.ownedBy);
    const index = search.idNumber === null ? null : this.crypto.blindIndex(search.idNumber);
    // Looking a resident up by identity number is itself an access to be accounted for.
    if (index !== null) await recordAccess(this.uow, caller, ctx.now, [{ purpose: 'SEARCH_BY_ID_NUMBER', idNumberIndex: index }]);
    const base = () => {
      const qb = whereCaseInRegion(this.uow.dataSource.getRepository(CaseEntity).createQueryBuilder('c'), 'c', region);
      // A clerk's own cases: with one status, a range of idx_cases_owner_status_accepted in the list's order.
      if (owner !== null) qb.andWhere('c.owner = :owner', { owner });
      if (filter?.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: filter.status });
      if (filter?.acceptedFrom) qb.andWhere('c.accepted_date >= :from', { from: filter.acceptedFrom });
      if (filter?.acceptedTo) qb.andWhere('c.accepted_date <= :to', { to: filter.acceptedTo });
      if (filter?.slaState?.length) whereCaseSla(qb, 'c', filter.slaState, this.sla.window(ctx.today));
      if (filter?.department) {
        // "Has a referral of this department" (an EXISTS in meaning), written as a correlated COUNT
        // for the reason given in sla.filters.ts: it stays a look-up on idx_referrals_case_clock per case.
        qb.andWhere('(SELECT COUNT(*) FROM referrals fd WHERE fd.case_id = c.id AND fd.department = :filterDepartment) > 0', {
          filterDepartment: filter.department,
        });
      }
      whereCaseSearch(qb, search, index);
      return qb;
    };
    const page = await keysetPage(this.uow, base, { alias: 'c', column: 'accepted_at', key: (c) => c.acceptedAt, direction: 'DESC' }, first, after);
    primeCases(ctx.loaders, page.edges.map((e) => e.node));
    return page;
  }
}
