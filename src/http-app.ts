import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from 'pino';
import { HubConfig } from './config';
import { Clock } from './common/clock';
import { RequestContext } from './common/request-context';
import { cstDateOf } from './common/dates';
import { HubServices } from './composition';
import { Authenticator } from './access/authenticator';
import { createImportRouter } from './register/import/import.router';
import { preferredLanguage } from './common/language';
import { inLang, Lang, text } from './common/text';
import { recordAccess } from './access/access-log';
import { createLoaders } from './graphql/loaders';
import { buildHubSchema } from './graphql/schema';
import { queryLimits } from './graphql/limits';
import { createGraphiqlOffRouter, createGraphiqlRouter } from './graphiql/graphiql.router';
import { createErrorFormatter } from './graphql/error-format';
import { createCallbackRouter } from './delivery/callback.router';
import { requestMetrics } from './graphql/request-metrics';
import { hostMetrics } from './cluster-metrics';
import { createConsoleRouter } from './console/console.router';
import { createConsoleSessionRouter } from './console/console-session.router';

// The hub's HTTP side: health and readiness, /metrics, partner callbacks, the console, GraphiQL
// and /graphql (one Apollo server per answering language). The processes' boot is server.ts.

export interface HttpParts {
  config: HubConfig;
  services: HubServices;
  authenticator: Authenticator;
  clock: Clock;
  logger: Logger;
  /** The development HS256 secret, when one is in use (the console's demo sign-in). */
  devJwtSecret: string | null;
  consoleDir?: string;
}

/** The Express app answering every route of the hub, and how to stop its GraphQL servers. */
export async function createHttpApp(parts: HttpParts): Promise<{ app: Express; stop(): Promise<void> }> {
  // One Apollo server per answering language, sharing the schema and the plugins: GraphQL's error
  // formatter sees no request, and carrying the language to it in an AsyncLocalStorage put
  // promise hooks on every promise of every request (about 8% of a dashboard page's CPU).
  const { config, services, authenticator, logger, clock } = parts;
  const { uow } = services;
  const dataSource = uow.dataSource;
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
  // The keys partners verify the hub's signatures with (RFC 7517; the SPDCI standards' JWKS API):
  // public, cacheable for five minutes, so a partner picks up a rotated key by itself.
  app.get('/.well-known/jwks.json', (_req: Request, res: Response) => {
    const keys = services.adapterRegistry.pushing().flatMap((a) => a.signingKeys?.() ?? []);
    res.set('Cache-Control', 'public, max-age=300').json({ keys });
  });
  // A partner's answer may resume a clock: the calendar of the last publication first.
  app.use('/partners', (_req: Request, _res: Response, next: NextFunction) => {
    services.calendar.ensureCurrent().then(() => next(), next);
  });
  app.use(createCallbackRouter(services.callbacks, logger));
  // Before any body parser: the roll is streamed from the request to disk.
  app.use(createImportRouter(services.imports, authenticator, logger, config.importMaxBytes));
  app.use(
    createConsoleSessionRouter({
      authenticator,
      // Demo sign-in only in development, and only with the hub's own HS256 secret.
      devSigningSecret: config.production || !authenticator.acceptsHs256 ? null : (config.jwtSecret ?? parts.devJwtSecret),
    }),
  );
  app.use(createConsoleRouter(parts.consoleDir));
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
    languageRouted(apolloOf, { context: async ({ req }) => requestContext(services, clock, authenticator, req) }),
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

  return { app, stop: async () => void (await Promise.all(Object.values(apolloOf).map((a) => a.stop()))) };
}

/** Each request to the GraphQL server of its reader's language (Accept-Language). */
function languageRouted(
  servers: Record<Lang, ApolloServer<RequestContext>>,
  options: { context: (args: { req: Request }) => Promise<RequestContext> },
): (req: Request, res: Response, next: NextFunction) => void {
  const handlers = { 'zh-CN': expressMiddleware(servers['zh-CN'], options), en: expressMiddleware(servers.en, options) };
  return (req, res, next) => handlers[preferredLanguage(req.headers['accept-language'])](req, res, next);
}

async function requestContext(services: HubServices, clock: Clock, authenticator: Authenticator, req: Request): Promise<RequestContext> {
  // A working calendar another process published is in use here before this request is answered.
  await services.calendar.ensureCurrent();
  const now = clock.now();
  const lang = preferredLanguage(req.headers['accept-language']);
  // Token expiry is judged by real time inside the authenticator, never by the hub's clock.
  const caller = await authenticator.authenticate(req.headers.authorization, lang);
  return { caller, now, today: cstDateOf(now), lang, loaders: createLoaders(services.uow), unmaskedReads: new Set() };
}
