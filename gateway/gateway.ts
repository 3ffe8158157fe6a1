import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Logger } from 'pino';
import { routeSupergraph, type SubgraphEntry } from '../src/federation/supergraph';
import { queryLimits } from '../src/graphql/limits';
import { createLogger } from '../src/logger';
import { collapseUnavailable, maskGatewayError } from './gateway-errors';
import { gatewayLogger } from './gateway-log';

// The federation's one endpoint (npm run gateway): Hive Gateway's runtime (MIT) serving the
// composed supergraph, routed to the URLs of the deployment's subgraph list. It forwards the
// caller's Authorization header to every subgraph and nothing else from the caller (the request id
// it sends is its own), applies the hub's depth, alias and 1 MB body limits, logs JSON lines
// without bodies or variables, serves no GraphiQL (the hub serves its own, offline) and no
// introspection in production, and answers /healthz and /readyz (ready when every subgraph of the
// list answers: the same URLs the queries use).

export { maskGatewayError } from './gateway-errors';

const BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = 'x-request-id';

export interface GatewayOptions {
  supergraphPath: string;
  /** The deployment's subgraphs: where queries go and what /readyz probes. */
  subgraphs: SubgraphEntry[];
  production: boolean;
  /** Where log lines go (the hub's pino setup on stdout by default); false: none (tests that don't read them). */
  logger?: Logger | false;
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  void res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

/** A browser opening /graphql: what this endpoint is, with nothing loaded from anywhere. */
const BROWSER_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>联邦网关</title></head><body>
<h1>一门受理协同办理 · 联邦网关</h1>
<p>此地址只接受 GraphQL 的 POST 请求。网关不提供 GraphiQL：开发环境请使用枢纽自带的 GraphiQL（枢纽的 /graphql），生产环境中 GraphiQL 与内省均已关闭。</p>
<p lang="en">This address takes GraphQL POST requests only. The gateway serves no GraphiQL: in development use the hub's own (the hub's /graphql); in production GraphiQL and introspection are off.</p>
</body></html>`;

/**
 * Reads the request body, counting bytes as they arrive whatever the framing (Content-Length or
 * chunked): null once over the limit, when the connection is answered 413 and nothing is called.
 */
function readBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      res.setHeader('connection', 'close');
      json(res, 413, { errors: [{ message: '请求内容超过1 MB。', extensions: { code: 'BAD_REQUEST' } }] });
      req.resume(); // drain what is still coming; the answer is already given
      resolve(null);
    };
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) return refuse();
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > BODY_LIMIT) return refuse();
      chunks.push(chunk);
    });
    req.on('end', () => refused || resolve(Buffer.concat(chunks)));
    req.on('error', () => refused || resolve(null));
  });
}

export function createGateway(options: GatewayOptions) {
  // Read and routed once: a list that does not match the supergraph fails here, at start-up, naming the subgraph.
  const supergraph = routeSupergraph(readFileSync(options.supergraphPath, 'utf8'), options.subgraphs);
  const log = options.logger === false ? false : (options.logger ?? createLogger(undefined, undefined, 'federation-gateway'));
  const runtime = createGatewayRuntime({
    supergraph,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    logging: log === false ? false : gatewayLogger(log),
    maskedErrors: { maskError: maskGatewayError, errorMessage: '服务器内部错误，请稍后重试。' },
    // A fresh id per request, never the caller's (the caller's header is dropped below); it goes to
    // every subgraph and back to the caller, so one request's lines can be found in every log.
    requestId: { headerName: REQUEST_ID, generateRequestId: () => randomUUID() },
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
        onExecute() {
          return {
            onExecuteDone({ result, setResult }: { result: { errors?: readonly never[] }; setResult: (r: unknown) => void }) {
              if (result && 'errors' in result && result.errors && result.errors.length > 1) setResult({ ...result, errors: collapseUnavailable(result.errors) });
            },
          };
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
    if (req.url === '/healthz') return json(res, 200, { status: 'ok' });
    if (req.url === '/readyz') {
      void ready().then((ok) => json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'a subgraph does not answer' }));
      return;
    }
    if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" }).end(BROWSER_PAGE);
    }
    delete req.headers[REQUEST_ID];
    if (req.method === 'GET' || req.method === 'HEAD') return void runtime(req, res);
    void readBody(req, res).then((body) => {
      if (!body) return;
      // The runtime takes a body already read (as behind a body parser) from req.body.
      (req as http.IncomingMessage & { body?: unknown }).body = Readable.from([body]);
      void runtime(req, res);
    });
  });
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
