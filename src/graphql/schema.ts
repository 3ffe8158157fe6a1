import 'reflect-metadata';
import './enums';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage } from 'type-graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { RequestContext } from '../common/request-context';
import { ALL_ROLES, authChecker, authorize } from '../access/authorization';
import { Role } from '../access/roles';
import { CaseResolver, HouseholdMemberResolver } from '../cases/case.resolver';
import { PersonResolver } from '../intake/person.resolver';
import { IntakeResolver } from '../intake/intake.resolver';
import { CaseOwnershipResolver } from '../cases/case-ownership.resolver';
import { ReferralResolver, TimelineEventResolver } from '../referrals/referral.resolver';
import { ReferralPauseResolver } from '../referrals/pause.resolver';
import { PublicNoticeResolver } from '../referrals/public-notice.resolver';
import { ReferralRefusalNoticeResolver, RefusalNoticeResolver } from '../referrals/refusal-notice.resolver';
import { SignalResolver } from '../monitoring/signal.resolver';
import { WarningResolver } from '../monitoring/warning.resolver';
import { SupervisionResolver } from '../supervision/supervision.graphql';
import { CalendarResolver } from '../calendar/calendar.resolver';
import { SlaReportResolver, TownshipSlaRowResolver } from '../reports/sla-report.resolver';
import { UserErrorResolver } from './localized.resolver';
import { DeliveryResolver } from '../delivery/delivery.resolver';
import { StandardsResolver } from '../classification/standards.resolver';
import { CaseRegisterResolver, RegisterHouseholdConnectionResolver, RegisterMemberResolver, RegisterResolver, TierRecordResolver } from '../register/register.resolver';
import { RegisterImportResolver } from '../register/import/import.graphql';
import { HouseholdReviewsResolver, RegisterReviewResolver } from '../register/review/review.graphql';
import { RegisterFiguresResolver } from '../register/register-figures';

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n\n';

const RESOLVERS = [
  CaseResolver,
  HouseholdMemberResolver,
  PersonResolver,
  IntakeResolver,
  CaseOwnershipResolver,
  ReferralResolver,
  ReferralPauseResolver,
  PublicNoticeResolver,
  RefusalNoticeResolver,
  ReferralRefusalNoticeResolver,
  SignalResolver,
  WarningResolver,
  SupervisionResolver,
  TimelineEventResolver,
  CalendarResolver,
  SlaReportResolver,
  TownshipSlaRowResolver,
  UserErrorResolver,
  DeliveryResolver,
  StandardsResolver,
  RegisterResolver,
  RegisterMemberResolver,
  TierRecordResolver,
  RegisterHouseholdConnectionResolver,
  CaseRegisterResolver,
  RegisterImportResolver,
  RegisterReviewResolver,
  HouseholdReviewsResolver,
  RegisterFiguresResolver,
] as const;

/**
 * Who may resolve an entity reference (federation's `_entities`), which TypeGraphQL does not route:
 * the rule of the query that reads the same thing. Row scope is the queries' own (region, department).
 * A person is not tied to one region: only administrators resolve bare person references.
 */
export const ENTITY_ACCESS = { Case: ALL_ROLES, Referral: ALL_ROLES, Person: [Role.ADMIN] } as const satisfies Record<string, readonly Role[]>;

/** The resolver instances of one hub, built by the composition root with their services. */
export type ResolverInstances = ReadonlyMap<Function, object>;

/** The TypeGraphQL schema, before federation (its SDL keeps the @key directives). */
async function buildTypeGraphqlSchema(instances?: ResolverInstances): Promise<GraphQLSchema> {
  // Parameter decorators run last parameter first; put arguments back in the order they are
  // declared, so the printed SDL lists them as the contract does (e.g. slaReport(regionCode, from, to)).
  const params = getMetadataStorage().params as Array<{ index: number }>;
  params.sort((a, b) => a.index - b.index);
  return buildSchema({
    resolvers: [...RESOLVERS] as never,
    // Each resolver comes from the composition root, never constructed by TypeGraphQL.
    container: instances
      ? {
          get: (cls: Function) => {
            const found = instances.get(cls);
            if (!found) throw new Error(`no instance of ${cls.name} was composed`);
            return found;
          },
        }
      : undefined,
    // Input rules are checked by the services, which report every failure as a userError.
    validate: false,
    skipCheck: true,
    // Who may call each query and mutation is declared on it (@Allow, @SignedIn: access/authorization.ts).
    authChecker,
    authMode: 'error',
  });
}

/**
 * The hub's schema as an Apollo Federation 2 subgraph: Case, Referral and Person are entities
 * (@key id). Entity references go through the request's DataLoaders, so a gateway asking for 100
 * references of one type costs one statement, and through the same access checks as queries.
 * Without `instances` the schema serves only to be printed (its resolvers have no services).
 */
export async function buildHubSchema(instances?: ResolverInstances): Promise<GraphQLSchema> {
  const schema = await buildTypeGraphqlSchema(instances);
  const typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(schema));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<RequestContext>;
  const entity = (typeName: keyof typeof ENTITY_ACCESS, resolve: (ref: { id: string }, ctx: RequestContext) => Promise<unknown>) => {
    const roles = ENTITY_ACCESS[typeName];
    const guarded = (ref: { id: string }, ctx: RequestContext) => (authorize(ctx.caller, roles), resolve(ref, ctx));
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: guarded } as never;
  };
  const instance = <T>(cls: new (...args: never[]) => T): T => {
    const found = instances?.get(cls);
    if (!found) throw new Error(`no instance of ${cls.name} was composed`);
    return found as T;
  };
  entity('Case', (ref, ctx) => instance(CaseResolver).case(ctx, ref.id));
  entity('Referral', (ref, ctx) => instance(ReferralResolver).referral(ctx, ref.id));
  entity('Person', (ref, ctx) => ctx.loaders.personById.load(ref.id));
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
