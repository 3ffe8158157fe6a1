import { IsNull } from 'typeorm';
import { RequestContext } from '../common/request-context';
import { callerOf } from '../access/authorization';
import { checkFirst, keysetPage } from '../common/cursor';
import { effectiveRegion, inRegion, whereCaseInRegion, whereInRegion } from '../access/region';
import { withinScope } from '../access/scope';
import { assertReadsRegister, seesCase } from '../access/department-view';
import { searchedIdNumber } from '../cases/case-search';
import { recordAccess } from '../access/access-log';
import { PiiCrypto } from '../access/pii-crypto';
import { UnitOfWork } from '../db/unit-of-work';
import { CaseEntity } from '../cases/case.entity';
import { RegisterCountEntity, RegisterHouseholdEntity, RegisterMemberEntity, TierRecordEntity } from './register.entities';
import { RegisterFilter } from './register.inputs';

/** Reads of the low-income register, inside the caller's region. */
export class RegisterQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly crypto: PiiCrypto,
  ) {}

  /** One household; an unknown id answers like one outside the caller's scope (access/scope.ts). */
  async byId(ctx: RequestContext, id: string): Promise<RegisterHouseholdEntity | null> {
    const caller = callerOf(ctx);
    assertReadsRegister(caller);
    const h = await this.uow.read((m) => m.getRepository(RegisterHouseholdEntity).findOneBy({ id }));
    return withinScope(caller, h, h !== null && inRegion(caller.region, h.townshipCode));
  }

  /** Oldest entry first (the id's time order), or by review date with `reviewDueBy`; keyset-paginated; totalCount counts the whole filter, when asked for. */
  async list(ctx: RequestContext, filter: RegisterFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = callerOf(ctx);
    assertReadsRegister(caller);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    let index: string | null = null;
    if (filter?.idNumber != null) {
      index = this.crypto.blindIndex(searchedIdNumber(filter.idNumber, ctx.today, ['filter', 'idNumber']));
      // Looking a resident up by identity number is itself an access to be accounted for.
      await recordAccess(this.uow, caller, ctx.now, [{ purpose: 'SEARCH_BY_ID_NUMBER', idNumberIndex: index }]);
    }
    const base = () => {
      const qb = this.uow.dataSource.getRepository(RegisterHouseholdEntity).createQueryBuilder('h');
      whereCaseInRegion(qb, 'h', region);
      if (filter?.tier?.length) qb.andWhere('h.tier IN (:...tiers)', { tiers: filter.tier });
      if (filter?.reviewDueBy) qb.andWhere('h.next_review_date <= :dueBy', { dueBy: filter.reviewDueBy });
      if (index !== null) qb.andWhere('h.id IN (SELECT rm.household_id FROM register_members rm WHERE rm.current_key = :memberKey)', { memberKey: index });
      return qb;
    };
    // Households due for review come in the order they fall due (the index's own order: no sort of
    // a county's due households); every other list, oldest entry first.
    const sort = filter?.reviewDueBy
      ? { alias: 'h', column: 'next_review_date', key: (h: RegisterHouseholdEntity) => h.nextReviewDate ?? '', direction: 'ASC' as const }
      : { alias: 'h', column: 'id', key: (h: RegisterHouseholdEntity) => h.id, direction: 'ASC' as const };
    // A county's (or a wider region's) households by tier are counted from the per-county counts the
    // writer keeps; a township, a review date or a person are narrow enough to count directly.
    const fromCounts = region.length <= 6 && index === null && !filter?.reviewDueBy;
    const count = fromCounts ? () => this.countByTier(region, filter?.tier ?? null) : undefined;
    return keysetPage(this.uow, base, sort, first, after, { lazyCount: true, count });
  }

  /** Households of the region (a county or wider) in these tiers, or all of them (those out of every tier counted directly: few). */
  private countByTier(region: string, tiers: string[] | null): Promise<number> {
    return this.uow.read(async (m) => {
      const counted = m.getRepository(RegisterCountEntity).createQueryBuilder('n').select('COALESCE(SUM(n.households), 0)', 'n');
      whereInRegion(counted, 'n.county_code', region);
      if (tiers?.length) counted.andWhere('n.tier IN (:...tiers)', { tiers });
      const inTiers = Number((await counted.getRawOne<{ n: string | number }>())?.n ?? 0);
      if (tiers?.length) return inTiers;
      const outside = whereCaseInRegion(m.getRepository(RegisterHouseholdEntity).createQueryBuilder('h'), 'h', region).andWhere('h.tier IS NULL');
      return inTiers + (await outside.getCount());
    });
  }

  /** Current members first (by position), then those who left. */
  members(householdId: string): Promise<RegisterMemberEntity[]> {
    return this.uow.read(async (m) => {
      const repo = m.getRepository(RegisterMemberEntity);
      const current = await repo.find({ where: { householdId, leftOn: IsNull() }, order: { position: 'ASC' } });
      const left = (await repo.find({ where: { householdId }, order: { leftOn: 'DESC', position: 'ASC' } })).filter((x) => x.leftOn !== null);
      return [...current, ...left];
    });
  }

  /** The tier history, newest first. */
  tiers(householdId: string): Promise<TierRecordEntity[]> {
    return this.uow.read((m) => m.getRepository(TierRecordEntity).find({ where: { householdId }, order: { effectiveFrom: 'DESC', id: 'DESC' } }));
  }

  /** One tier record. */
  tier(id: string): Promise<TierRecordEntity | null> {
    return this.uow.read((m) => m.getRepository(TierRecordEntity).findOneBy({ id }));
  }

  /** The household's cases the caller sees, newest first. */
  async cases(ctx: RequestContext, householdId: string): Promise<CaseEntity[]> {
    const caller = callerOf(ctx);
    const rows = await this.uow.read((m) => m.getRepository(CaseEntity).find({ where: { registerHouseholdId: householdId }, order: { acceptedAt: 'DESC' } }));
    const seen: CaseEntity[] = [];
    for (const c of rows) if (await seesCase(caller, c, () => ctx.loaders.referralsByCase.load(c.id))) seen.push(c);
    for (const c of seen) ctx.loaders.caseById.prime(c.id, c);
    return seen;
  }
}
