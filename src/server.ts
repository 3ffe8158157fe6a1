import 'reflect-metadata';
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { GraphQLError } from 'graphql';
import type { DestinationStream, Logger } from 'pino';
import { HubConfig } from './config';
import { Clock, shiftedClock, systemClock } from './common/clock';
import { RequestContext } from './common/request-context';
import { cstDateOf } from './calendar/working-days';
import { createDataSource, StatementCounter } from './db/data-source';
import { UnitOfWork } from './db/unit-of-work';
import { Hub } from './hub';
import { createLogger } from './logger';
import { resolveSecrets } from './access/dev-secrets';
import { PiiCrypto } from './access/pii-crypto';
import { authenticatorFor } from './access/authenticator';
import { preferredLanguage } from './common/language';
import { AccessLogEntity } from './access/access-log.entity';
import { newId } from './common/ids';
import { createLoaders } from './graphql/loaders';
import { buildHubSchema } from './graphql/schema';
import { queryLimits } from './graphql/limits';
import { createGraphiqlRouter } from './graphiql/graphiql.router';
import { SlaScanner } from './sla/sla-scanner';

export interface HubOptions {
  config: HubConfig;
  /** Defaults to the system clock, shifted to HUB_CLOCK_START when that is set. */
  clock?: Clock;
  logDestination?: DestinationStream;
  /** Run the periodic SLA scan (default true). Tests drive `scanner.scan()` themselves. */
  startScanner?: boolean;
}

export interface RunningHub {
  app: Express;
  hub: Hub;
  statements: StatementCounter;
  scanner: SlaScanner;
  logger: Logger;
  close(): Promise<void>;
}

const PASSED_THROUGH = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/** Boots a hub: database and pending migrations, calendar, schema, HTTP app. Does not listen. */
export async function createHub(options: HubOptions): Promise<RunningHub> {
  const { config } = options;
  const logger = createLogger(options.logDestination);
  const clock = options.clock ?? (config.clockStart ? shiftedClock(config.clockStart) : systemClock);
  const secrets = resolveSecrets(config);
  if (secrets.fromFile.length > 0) {
    logger.warn({ variables: secrets.fromFile, file: secrets.path }, 'development secrets in use: set these variables in production');
  }

  const statements = new StatementCounter();
  statements.onError = (message) => logger.warn({ db: message.replace(/'[^']*'/g, "'…'") }, 'query failed');
  const dataSource = createDataSource(config.database, statements);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');

  const uow = new UnitOfWork(dataSource);
  const hub = new Hub(config, clock, uow, new PiiCrypto(secrets.dataKey), secrets.jwtSecret, logger);
  await hub.calendar.load();
  const scanner = new SlaScanner(hub, logger);

  const apollo = new ApolloServer<RequestContext>({
    schema: await buildHubSchema(),
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    validationRules: [queryLimits],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart() {
          return {
            // Every whole identity number read in this request goes to the access log.
            async willSendResponse({ contextValue }) {
              const ctx = contextValue as RequestContext;
              if (!ctx.caller || ctx.unmaskedReads.size === 0) return;
              const at = ctx.now.toISOString();
              const rows = [...ctx.unmaskedReads].map((personId) => ({
                id: newId(ctx.now),
                at,
                actor: ctx.caller!.sub,
                role: ctx.caller!.role,
                personId,
                purpose: 'READ_ID_NUMBER',
              }));
              await ctx.hub.uow.transaction((m) => m.createQueryBuilder().insert().into(AccessLogEntity).values(rows).execute());
            },
          };
        },
      },
    ],
    formatError(formatted, error) {
      const code = String(formatted.extensions?.code ?? '');
      if (PASSED_THROUGH.has(code)) {
        const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
        return { ...formatted, extensions };
      }
      const original = (error as GraphQLError)?.originalError ?? error;
      logger.error({ err: { name: (original as Error)?.name, code: (original as { code?: string })?.code } , path: formatted.path }, 'internal error');
      return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      const pending = await dataSource.showMigrations();
      res.status(pending ? 503 : 200).json({ status: pending ? 'migrations pending' : 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  if (!config.production) app.use(createGraphiqlRouter({ endpoint: '/graphql' }));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ req }) => requestContext(hub, req) }),
  );

  // A body that is not JSON, or too large, gets a GraphQL-shaped answer: never Express's HTML
  // page with a stack trace.
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error?.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error?.type === 'entity.too.large'
        ? 'The request body is larger than 1 MB.'
        : status < 500
          ? 'The request body is not valid JSON.'
          : 'Internal server error';
    if (status >= 500) logger.error({ err: { type: error?.type } }, 'request failed');
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  });

  if (options.startScanner ?? true) scanner.start(config.slaScanSeconds);

  return {
    app,
    hub,
    statements,
    scanner,
    logger,
    async close() {
      await scanner.stop();
      await apollo.stop();
      await dataSource.destroy();
    },
  };
}

async function requestContext(hub: Hub, req: Request): Promise<RequestContext> {
  const now = hub.clock.now();
  // Token expiry is judged by real time inside the authenticator, never by the hub's clock.
  const caller = await authenticatorFor(hub).authenticate(req.headers.authorization, preferredLanguage(req.headers['accept-language']));
  return { hub, caller, now, today: cstDateOf(now), loaders: createLoaders(hub.uow), unmaskedReads: new Set() };
}
