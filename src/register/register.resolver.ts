import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Role } from '../access/roles';
import { readsRegister } from '../access/department-view';
import { showsWholeIdNumber } from '../access/scope';
import { PiiCrypto } from '../access/pii-crypto';
import { RequestContext } from '../common/request-context';
import { CaseType } from '../cases/case.type';
import { CaseEntity } from '../cases/case.entity';
import { divisionName } from '../divisions/division-names';
import { parseList } from '../cases/case-lifecycle';
import { RegisterHouseholdEntity, RegisterMemberEntity, TierRecordEntity } from './register.entities';
import { RegisterHouseholdConnection, RegisterHouseholdType, RegisterMemberType, TierRecordType } from './register.types';
import { Page } from '../common/cursor';
import { RegisterFilter } from './register.inputs';
import { RegisterQueryService } from './register-query.service';

const REGISTER_READERS = [Role.CLERK, Role.DEPARTMENT, Role.DASHBOARD, Role.ADMIN] as const;

@Resolver(() => RegisterHouseholdType)
export class RegisterResolver {
  constructor(private readonly register: RegisterQueryService) {}

  @Allow(...REGISTER_READERS)
  @Query(() => RegisterHouseholdConnection, {
    description: 'The low-income register (低收入人口库) in the caller\'s region, oldest entry first (with `reviewDueBy`, earliest review first). `first` is at most 100.\nAmong departments only CIVIL_AFFAIRS reads it. Identity numbers are masked in this list.',
  })
  registerHouseholds(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RegisterFilter, { nullable: true }) filter: RegisterFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.register.list(ctx, filter, first ?? 20, after);
  }

  @Allow(...REGISTER_READERS)
  @Query(() => RegisterHouseholdType, { nullable: true, description: 'One household of the register, with its members, tier history and cases.' })
  registerHousehold(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RegisterHouseholdEntity | null> {
    return this.register.byId(ctx, id);
  }

  @FieldResolver(() => String, { nullable: true, description: '乡镇（街道）名称 from the national division codes; null when the code is unknown.' })
  townshipName(@Root() h: RegisterHouseholdEntity): string | null {
    return divisionName(h.townshipCode);
  }

  @FieldResolver(() => String, { nullable: true, description: '县（市、区）名称; null when the code is unknown.' })
  countyName(@Root() h: RegisterHouseholdEntity): string | null {
    return divisionName(h.countyCode);
  }

  @FieldResolver(() => String, { description: "The head's identity number, masked (first 6 and last 4 digits visible)." })
  headIdNumberMasked(@Root() h: RegisterHouseholdEntity): string {
    return h.headIdMasked;
  }

  @FieldResolver(() => [RegisterMemberType], { description: 'Current members (the head first), then those who left.' })
  members(@Root() h: RegisterHouseholdEntity): Promise<RegisterMemberEntity[]> {
    return this.register.members(h.id);
  }

  @FieldResolver(() => [TierRecordType], { description: 'The tier history, newest first.' })
  tiers(@Root() h: RegisterHouseholdEntity): Promise<TierRecordEntity[]> {
    return this.register.tiers(h.id);
  }

  @FieldResolver(() => [CaseType], { description: "The household's cases the caller sees, newest first." })
  cases(@Root() h: RegisterHouseholdEntity, @Ctx() ctx: RequestContext): Promise<CaseEntity[]> {
    return this.register.cases(ctx, h.id);
  }
}

@Resolver(() => RegisterMemberType)
export class RegisterMemberResolver {
  constructor(private readonly crypto: PiiCrypto) {}

  @FieldResolver(() => String, {
    description: 'Masked in the register list and for dashboards; whole on a household read by id by a role that needs it (each showing is logged).',
  })
  idNumber(@Root() member: RegisterMemberEntity, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): string {
    if (!showsWholeIdNumber(ctx.caller, info)) return member.idNumberMasked;
    ctx.unmaskedReads.add(member.id);
    return this.crypto.decrypt(member.idNumberSealed);
  }
}

@Resolver(() => TierRecordType)
export class TierRecordResolver {
  @FieldResolver(() => [String], { description: 'The basis in words (the classification\'s reasons, the decision\'s note).' })
  reasons(@Root() t: TierRecordEntity): string[] {
    return parseList(t.reasons);
  }

  @FieldResolver(() => CaseType, { nullable: true, description: 'The case whose decision this tier came from.' })
  async case(@Root() t: TierRecordEntity, @Ctx() ctx: RequestContext): Promise<CaseEntity | null> {
    return t.caseId ? ctx.loaders.caseById.load(t.caseId) : null;
  }
}

/** The case's side of the register, and its township's name. */
@Resolver(() => CaseType)
export class CaseRegisterResolver {
  constructor(private readonly register: RegisterQueryService) {}

  @FieldResolver(() => RegisterHouseholdType, {
    nullable: true,
    description: 'The register household a 低保/特困 approval of this case entered; null for callers who do not read the register.',
  })
  async registerHousehold(@Root() c: CaseEntity, @Ctx() ctx: RequestContext): Promise<RegisterHouseholdEntity | null> {
    if (!c.registerHouseholdId || !ctx.caller || !readsRegister(ctx.caller)) return null;
    return this.register.byId(ctx, c.registerHouseholdId);
  }

  @FieldResolver(() => String, { nullable: true, description: '乡镇（街道）名称; null when the code is unknown.' })
  townshipName(@Root() c: CaseEntity): string | null {
    return divisionName(c.townshipCode);
  }

  @FieldResolver(() => String, { nullable: true, description: '县（市、区）名称; null when the code is unknown.' })
  countyName(@Root() c: CaseEntity): string | null {
    return divisionName(c.townshipCode.slice(0, 6));
  }
}

/** The list's count, run only when a client asks for it (common/cursor.ts lazyCount). */
@Resolver(() => RegisterHouseholdConnection)
export class RegisterHouseholdConnectionResolver {
  @FieldResolver(() => Int, { description: 'Households matching the filter, counted only when asked for (at a county\'s size the count costs more than the page).' })
  totalCount(@Root() page: Page<RegisterHouseholdEntity>): number | Promise<number> {
    return typeof page.totalCount === 'function' ? page.totalCount() : page.totalCount;
  }
}
