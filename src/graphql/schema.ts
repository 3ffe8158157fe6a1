import 'reflect-metadata';
import './enums';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage } from 'type-graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { RequestContext } from '../common/request-context';
import { requireRole } from '../access/guard';
import { Role } from '../access/roles';
import { CaseResolver, HouseholdMemberResolver } from '../intake/case.resolver';
import { PersonResolver } from '../intake/person.resolver';
import { IntakeResolver } from '../intake/intake.resolver';
import { ReferralResolver, TimelineEventResolver } from '../referrals/referral.resolver';
import { CalendarResolver } from '../calendar/calendar.resolver';
import { SlaReportResolver } from '../reports/sla-report.resolver';

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n\n';

/** The TypeGraphQL schema, before federation (its SDL keeps the @key directives). */
async function buildTypeGraphqlSchema(): Promise<GraphQLSchema> {
  // Parameter decorators run last parameter first; put arguments back in the order they are
  // declared, so the printed SDL lists them as the contract does (e.g. slaReport(regionCode, from, to)).
  const params = getMetadataStorage().params as Array<{ index: number }>;
  params.sort((a, b) => a.index - b.index);
  return buildSchema({
    resolvers: [
      CaseResolver,
      HouseholdMemberResolver,
      PersonResolver,
      IntakeResolver,
      ReferralResolver,
      TimelineEventResolver,
      CalendarResolver,
      SlaReportResolver,
    ],
    // Input rules are checked by the services, which report every failure as a userError.
    validate: false,
    skipCheck: true,
  });
}

/**
 * The hub's schema as an Apollo Federation 2 subgraph: Case, Referral and Person are entities
 * (@key id). Entity references go through the request's DataLoaders, so a gateway asking for 100
 * references of one type costs one statement, and through the same access checks as queries.
 */
export async function buildHubSchema(): Promise<GraphQLSchema> {
  const schema = await buildTypeGraphqlSchema();
  const typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(schema));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<RequestContext>;
  const entity = (typeName: string, resolve: (ref: { id: string }, ctx: RequestContext) => Promise<unknown>) => {
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: resolve } as never;
  };
  entity('Case', (ref, ctx) => ctx.hub.cases.byId(ctx, ref.id));
  entity('Referral', (ref, ctx) => ctx.hub.referrals.byId(ctx, ref.id));
  entity('Person', async (ref, ctx) => {
    // A person is not tied to one region; only administrators resolve bare person references.
    requireRole(ctx.caller, Role.ADMIN);
    return ctx.loaders.personById.load(ref.id);
  });
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
