import { callerOf } from '../access/authorization';
import { effectiveRegion, inRegion, whereInRegion } from '../access/region';
import { withinScope } from '../access/scope';
import { checkFirst, keysetPage } from '../common/cursor';
import { RequestContext } from '../common/request-context';
import { UnitOfWork } from '../db/unit-of-work';
import { WarningEntity } from './warning.entity';
import { WarningLevel } from './warning-rules';

export interface WarningFilter {
  status?: string[] | null;
  level?: WarningLevel[] | null;
  regionCode?: string | null;
}

/** Reads of warnings (预警) by region: the township's first, the earliest verification day first. */
export class WarningQueryService {
  constructor(private readonly uow: UnitOfWork) {}

  async byId(ctx: RequestContext, id: string): Promise<WarningEntity | null> {
    const caller = callerOf(ctx);
    const w = await this.uow.read((m) => m.getRepository(WarningEntity).findOneBy({ id }));
    return withinScope(caller, w, w !== null && inRegion(caller.region, w.townshipCode));
  }

  list(ctx: RequestContext, filter: WarningFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = callerOf(ctx);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    const base = () => {
      const qb = whereInRegion(this.uow.dataSource.getRepository(WarningEntity).createQueryBuilder('w'), 'w.township_code', region);
      if (filter?.status?.length) qb.andWhere('w.status IN (:...statuses)', { statuses: filter.status });
      if (filter?.level?.length) qb.andWhere('w.level IN (:...levels)', { levels: filter.level });
      return qb;
    };
    return keysetPage(this.uow, base, { alias: 'w', column: 'verify_by', key: (w) => w.verifyBy, direction: 'ASC' }, first, after);
  }
}
