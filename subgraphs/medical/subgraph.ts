import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { Request } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import { Authenticator } from '../../src/access/authenticator';
import { unauthenticated } from '../../src/access/guard';
import { inRegion } from '../../src/access/region';
import { Caller, Department, Role } from '../../src/access/roles';
import { preferredLanguage } from '../../src/common/language';
import { queryLimits } from '../../src/graphql/limits';
import { InsuranceRecord, MedicalStore, SettlementRecord } from './store';

// The medical insurance bureau's own subgraph (医保局子图): a worked example of what a department
// adds to the federation. SDL-first (schema.graphql), it extends the hub's Referral with the
// bureau's settlement and Person with their basic medical insurance, and applies the hub's bearer
// tokens and scope, so that its port being reachable is no leak: another department gets nothing of
// medical data, a dashboard gets settlements (amounts, no personal detail) but no one's insurance,
// nobody gets a record outside their region (through the hub's own region rule), and a request
// without a token is refused. What a caller says in an entity representation (`department`) is
// never trusted: the bureau's own records say which referrals are its own and where they are from.

interface Context {
  caller: Caller | null;
  settlements: DataLoader<string, SettlementRecord | null>;
  insurances: DataLoader<string, InsuranceRecord | null>;
}

// Beside this file in the source tree; from dist/, the source's copy (tsc does not copy it).
const SDL = [join(__dirname, 'schema.graphql'), join(__dirname, '..', '..', '..', 'subgraphs', 'medical', 'schema.graphql')].find((p) => existsSync(p))!;
const typeDefs = parse(readFileSync(SDL, 'utf8'));

/**
 * Medical data this caller may see, by its token alone: the bureau itself (its department claim),
 * clerks and admins all; a dashboard no personal detail; and each only inside the caller's region.
 */
function sees(caller: Caller | null, what: 'settlement' | 'insurance', divisionCode: string): boolean {
  if (!caller || !inRegion(caller.region, divisionCode)) return false;
  if (caller.role === Role.DEPARTMENT) return caller.department === Department.MEDICAL;
  if (caller.role === Role.DASHBOARD) return what === 'settlement';
  return true;
}

export function medicalSubgraphSchema() {
  return buildSubgraphSchema([
    {
      typeDefs,
      resolvers: {
        Referral: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
          // A record outside the caller's scope answers exactly like a referral the bureau never received.
          medicalSettlement: async (ref: { id: string }, _args: unknown, ctx: Context) => {
            const record = await ctx.settlements.load(ref.id);
            return record && sees(ctx.caller, 'settlement', record.townshipCode) ? record.settlement : null;
          },
        },
        Person: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
          medicalInsurance: async (ref: { id: string }, _args: unknown, ctx: Context) => {
            const record = await ctx.insurances.load(ref.id);
            return record && sees(ctx.caller, 'insurance', record.regionCode) ? record.insurance : null;
          },
        },
      } as never,
    },
  ]);
}

/** The subgraph's HTTP app: /graphql (POST), /healthz. Tokens verified as the hub verifies them. */
export async function createMedicalSubgraph(options: { authenticator: Authenticator; store: MedicalStore; production: boolean }) {
  const apollo = new ApolloServer<Context>({
    schema: medicalSubgraphSchema(),
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    validationRules: [queryLimits],
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }: { req: Request }) => {
        // No token: refused, saying nothing more (as the hub does).
        const lang = preferredLanguage(req.headers['accept-language']);
        const caller = await options.authenticator.authenticate(req.headers.authorization, lang);
        if (!caller) throw unauthenticated('NO_TOKEN', lang);
        return {
          caller,
          // One batched look-up per request and kind, however many entities the gateway asks for.
          settlements: new DataLoader((ids: readonly string[]) => options.store.settlementsOf(ids)),
          insurances: new DataLoader((ids: readonly string[]) => options.store.insurancesOf(ids)),
        };
      },
    }),
  );
  return { app, stop: () => apollo.stop() };
}
