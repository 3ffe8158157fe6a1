// GraphiQL served entirely from the hub's own origin.
//
// Service halls are often offline, and Apollo's landing page pulls its UI from a CDN, so the hub
// serves GraphiQL itself: graphiql 4.1.2 is the last release with a browser (UMD) bundle, and it
// runs on React 18.3.1's UMD builds (React 19 ships none). Every file the page needs comes from
// /graphiql/assets/ on this server, and the page's Content-Security-Policy forbids anything else,
// so a missing file shows up as a broken page in development instead of a silent CDN fetch.
//
// Mount BEFORE Apollo's expressMiddleware: GET <endpoint> from a browser (Accept: text/html) gets
// the page; every other request on the endpoint falls through to Apollo via next().

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { GRAPHIQL_INIT_SCRIPT, GRAPHIQL_PAGE_CSS } from './graphiql-init';

export interface GraphiqlRouterOptions {
  /** Path of the GraphQL endpoint, e.g. '/graphql': the page is served there and queries POST there. */
  endpoint: string;
}

/** URL prefix of every file the page loads. */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/assets/';

export const GRAPHIQL_PAGE_TITLE = '一门受理 hub · GraphiQL';

/**
 * 'unsafe-inline' for styles only: GraphiQL's dialogs (react-remove-scroll) insert <style>
 * elements at run time. Fonts and icons in graphiql.min.css are data: URLs. No eval, no workers,
 * no other host: the bundle needs none of them.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type Asset =
  | { kind: 'file'; file: string; version: string }
  | { kind: 'inline'; body: string; type: 'js' | 'css'; version: string };

// Assets are immutable per URL: the HTML appends ?v=<package version or content hash>, so an
// upgrade or an edit of the init script changes the URL instead of fighting a stale cache.
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const IMMUTABLE = `public, max-age=${ONE_YEAR_SECONDS}, immutable`;

/**
 * Directory of an installed package. Goes through package.json because graphiql's and react's
 * "exports" maps expose neither graphiql.min.js nor umd/*, so require.resolve on those paths throws,
 * whereas './package.json' is exported by all three.
 */
function packageDir(name: string): { dir: string; version: string } {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = require(manifestPath) as { version: string };
  return { dir: path.dirname(manifestPath), version: manifest.version };
}

function packageFile(name: string, relative: string): Asset {
  const { dir, version } = packageDir(name);
  const file = path.join(dir, relative);
  // Fail at startup, not on the first browser visit, if an upgrade moved a bundle.
  if (!existsSync(file)) {
    throw new Error(`GraphiQL asset missing: ${name}@${version} has no ${relative} (looked at ${file})`);
  }
  return { kind: 'file', file, version };
}

const contentHash = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 12);

/** Files under GRAPHIQL_ASSET_PREFIX, by name. Built once per router. */
function buildAssets(): Map<string, Asset> {
  return new Map<string, Asset>([
    ['react.production.min.js', packageFile('react', 'umd/react.production.min.js')],
    ['react-dom.production.min.js', packageFile('react-dom', 'umd/react-dom.production.min.js')],
    // graphiql 4.1.2 ships the same bundle as graphiql.min.js and dist/index.umd.js (not minified
    // further); graphiql.min.js is the documented name.
    ['graphiql.min.js', packageFile('graphiql', 'graphiql.min.js')],
    ['graphiql.min.css', packageFile('graphiql', 'graphiql.min.css')],
    // The bundle ends with `sourceMappingURL=index.umd.js.map`; serving it spares devtools a 404.
    ['index.umd.js.map', packageFile('graphiql', 'graphiql.min.js.map')],
    ['graphiql-init.js', { kind: 'inline', body: GRAPHIQL_INIT_SCRIPT, type: 'js', version: contentHash(GRAPHIQL_INIT_SCRIPT) }],
    ['graphiql-page.css', { kind: 'inline', body: GRAPHIQL_PAGE_CSS, type: 'css', version: contentHash(GRAPHIQL_PAGE_CSS) }],
  ]);
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function assetUrl(assets: Map<string, Asset>, name: string): string {
  const asset = assets.get(name);
  if (!asset) throw new Error(`unknown GraphiQL asset ${name}`);
  return `${GRAPHIQL_ASSET_PREFIX}${name}?v=${encodeURIComponent(asset.version)}`;
}

/** The page: scripts are `defer`, so they run in this order after the document is parsed. */
function renderGraphiqlPage(endpoint: string, assets: Map<string, Asset>): string {
  const url = (name: string): string => escapeHtml(assetUrl(assets, name));
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${escapeHtml(GRAPHIQL_PAGE_TITLE)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${url('graphiql.min.css')}" />
    <link rel="stylesheet" href="${url('graphiql-page.css')}" />
    <script defer src="${url('react.production.min.js')}"></script>
    <script defer src="${url('react-dom.production.min.js')}"></script>
    <script defer src="${url('graphiql.min.js')}"></script>
    <script defer src="${url('graphiql-init.js')}"></script>
  </head>
  <body>
    <div id="graphiql" data-endpoint="${escapeHtml(endpoint)}"><p class="loading">Loading GraphiQL…</p></div>
    <noscript>GraphiQL needs JavaScript. Queries can still be sent with POST ${escapeHtml(endpoint)}.</noscript>
  </body>
</html>
`;
}

/**
 * True when the client prefers HTML over JSON. Browsers send `text/html,...,*\/*;q=0.8`, so
 * text/html wins; curl's `*\/*`, Apollo clients' `application/json` and a missing Accept header
 * all pick the first entry, application/json, and go to Apollo.
 */
export function prefersHtml(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

export function createGraphiqlRouter(options: GraphiqlRouterOptions): Router {
  const { endpoint } = options;
  if (!endpoint.startsWith('/') || endpoint.startsWith('//')) {
    // A protocol-relative or relative endpoint would make the fetcher leave the hub's origin or
    // depend on the page URL; the CSP would block the former anyway.
    throw new Error(`GraphiQL endpoint must be an absolute path such as '/graphql', got '${endpoint}'`);
  }

  const assets = buildAssets();
  const page = renderGraphiqlPage(endpoint, assets);
  const router = express.Router();

  for (const [name, asset] of assets) {
    router.get(`${GRAPHIQL_ASSET_PREFIX}${name}`, (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (asset.kind === 'inline') {
        res.setHeader('Cache-Control', IMMUTABLE);
        res.type(asset.type).send(asset.body);
        return;
      }
      // sendFile handles ETag, Range and HEAD; `immutable` + maxAge give the same Cache-Control.
      res.sendFile(asset.file, { maxAge: ONE_YEAR_SECONDS * 1000, immutable: true }, (err?: Error) => {
        if (err && !res.headersSent) next(err);
      });
    });
  }

  router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    // The same URL answers HTML to browsers and JSON to API clients: caches must key on Accept,
    // on both branches.
    res.vary('Accept');
    if (!prefersHtml(req)) {
      next();
      return;
    }
    res.setHeader('Content-Security-Policy', GRAPHIQL_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(page);
  });

  return router;
}

const OFF_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>GraphiQL 已关闭 · GraphiQL is off</title></head>
<body>
<h1>GraphiQL 在生产环境中已关闭</h1>
<p>本接口仅供部门系统和前端程序以 POST 方式调用（GraphQL over HTTP）。开发调试请在非生产环境（未设置 NODE_ENV=production）中打开此地址。</p>
<p lang="en">GraphiQL is off in production. This endpoint answers GraphQL requests sent with POST; open it in a
development deployment (without NODE_ENV=production) to explore the API.</p>
</body></html>
`;

/**
 * In production (no GraphiQL): a browser opening the endpoint gets a plain page saying so,
 * rather than Apollo's CSRF refusal of a GET without a preflight header. API clients pass through.
 */
export function createGraphiqlOffRouter(endpoint: string): Router {
  const router = express.Router();
  router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    res.vary('Accept');
    if (!prefersHtml(req)) {
      next();
      return;
    }
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.status(404).type('html').send(OFF_PAGE);
  });
  return router;
}
