import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Department, Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { PageInfo } from '../common/page-info.type';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { WarningEntity, WarningHitEntity } from './warning.entity';
import { WarningStatus } from './warning-folder';
import { WarningQueryService } from './warning-query.service';
import { WarningAction, WarningLevel, WarningRuleCode } from './warning-rules';

registerEnumType(WarningLevel, { name: 'WarningLevel', description: '红 RED, 橙 ORANGE, 黄 YELLOW.' });
registerEnumType(WarningAction, { name: 'WarningAction', description: 'HOME_VISIT (入户核实), REREVIEW (复核), REFERRAL (转介部门), NOTE (仅记录).' });
registerEnumType(WarningRuleCode, { name: 'WarningRuleCode' });
registerEnumType(WarningStatus, { name: 'WarningStatus', description: 'The warning workflow\'s step (预警处置); NEW so far.' });

@ObjectType('WarningHit', { description: 'One rule a signal fired: why the warning was raised or raised further.' })
class WarningHitType {
  @Field(() => ID) signalId: string;
  @Field(() => WarningRuleCode) rule: string;
  @Field(() => WarningLevel) level: string;
  @Field(() => WarningAction) action: string;
  @Field(() => Department, { nullable: true, description: 'The department a REFERRAL goes to.' }) department: string | null;
  @Field({ description: 'Why, in the township\'s words.' }) reason: string;
  @Field(() => DateTimeScalar) createdAt: string;
}

@ObjectType('Warning', { description: 'A warning (预警) about a register household: at most one open per household; later signals join it.' })
export class WarningType {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The register household (registerHousehold(id)).' }) householdId: string;
  @Field() townshipCode: string;
  @Field(() => WarningLevel) level: string;
  @Field(() => WarningStatus) status: string;
  @Field(() => DateScalar) raisedOn: string;
  @Field(() => DateScalar, { description: 'The day the township must verify by (核实时限, by level).' }) verifyBy: string;
  @Field(() => DateScalar, { description: 'The day the joint review must decide by.' }) decideBy: string;
}

@ObjectType()
class WarningEdge {
  @Field() cursor: string;
  @Field(() => WarningType) node: WarningEntity;
}

@ObjectType()
class WarningConnection {
  @Field(() => [WarningEdge]) edges: WarningEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@InputType()
class WarningFilterInput {
  @Field(() => [WarningStatus], { nullable: true }) status?: WarningStatus[] | null;
  @Field(() => [WarningLevel], { nullable: true }) level?: WarningLevel[] | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
}

@Resolver(() => WarningType)
export class WarningResolver {
  constructor(private readonly queries: WarningQueryService) {}

  @Allow(Role.CLERK, Role.DASHBOARD, Role.ADMIN)
  @Query(() => WarningConnection, { description: 'Warnings of the region, the earliest verification day first. `first` is at most 100.' })
  warnings(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => WarningFilterInput, { nullable: true }) filter: WarningFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.queries.list(ctx, filter, first ?? 20, after);
  }

  @Allow(Role.CLERK, Role.DASHBOARD, Role.ADMIN)
  @Query(() => WarningType, { nullable: true })
  warning(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<WarningEntity | null> {
    return this.queries.byId(ctx, id);
  }

  @FieldResolver(() => [WarningHitType], { description: 'Oldest first.' })
  hits(@Root() w: WarningEntity, @Ctx() ctx: RequestContext): Promise<WarningHitEntity[]> {
    return ctx.loaders.hitsByWarning.load(w.id);
  }
}
