import 'reflect-metadata';
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { DestinationStream, Logger } from 'pino';
import { HubConfig } from './config';
import { Clock, shiftedClock, systemClock } from './common/clock';
import { RequestContext } from './common/request-context';
import { cstDateOf } from './calendar/working-days';
import { createDataSource, StatementCounter } from './db/data-source';
import { UnitOfWork } from './db/unit-of-work';
import { composeHub, HubServices } from './composition';
import { createLogger } from './logger';
import { resolveSecrets } from './access/dev-secrets';
import { PiiCrypto } from './access/pii-crypto';
import { Authenticator } from './access/authenticator';
import { preferredLanguage } from './common/language';
import { inLang, Lang, text } from './common/text';
import { recordAccess } from './access/access-log';
import { createLoaders } from './graphql/loaders';
import { buildHubSchema } from './graphql/schema';
import { queryLimits } from './graphql/limits';
import { createGraphiqlOffRouter, createGraphiqlRouter } from './graphiql/graphiql.router';
import { createErrorFormatter } from './graphql/error-format';
import { SlaScanner } from './sla/sla-scanner';
import { DepartmentAdapter } from './delivery/department-adapter';
import { PartnerSettings } from './delivery/partners-file';
import { DispatcherOptions } from './delivery/dispatcher';
import { createCallbackRouter } from './delivery/callback.router';
import { requestMetrics } from './graphql/request-metrics';
import { hostMetrics } from './cluster-metrics';
import { createConsoleRouter } from './console/console.router';
import { createConsoleSessionRouter } from './console/console-session.router';

export interface HubOptions {
  config: HubConfig;
  /** Defaults to the system clock, shifted to HUB_CLOCK_START when that is set. */
  clock?: Clock;
  logDestination?: DestinationStream;
  /** Run the periodic SLA scan (default true). Tests drive `scanner.scan()` themselves. */
  startScanner?: boolean;
  /**
   * Without the scan, reload the working calendar as often as the scan would (default false): a
   * year published through another process reaches this one. The scan reloads it itself.
   */
  startCalendarReload?: boolean;
  /** Department adapters for push delivery; none means every department pulls. */
  adapters?: DepartmentAdapter[];
  /** The partner file's settings (default: every department PULL). */
  partners?: PartnerSettings[];
  /** Run the delivery dispatcher (default true). Tests drive `dispatcher.drain()` themselves. */
  startDispatcher?: boolean;
  /** With the dispatcher, ask asynchronous partners about quiet referrals (default true; one worker of several). */
  startStatusQueries?: boolean;
  dispatcherOptions?: Partial<DispatcherOptions>;
  /** The built web console (default: dist/console at the repository root). */
  consoleDir?: string;
}

export interface RunningHub {
  app: Express;
  /** The composed services (tests and benchmarks reach the database and the calendar here). */
  services: HubServices;
  statements: StatementCounter;
  scanner: SlaScanner;
  logger: Logger;
  close(): Promise<void>;
}

/** How often the report rollup looks for days that are over (it rolls each day once). */
const ROLLUP_SECONDS = 600;
/** The retention job: hourly is plenty for rows kept 90 days. */
const RETENTION_SECONDS = 3600;

/** Boots a hub: database and pending migrations, calendar, schema, HTTP app. Does not listen. */
export async function createHub(options: HubOptions): Promise<RunningHub> {
  const { config } = options;
  const logger = createLogger(options.logDestination, config.logLevel);
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
  const authenticator = new Authenticator(config, secrets.jwtSecret);
  const services = composeHub({
    config,
    clock,
    uow,
    crypto: new PiiCrypto(secrets.dataKey),
    logger,
    adapters: options.adapters,
    partners: options.partners,
    dispatcherOptions: options.dispatcherOptions,
  });
  await services.calendar.load();
  const handedBack = await services.deliveries.reconcileModes();
  if (handedBack > 0) logger.info({ referrals: handedBack }, 'referrals of departments that now pull handed back to claiming');

  // One Apollo server per answering language, sharing the schema and the plugins: GraphQL's error
  // formatter sees no request, and carrying the language to it in an AsyncLocalStorage put
  // promise hooks on every promise of every request (about 8% of a dashboard page's CPU).
  const schema = await buildHubSchema(services.resolvers);
  const plugins: ApolloServerPlugin<RequestContext>[] = [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    // The hub sets no cache hints; the default plugin would still wrap every field resolver.
    ApolloServerPluginCacheControlDisabled(),
    requestMetrics(services.metrics),
    {
      async requestDidStart() {
        return {
          // Every whole identity number read in this request goes to the access log.
          async willSendResponse({ contextValue }) {
            const ctx = contextValue as RequestContext;
            if (!ctx.caller || ctx.unmaskedReads.size === 0) return;
            const entries = [...ctx.unmaskedReads].map((personId) => ({ purpose: 'READ_ID_NUMBER' as const, personId }));
            await recordAccess(uow, ctx.caller, ctx.now, entries);
          },
        };
      },
    },
  ];
  const apolloOf = {} as Record<Lang, ApolloServer<RequestContext>>;
  for (const lang of ['zh-CN', 'en'] as const) {
    apolloOf[lang] = new ApolloServer<RequestContext>({
      schema,
      introspection: !config.production,
      includeStacktraceInErrorResponses: false,
      validationRules: [queryLimits],
      plugins,
      formatError: createErrorFormatter(logger, lang),
    });
    await apolloOf[lang].start();
  }

  const app = express();
  app.disable('x-powered-by');
  // No ETag over response bodies: GraphQL answers are POSTs and the console's assets are
  // content-hashed, so hashing every body would cost CPU and save nothing.
  app.set('etag', false);
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
  // The whole host's figures, whichever worker takes the scrape (src/cluster-metrics.ts).
  const scrape = hostMetrics(services.metrics);
  app.get('/metrics', async (_req, res) => {
    try {
      res.type(services.metrics.contentType).send(await scrape());
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'metrics of the host unavailable');
      res.status(503).type('text/plain').send('metrics unavailable\n');
    }
  });
  app.use(createCallbackRouter(services.callbacks, logger));
  app.use(
    createConsoleSessionRouter({
      authenticator,
      // Demo sign-in only in development, and only with the hub's own HS256 secret.
      devSigningSecret: config.production || !authenticator.acceptsHs256 ? null : (config.jwtSecret ?? secrets.jwtSecret),
    }),
  );
  app.use(createConsoleRouter(options.consoleDir));
  app.use(config.production ? createGraphiqlOffRouter('/graphql') : createGraphiqlRouter({ endpoint: '/graphql' }));
  // Operations come by POST only: a GET would put identity numbers and names into URLs, which
  // proxies and access logs keep. (GET /graphql from a browser is the GraphiQL page, above.)
  app.get('/graphql', (req: Request, res: Response) => {
    const message = inLang(text('请使用 POST 提交 GraphQL 请求。', 'Send GraphQL operations by POST.'), preferredLanguage(req.headers['accept-language']));
    res.status(405).set('Allow', 'POST').json({ errors: [{ message, extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    // Errors (also of the context itself) are written in the reader's language: its own server's.
    languageRouted(apolloOf, { context: async ({ req }) => requestContext(uow, clock, authenticator, req) }),
  );

  // A body that is not JSON, or too large, gets a GraphQL-shaped answer: never Express's HTML
  // page with a stack trace.
  app.use((error: { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error?.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = inLang(
      error?.type === 'entity.too.large'
        ? text('请求内容超过1 MB。', 'The request body is larger than 1 MB.')
        : status < 500
          ? text('请求内容不是有效的 JSON。', 'The request body is not valid JSON.')
          : text('服务器内部错误，请稍后重试。', 'Internal server error'),
      preferredLanguage(req.headers['accept-language']),
    );
    if (status >= 500) logger.error({ err: { type: error?.type } }, 'request failed');
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  });

  if (options.startScanner ?? true) {
    services.scanJob.start(config.slaScanSeconds);
    services.rollupJob.start(ROLLUP_SECONDS);
    services.retentionJob.start(RETENTION_SECONDS);
  } else if (options.startCalendarReload) {
    services.calendarJob.start(config.slaScanSeconds);
  }
  if (options.startDispatcher ?? true) {
    services.dispatcher.start();
    if ((options.startStatusQueries ?? true) && services.delivery.pushing().some((a) => a.queryStatus)) services.statusJob.start(60);
  }

  return {
    app,
    services,
    statements,
    scanner: services.scanner,
    logger,
    async close() {
      await services.scanJob.stop();
      await services.rollupJob.stop();
      await services.retentionJob.stop();
      await services.calendarJob.stop();
      await services.statusJob.stop();
      await services.dispatcher.stop();
      await Promise.all(Object.values(apolloOf).map((a) => a.stop()));
      await dataSource.destroy();
    },
  };
}

/** Each request to the GraphQL server of its reader's language (Accept-Language). */
function languageRouted(
  servers: Record<Lang, ApolloServer<RequestContext>>,
  options: { context: (args: { req: Request }) => Promise<RequestContext> },
): (req: Request, res: Response, next: NextFunction) => void {
  const handlers = { 'zh-CN': expressMiddleware(servers['zh-CN'], options), en: expressMiddleware(servers.en, options) };
  return (req, res, next) => handlers[preferredLanguage(req.headers['accept-language'])](req, res, next);
}

async function requestContext(uow: UnitOfWork, clock: Clock, authenticator: Authenticator, req: Request): Promise<RequestContext> {
  const now = clock.now();
  const lang = preferredLanguage(req.headers['accept-language']);
  // Token expiry is judged by real time inside the authenticator, never by the hub's clock.
  const caller = await authenticator.authenticate(req.headers.authorization, lang);
  return { caller, now, today: cstDateOf(now), lang, loaders: createLoaders(uow), unmaskedReads: new Set() };
}
