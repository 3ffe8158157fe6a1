import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Allow, SignedIn } from '../access/authorization';
import { Department, Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { PageInfo } from '../common/page-info.type';
import { UserError } from '../common/user-error';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { SignalKind } from './signal-kinds';
import { MonitoringSignalEntity } from './signal.entity';
import { MAX_SIGNALS, SignalOutcome, SignalService } from './signal.service';

registerEnumType(SignalKind, {
  name: 'SignalKind',
  description:
    'A monitoring signal (监测信号): MEDICAL_EXPENSE (amountFen over periodMonths), HOSPITALISATION, DISABILITY_CERTIFIED (disabilityLevel 1–4), UNEMPLOYMENT_REGISTERED, CONTRIBUTIONS_LAPSED (months), DEATH, SCHOOL_DROPOUT, UTILITY_ARREARS (months, amountFen optional), NO_UTILITY_USE (months), DISASTER_DAMAGE (amountFen optional), INCOME_RISE (amountFen: the new monthly income).',
});
registerEnumType(SignalOutcome, { name: 'SignalOutcome', description: 'ACCEPTED; DUPLICATE (the department reported this sourceRef before: ignored); REFUSED (userErrors say why).' });

@InputType('MonitoringSignalInput')
class MonitoringSignalInput {
  @Field({ description: "The source system's own reference: a repeat of it is ignored." }) sourceRef: string;
  @Field(() => SignalKind) kind: SignalKind;
  @Field() idNumber: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field({ description: 'Where the source says the person lives.' }) townshipCode: string;
  @Field(() => DateScalar, { description: 'The day the source observed it (not in the future, within two years).' }) observedOn: string;
  @Field(() => Int, { nullable: true }) amountFen?: number | null;
  @Field(() => Int, { nullable: true }) periodMonths?: number | null;
  @Field(() => Int, { nullable: true }) disabilityLevel?: number | null;
  @Field(() => Int, { nullable: true }) months?: number | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType('SignalResult')
class SignalResultType {
  @Field(() => Int, { description: 'The signal\'s position in the call.' }) index: number;
  @Field() sourceRef: string;
  @Field(() => SignalOutcome) outcome: SignalOutcome;
  @Field(() => ID, { nullable: true }) signalId: string | null;
  @Field({ description: 'The hub knows the person (a register household or an application).' }) matched: boolean;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('ReportSignalsPayload')
class ReportSignalsPayload {
  @Field(() => [SignalResultType], { description: 'One per signal, in the order sent.' }) results: SignalResultType[];
  @Field(() => Int) accepted: number;
  @Field(() => Int) duplicates: number;
  @Field(() => Int) refused: number;
}

@ObjectType('MonitoringSignal', { description: 'A monitoring signal (监测信号) a department reported.' })
export class MonitoringSignalType {
  @Field(() => ID) id: string;
  @Field(() => Department) sourceDepartment: string;
  @Field() sourceRef: string;
  @Field(() => SignalKind) kind: string;
  @Field({ description: 'The identity number masked (first 6 and last 4 digits).' }) idNumberMasked: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field() townshipCode: string;
  @Field(() => DateScalar) observedOn: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => ID, { nullable: true, description: 'The register household the person belongs to, once known.' }) householdId: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person was first found; null while the hub does not know them.' }) matchedAt: string | null;
  @Field(() => DateTimeScalar) receivedAt: string;
}

@ObjectType()
class MonitoringSignalEdge {
  @Field() cursor: string;
  @Field(() => MonitoringSignalType) node: MonitoringSignalEntity;
}

@ObjectType()
class MonitoringSignalConnection {
  @Field(() => [MonitoringSignalEdge]) edges: MonitoringSignalEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@InputType()
class MonitoringSignalFilter {
  @Field(() => Boolean, { nullable: true }) matched?: boolean | null;
  @Field(() => [SignalKind], { nullable: true }) kind?: SignalKind[] | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
}

type Facts = Partial<Record<'amountFen' | 'periodMonths' | 'disabilityLevel' | 'months', number>>;
const parsed = new WeakMap<MonitoringSignalEntity, Facts>();
/** The row's facts, parsed once for its four fields. */
function factsOf(s: MonitoringSignalEntity): Facts {
  let facts = parsed.get(s);
  if (!facts) parsed.set(s, (facts = JSON.parse(s.facts) as Facts));
  return facts;
}

@Resolver(() => MonitoringSignalType)
export class SignalResolver {
  constructor(private readonly signals: SignalService) {}

  @Allow(Role.DEPARTMENT)
  @Mutation(() => ReportSignalsPayload, {
    description: `A department's system reports monitoring signals (监测信号), up to ${MAX_SIGNALS} a call: each is accepted, refused with its reasons (field paths ["signals", i, …]), or ignored as a repeat of its sourceRef. The source department is the caller's.`,
  })
  async reportMonitoringSignals(@Ctx() ctx: RequestContext, @Arg('signals', () => [MonitoringSignalInput]) signals: MonitoringSignalInput[]): Promise<ReportSignalsPayload> {
    const results = await this.signals.report(ctx, signals);
    const count = (o: SignalOutcome) => results.filter((r) => r.outcome === o).length;
    return { results, accepted: count(SignalOutcome.ACCEPTED), duplicates: count(SignalOutcome.DUPLICATE), refused: count(SignalOutcome.REFUSED) };
  }

  @SignedIn()
  @Query(() => MonitoringSignalConnection, { description: 'Newest first; a department sees the signals it reported. `first` is at most 100.' })
  monitoringSignals(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MonitoringSignalFilter, { nullable: true }) filter: MonitoringSignalFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.signals.list(ctx, filter, first ?? 20, after);
  }

  @FieldResolver(() => Int, { nullable: true }) amountFen(@Root() s: MonitoringSignalEntity) {
    return factsOf(s).amountFen ?? null;
  }

  @FieldResolver(() => Int, { nullable: true }) periodMonths(@Root() s: MonitoringSignalEntity) {
    return factsOf(s).periodMonths ?? null;
  }

  @FieldResolver(() => Int, { nullable: true }) disabilityLevel(@Root() s: MonitoringSignalEntity) {
    return factsOf(s).disabilityLevel ?? null;
  }

  @FieldResolver(() => Int, { nullable: true }) months(@Root() s: MonitoringSignalEntity) {
    return factsOf(s).months ?? null;
  }
}
