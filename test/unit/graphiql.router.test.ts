// The offline GraphiQL router: the page, every file it references, the CSP, and the fall-through to
// Apollo for everything that is not a browser asking for HTML. The init script is also run in a vm
// against fake React/GraphiQL globals, because no browser is guaranteed on CI machines.

import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import vm from 'node:vm';
import express, { type Express } from 'express';
import request from 'supertest';
import { createGraphiqlRouter, GRAPHIQL_ASSET_PREFIX } from '../../src/graphiql/graphiql.router';
import { DEFAULT_HEADERS, GRAPHIQL_INIT_SCRIPT, TOKEN_PLACEHOLDER } from '../../src/graphiql/graphiql-init';

// What Chromium sends on a top-level navigation.
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

function buildApp(): Express {
  const app = express();
  app.use(createGraphiqlRouter({ endpoint: '/graphql' }));
  // Stands in for Apollo's expressMiddleware: anything reaching it fell through the router.
  app.all('/graphql', (req, res) => {
    res.status(200).json({ fellThrough: true, method: req.method, query: req.query });
  });
  return app;
}

/** src/href values of <script> and <link rel="stylesheet"> elements. */
function referencedAssets(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]);
  return { scripts, styles };
}

const decodeAttr = (value: string): string => value.replace(/&amp;/g, '&');

describe('createGraphiqlRouter', () => {
  let server: Server;
  let html: string;

  beforeAll(async () => {
    server = createServer(buildApp());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBeGreaterThan(0);
    const res = await request(server).get('/graphql').set('Accept', BROWSER_ACCEPT);
    html = res.text;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });

  it('answers a browser GET with the GraphiQL page and a strict CSP', async () => {
    const res = await request(server).get('/graphql').set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/i);
    expect(res.text).toContain('<title>一门受理 hub · GraphiQL</title>');
    expect(res.text).toContain('id="graphiql" data-endpoint="/graphql"');
    expect(res.headers.vary).toMatch(/accept/i);

    const csp = String(res.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'"); // no 'unsafe-inline', no 'unsafe-eval'
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('font-src')).toBe("'self' data:");
    expect(directives.get('style-src')).toMatch(/^'self'/);
  });

  it('has no inline script and no inline event handler, so script-src self is enough', () => {
    const scriptTags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scriptTags.length).toBeGreaterThanOrEqual(4);
    for (const [, attrs, body] of scriptTags) {
      expect(attrs).toMatch(/\bsrc="/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('serves every referenced script and stylesheet from its own origin with a JS/CSS type', async () => {
    const { scripts, styles } = referencedAssets(html);
    const names = [...scripts, ...styles].map((u) => path.posix.basename(decodeAttr(u).split('?')[0]));
    expect(names).toEqual(
      expect.arrayContaining([
        'react.production.min.js',
        'react-dom.production.min.js',
        'graphiql.min.js',
        'graphiql.min.css',
        'graphiql-init.js',
      ]),
    );
    // React before ReactDOM before GraphiQL before our init: the UMD bundles read each other's globals.
    const order = scripts.map((u) => path.posix.basename(decodeAttr(u).split('?')[0]));
    expect(order).toEqual(['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql-init.js']);

    for (const [urls, type] of [
      [scripts, /^(text|application)\/javascript/],
      [styles, /^text\/css/],
    ] as const) {
      for (const raw of urls) {
        const url = decodeAttr(raw);
        // Same origin: an absolute path, not protocol-relative, not another host.
        expect(url.startsWith(GRAPHIQL_ASSET_PREFIX)).toBe(true);
        const res = await request(server).get(url).buffer(true).parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        expect(res.headers['content-type']).toMatch(type);
        expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect((res.body as Buffer).length).toBeGreaterThan(100);
      }
    }
  });

  it('serves the real graphiql and react bundles, byte for byte', async () => {
    const graphiqlDir = path.dirname(require.resolve('graphiql/package.json'));
    const reactDir = path.dirname(require.resolve('react/package.json'));
    const expected: Array<[string, string]> = [
      ['graphiql.min.js', path.join(graphiqlDir, 'graphiql.min.js')],
      ['graphiql.min.css', path.join(graphiqlDir, 'graphiql.min.css')],
      ['react.production.min.js', path.join(reactDir, 'umd/react.production.min.js')],
    ];
    for (const [name, file] of expected) {
      const res = await request(server).head(`${GRAPHIQL_ASSET_PREFIX}${name}`);
      expect(res.status).toBe(200);
      expect(Number(res.headers['content-length'])).toBe(statSync(file).size);
    }
    // The bundle's sourceMappingURL names index.umd.js.map relative to itself.
    const map = await request(server).head(`${GRAPHIQL_ASSET_PREFIX}index.umd.js.map`);
    expect(map.status).toBe(200);
  });

  it('references no other host in the page or the init script', async () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/(src|href)="\/\//i);
    const initUrl = decodeAttr(referencedAssets(html).scripts.find((u) => u.includes('graphiql-init.js'))!);
    const init = await request(server).get(initUrl);
    expect(init.status).toBe(200);
    expect(init.text).toBe(GRAPHIQL_INIT_SCRIPT);
    expect(init.text).not.toMatch(/https?:\/\//i);
    const css = await request(server).get(`${GRAPHIQL_ASSET_PREFIX}graphiql-page.css`);
    expect(css.text).not.toMatch(/https?:\/\//i);
  });

  it.each([
    ['application/json', '/graphql?query=%7B__typename%7D'],
    ['application/graphql-response+json', '/graphql?query=%7B__typename%7D'],
    ['*/*', '/graphql?query=%7B__typename%7D'],
    ['application/json, text/html;q=0.5', '/graphql'],
  ])('lets a GET with Accept %s fall through to Apollo (%s)', async (accept, url) => {
    const res = await request(server).get(url).set('Accept', accept);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ fellThrough: true, method: 'GET' });
    expect(res.headers['content-security-policy']).toBeUndefined();
  });

  it('lets a GET without Accept and any POST fall through', async () => {
    const bare = await request(server).get('/graphql?query=%7B__typename%7D').unset('Accept');
    expect(bare.body).toMatchObject({ fellThrough: true });
    const post = await request(server)
      .post('/graphql')
      .set('Accept', BROWSER_ACCEPT)
      .set('Content-Type', 'application/json')
      .send({ query: '{ __typename }' });
    expect(post.body).toMatchObject({ fellThrough: true, method: 'POST' });
  });

  it('leaves unknown asset names to the rest of the app (404)', async () => {
    const res = await request(server).get(`${GRAPHIQL_ASSET_PREFIX}package.json`);
    expect(res.status).toBe(404);
    const traversal = await request(server).get(`${GRAPHIQL_ASSET_PREFIX}..%2F..%2Fpackage.json`);
    expect(traversal.status).toBe(404);
  });

  it('rejects an endpoint that is not an absolute path on this origin', () => {
    expect(() => createGraphiqlRouter({ endpoint: 'graphql' })).toThrow(/absolute path/);
    expect(() => createGraphiqlRouter({ endpoint: '//cdn.example/graphql' })).toThrow(/absolute path/);
  });
});

describe('graphiql init script (run against fake browser globals)', () => {
  interface Element {
    type: unknown;
    props: Record<string, unknown> | null;
    children: unknown[];
  }
  interface FetchCall {
    url: string;
    init: { method: string; headers: Record<string, string>; body: string; credentials: string };
  }

  function runInit(opts: { search?: string; fetchBody?: string; fetchStatus?: number } = {}) {
    const calls: FetchCall[] = [];
    const renders: Array<{ container: unknown; tree: Element }> = [];
    const container = { textContent: '', getAttribute: (n: string) => (n === 'data-endpoint' ? '/graphql' : null) };
    const GraphiQL = Object.assign(function GraphiQL() {}, { Logo: function Logo() {} });
    const sandbox: Record<string, unknown> = {
      URLSearchParams,
      location: { search: opts.search ?? '' },
      document: { getElementById: (id: string) => (id === 'graphiql' ? container : null) },
      React: { createElement: (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => ({ type, props, children }) },
      ReactDOM: { createRoot: (el: unknown) => ({ render: (tree: Element) => renders.push({ container: el, tree }) }) },
      GraphiQL,
      fetch: (url: string, init: FetchCall['init']) => {
        calls.push({ url, init });
        const status = opts.fetchStatus ?? 200;
        return Promise.resolve({
          status,
          statusText: status === 200 ? 'OK' : 'Bad Gateway',
          text: () => Promise.resolve(opts.fetchBody ?? '{"data":{"__typename":"Query"}}'),
        });
      },
    };
    sandbox.window = sandbox;
    vm.runInNewContext(GRAPHIQL_INIT_SCRIPT, sandbox, { filename: 'graphiql-init.js' });
    return { calls, renders, container, GraphiQL };
  }

  it('renders GraphiQL into #graphiql with the headers editor, persisted headers and defaults', () => {
    const { renders, container, GraphiQL } = runInit();
    expect(renders).toHaveLength(1);
    expect(renders[0].container).toBe(container);
    const { tree } = renders[0];
    expect(tree.type).toBe(GraphiQL);
    expect(tree.props).toMatchObject({
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultHeaders: DEFAULT_HEADERS,
    });
    expect(JSON.parse(String(tree.props!.defaultHeaders))).toEqual({
      Authorization: 'Bearer <paste a token from npm run token>',
    });
    expect(String(tree.props!.defaultQuery)).toContain('__typename');
    expect(tree.props!.query).toBeUndefined();
    expect(typeof tree.props!.fetcher).toBe('function');
  });

  it('prefills the query from ?query= when a browser follows a link', () => {
    const { renders } = runInit({ search: '?query=%7B%20me%20%7B%20id%20%7D%20%7D' });
    expect(renders[0].tree.props!.query).toBe('{ me { id } }');
  });

  it('POSTs JSON to the endpoint with the Authorization header from the headers editor', async () => {
    const { renders, calls } = runInit();
    const fetcher = renders[0].tree.props!.fetcher as (p: unknown, o?: unknown) => Promise<unknown>;
    const result = await fetcher(
      { query: '{ __typename }', operationName: null },
      { headers: { Authorization: 'Bearer eyJhbGciOi.abc.def', 'X-Hall': 7 } },
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual({ data: { __typename: 'Query' } });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/graphql');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(calls[0].init.headers).toMatchObject({
      'Content-Type': 'application/json',
      Authorization: 'Bearer eyJhbGciOi.abc.def',
      'X-Hall': '7',
    });
    expect(JSON.parse(calls[0].init.body)).toEqual({ query: '{ __typename }', operationName: null });
  });

  it('drops an Authorization header that still holds the placeholder', async () => {
    const { renders, calls } = runInit();
    const fetcher = renders[0].tree.props!.fetcher as (p: unknown, o?: unknown) => Promise<unknown>;
    await fetcher({ query: '{ __typename }' }, { headers: JSON.parse(DEFAULT_HEADERS) });
    await fetcher({ query: '{ __typename }' });
    expect(calls.map((c) => c.init.headers.Authorization)).toEqual([undefined, undefined]);
    expect(DEFAULT_HEADERS).toContain(TOKEN_PLACEHOLDER);
  });

  it('turns a non-JSON answer (proxy error page) into a GraphQL error instead of throwing', async () => {
    const { renders } = runInit({ fetchBody: '<html>502</html>', fetchStatus: 502 });
    const fetcher = renders[0].tree.props!.fetcher as (p: unknown) => Promise<{ errors: Array<{ message: string }> }>;
    const result = await fetcher({ query: '{ __typename }' });
    expect(result.errors[0].message).toMatch(/^HTTP 502 Bad Gateway: <html>502/);
  });
});
