/**
 * jest globalSetup of the 'mariadb' project. Runs once, in the jest parent process, before any test
 * worker exists. Decides where the MariaDB half runs:
 *   1. HUB_TEST_MYSQL_URL=mysql://user:pass@host:port  → that server (checked to be reachable);
 *   2. else `mariadbd` is installed                     → a throwaway server of our own (see mariadb-server.ts);
 *   3. else                                             → skipped with one notice, or a hard error when CI=true.
 * The result is handed to the workers through process.env (they are forked after this and inherit it).
 */
import { createConnection } from 'mysql2/promise';
import {
  HOW_TO_ENABLE,
  SERVER_URL_ENV,
  SKIPPED_ENV,
  findMariaDbBinaries,
  isCi,
  startThrowawayMariaDb,
  type ThrowawayMariaDb,
} from './mariadb-server';

/** globalSetup and globalTeardown share the parent's globalThis; this is where the handle lives. */
export const SERVER_HANDLE = Symbol.for('assistance-hub.test.throwaway-mariadb');
type HandleHolder = { [SERVER_HANDLE]?: ThrowawayMariaDb };

/** Status lines go to stderr so that `jest --json` output on stdout stays parseable. */
const say = (line: string) => process.stderr.write(`${line}\n`);

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  return copy.href;
}

/** Parse HUB_TEST_MYSQL_URL; mysql:// and mariadb:// are both accepted, the workers always get mysql://. */
function parseGivenUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`HUB_TEST_MYSQL_URL is not a URL: expected mysql://user:pass@host:port, got ${JSON.stringify(raw)}`);
  }
  if (!['mysql:', 'mariadb:'].includes(url.protocol) || url.hostname === '') {
    throw new Error(`HUB_TEST_MYSQL_URL must look like mysql://user:pass@host:port, got ${redact(url)}`);
  }
  // Each test file creates its own database; a database in the URL would be misleading, so ignore it.
  const port = url.port === '' ? '3306' : url.port;
  return new URL(`mysql://${url.username}:${url.password}@${url.hostname}:${port}${url.search}`);
}

/** Fail here, once and clearly, rather than in every test file with a connection error. */
async function checkReachable(url: URL): Promise<string> {
  try {
    const connection = await createConnection({
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      connectTimeout: 10_000,
    });
    try {
      const [rows] = await connection.query('SELECT VERSION() AS version');
      return String((rows as Array<{ version: string }>)[0]?.version);
    } finally {
      await connection.end();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`HUB_TEST_MYSQL_URL=${redact(url)} is not reachable: ${reason}`);
  }
}

export default async function mariadbGlobalSetup(): Promise<void> {
  // Start from a clean slate: in watch mode this runs once per run in the same process.
  delete process.env[SERVER_URL_ENV];
  delete process.env[SKIPPED_ENV];

  const given = process.env.HUB_TEST_MYSQL_URL?.trim();
  if (given) {
    const url = parseGivenUrl(given);
    const version = await checkReachable(url);
    process.env[SERVER_URL_ENV] = url.href;
    say(`[mariadb] using HUB_TEST_MYSQL_URL ${redact(url)} (server ${version})`);
    return;
  }

  const binaries = findMariaDbBinaries();
  if (binaries !== null) {
    const server = await startThrowawayMariaDb(binaries);
    (globalThis as HandleHolder)[SERVER_HANDLE] = server;
    process.env[SERVER_URL_ENV] = server.url;
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    say(`[mariadb] throwaway ${binaries.mariadbd} on ${server.url} ready in ${seconds(server.startupMs)} s ` +
        `(datadir init ${seconds(server.initMs)} s, server start ${seconds(server.startupMs - server.initMs)} s)`);
    return;
  }

  if (isCi()) {
    throw new Error(
      'CI=true but the MariaDB half of the test suite cannot run: no HUB_TEST_MYSQL_URL and no `mariadbd` ' +
        `found on PATH or in /usr/sbin, /usr/bin, /usr/local/mysql/bin. To fix: ${HOW_TO_ENABLE}.`,
    );
  }
  const notice = `MariaDB half of the e2e suite SKIPPED: no HUB_TEST_MYSQL_URL and no mariadbd found. To enable it: ${HOW_TO_ENABLE}.`;
  process.env[SKIPPED_ENV] = notice;
  say(`[mariadb] ${notice}`);
}
