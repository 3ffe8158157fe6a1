// The web console (控制台), a single-page app built by Vite into dist/console and served here, at
// /console, from the hub's own origin: service halls are often offline, so nothing comes from
// another host, and the Content-Security-Policy forbids it.
//
// Ant Design injects <style> elements at run time. Rather than allowing every inline style, each
// page load gets a fresh nonce: written into the page's <meta name="csp-nonce"> (the app hands it
// to antd's ConfigProvider) and into the policy's style-src. Scripts are files only.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import express, { type Request, type Response, type Router } from 'express';
import { preferredLanguage } from '../common/language';
import { inLang, text } from '../common/text';

export const CONSOLE_PATH = '/console';
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function consoleCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    // The receipt's QR code is drawn as a data: URL.
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Where `npm run build` leaves the console: dist/console at the repository root. */
export function defaultConsoleDir(): string {
  // This file runs as dist/src/console/console.router.js (or from src/ under ts-jest).
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'console');
    dir = path.dirname(dir);
  }
  return path.resolve('dist', 'console');
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export function createConsoleRouter(consoleDir: string = defaultConsoleDir()): Router {
  const router = express.Router();
  const indexFile = path.join(consoleDir, 'index.html');
  // Re-read when a new build replaced it (npm run build:console while the hub runs).
  let cached: { html: string; mtimeMs: number } | null = null;
  const page = (): string | null => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(indexFile).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs !== mtimeMs) cached = { html: readFileSync(indexFile, 'utf8'), mtimeMs };
    return cached.html;
  };

  // Vite names every asset by its content hash: cache them for good, and gzip each once (a
  // service hall's link may be slow; the two bundles are ~1.7 MB raw, about a third gzipped).
  const assets = new Map<string, { type: string; raw: Buffer; gzip: Buffer }>();
  router.get(`${CONSOLE_PATH}/assets/:file`, (req, res) => {
    const name = req.params.file;
    const type = ASSET_TYPES[path.extname(name)];
    let asset = assets.get(name);
    if (!asset && type && /^[\w.-]+$/.test(name)) {
      try {
        const raw = readFileSync(path.join(consoleDir, 'assets', name));
        asset = { type, raw, gzip: gzipSync(raw, { level: 9 }) };
        assets.set(name, asset);
      } catch {
        // not built (any more): 404 below
      }
    }
    if (!asset) {
      res.status(404).type('text/plain; charset=utf-8').send('Not Found');
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.set({
      'Content-Type': asset.type,
      'Cache-Control': `public, max-age=${ONE_YEAR_SECONDS}, immutable`,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    });
    if (gzip) res.set('Content-Encoding', 'gzip');
    res.send(gzip ? asset.gzip : asset.raw);
  });

  const sendPage = (req: Request, res: Response) => {
    const html = page();
    if (html === null) {
      const message = inLang(
        text('控制台尚未构建：请运行 npm run build（npm start 会自动构建）。', 'The console is not built: run npm run build (npm start builds it).'),
        preferredLanguage(req.headers['accept-language']),
      );
      res.status(503).type('text/plain; charset=utf-8').send(message);
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': consoleCsp(nonce),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      .send(html.split(NONCE_PLACEHOLDER).join(nonce));
  };
  // The console's API lives under /console/api (console-session.router.ts, mounted before this
  // router); anything else there is not a screen of the app.
  router.all(`${CONSOLE_PATH}/api/{*rest}`, (req, res) => {
    const message = inLang(text('没有这个接口。', 'No such endpoint.'), preferredLanguage(req.headers['accept-language']));
    res.status(404).json({ error: { code: 'NOT_FOUND', message } });
  });
  // Every screen of the app is a path under /console: the app's router decides what it shows.
  router.get([CONSOLE_PATH, `${CONSOLE_PATH}/{*screen}`], (req, res) => {
    // Express matches /console and /console/ alike; the app's relative URLs need the slash.
    if (req.originalUrl === CONSOLE_PATH) return res.redirect(302, `${CONSOLE_PATH}/`);
    sendPage(req, res);
  });
  return router;
}
