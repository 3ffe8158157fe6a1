import http from 'node:http';
import { readFileSync } from 'node:fs';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { SubgraphEntry } from '../src/federation/supergraph';
import { queryLimits } from '../src/graphql/limits';

// The federation's one endpoint (npm run gateway): Hive Gateway's runtime (MIT) serving the
// composed supergraph. It forwards the caller's Authorization header to every subgraph and nothing
// else from the caller, applies the hub's depth, alias and 1 MB body limits, serves no GraphiQL or
// introspection in production, and answers /healthz and /readyz (ready when every subgraph answers).

const BODY_LIMIT = 1024 * 1024;

export interface GatewayOptions {
  supergraphPath: string;
  subgraphs: SubgraphEntry[];
  production: boolean;
  /** false: no log output (tests). */
  logging?: boolean;
}

const PASSED_THROUGH = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);

/**
 * What a client reads of an error: a subgraph that cannot be reached is named (its fields are
 * null, the rest of the answer stands); the subgraphs' own errors (UNAUTHENTICATED, FORBIDDEN,
 * BAD_USER_INPUT …) pass as they were written; anything else says nothing (no request, no stack).
 */
export function maskGatewayError(error: unknown, message: string): Error {
  const e = error as GraphQLError;
  if (!(e instanceof GraphQLError)) return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  const { code, serviceName } = (e.extensions ?? {}) as { code?: string; serviceName?: string };
  if (code === 'SUBREQUEST_HTTP_ERROR' || code === 'DOWNSTREAM_SERVICE_ERROR') {
    return new GraphQLError(`子图 ${serviceName ?? '?'} 暂时无法访问，其字段为空。`, { path: e.path, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName } });
  }
  if (code && PASSED_THROUGH.has(code)) {
    const { request: _request, ...extensions } = e.extensions as Record<string, unknown>;
    return new GraphQLError(e.message, { path: e.path, extensions });
  }
  return new GraphQLError(message, { path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(serviceName ? { serviceName } : {}) } });
}

export function createGateway(options: GatewayOptions) {
  const runtime = createGatewayRuntime({
    supergraph: () => readFileSync(options.supergraphPath, 'utf8'),
    graphqlEndpoint: '/graphql',
    graphiql: !options.production,
    ...(options.logging === false ? { logging: false } : {}),
    landingPage: false,
    maskedErrors: { maskError: maskGatewayError, errorMessage: '服务器内部错误，请稍后重试。' },
    propagateHeaders: {
      // The caller's token and nothing else.
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    plugins: () => [
      {
        onValidate({ addValidationRule }: { addValidationRule: (rule: unknown) => void }) {
          addValidationRule(queryLimits);
          if (options.production) addValidationRule(NoSchemaIntrospectionCustomRule);
        },
      } as never,
    ],
  });

  async function ready(): Promise<boolean> {
    const answers = await Promise.all(
      options.subgraphs.map(async (s) => {
        try {
          const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}', signal: AbortSignal.timeout(2000) });
          return res.status < 500;
        } catch {
          return false;
        }
      }),
    );
    return answers.every(Boolean);
  }

  const server = http.createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url === '/readyz') {
      void ready().then((ok) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ready' : 'a subgraph does not answer' })));
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) {
      return void res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: '请求内容超过1 MB。', extensions: { code: 'BAD_REQUEST' } }] }));
    }
    void runtime(req, res);
  });
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
