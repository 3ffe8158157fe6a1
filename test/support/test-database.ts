/**
 * A fresh, empty database per e2e test file, on whichever database this jest project targets
 * (HUB_TEST_DB, set by use-sqlite.ts / use-mariadb.ts).
 *
 *   const db = await createTestDatabase();   // in beforeAll
 *   …connect to db.url…
 *   await db.drop();                         // in afterAll
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { SERVER_URL_ENV, SKIPPED_ENV } from './mariadb-server';

export type TestDb = { kind: 'sqlite' | 'mysql'; url: string; drop(): Promise<void> };

/** The database kind of this jest project, or null when the MariaDB half is skipped here. */
export function testDatabaseKind(): 'sqlite' | 'mysql' | null {
  const kind = process.env.HUB_TEST_DB;
  if (kind === 'sqlite') return 'sqlite';
  if (kind === 'mysql') return process.env[SKIPPED_ENV] ? null : 'mysql';
  throw new Error(
    `HUB_TEST_DB is ${JSON.stringify(kind)}: test/support/test-database.ts is for the e2e projects ('sqlite', 'mariadb') ` +
      'whose setupFiles set it; run e2e tests with `npx jest --selectProjects sqlite mariadb`.',
  );
}

/** Admin connection to the server itself (no database selected). Opened per call and closed at
 *  once: a connection left open would keep the jest worker from exiting. */
async function adminConnection() {
  const raw = process.env[SERVER_URL_ENV];
  if (!raw) throw new Error(`${SERVER_URL_ENV} is not set: the MariaDB half is skipped or globalSetup did not run`);
  const server = new URL(raw);
  const connection = await createConnection({
    host: server.hostname,
    port: server.port === '' ? 3306 : Number(server.port),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  return { server, connection };
}

async function createMysqlDatabase(charset = 'utf8mb4 COLLATE utf8mb4_unicode_ci'): Promise<TestDb> {
  // Random rather than per-file names: two runs may share a server (HUB_TEST_MYSQL_URL), and the
  // name stays a plain identifier, so no quoting trouble.
  const name = `hub_t_${randomBytes(6).toString('hex')}`;
  const { server, connection } = await adminConnection();
  try {
    // Explicit charset/collation: a server given via HUB_TEST_MYSQL_URL may default to latin1,
    // and the hub stores Chinese text.
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET ${charset}`);
  } finally {
    await connection.end();
  }
  // Built by hand, not with URL#href, which would turn `root:@` into `root@` — keep the server URL's
  // user and password exactly as given (still percent-encoded).
  const port = server.port === '' ? '3306' : server.port;
  const url = `mysql://${server.username}:${server.password}@${server.hostname}:${port}/${name}${server.search}`;
  let dropped = false;
  return {
    kind: 'mysql',
    url,
    async drop() {
      if (dropped) return;
      dropped = true;
      const admin = await adminConnection();
      try {
        await admin.connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await admin.connection.end();
      }
    },
  };
}

async function createSqliteDatabase(): Promise<TestDb> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-sqlite-'));
  return {
    kind: 'sqlite',
    // The file does not exist yet: the code under test creates it on first connect.
    url: `sqlite:${join(dir, 'hub.sqlite')}`,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A fresh empty database: for sqlite `sqlite:/tmp/…/hub.sqlite` in a new mkdtemp dir; for mysql a
 *  new database `hub_t_<random>` (utf8mb4 / utf8mb4_unicode_ci) on the test server, url
 *  `mysql://root:@127.0.0.1:PORT/hub_t_…`. drop() removes it (DROP DATABASE / rm -rf). */
export async function createTestDatabase(options: { mysqlCharset?: string } = {}): Promise<TestDb> {
  const kind = testDatabaseKind();
  if (kind === null) {
    throw new Error(`the MariaDB half is skipped here (${process.env[SKIPPED_ENV]}); wrap the test in describeDb`);
  }
  return kind === 'sqlite' ? createSqliteDatabase() : createMysqlDatabase(options.mysqlCharset);
}

/** describe, or describe.skip with a one-line notice when the MariaDB half is skipped. Decided at
 *  import time, which is after the project's setupFiles have set HUB_TEST_DB. */
export const describeDb: jest.Describe = (() => {
  if (testDatabaseKind() !== null) return describe;
  // stderr, not console.warn: jest would decorate console output with a multi-line stack location.
  const file = relative(process.cwd(), expect.getState().testPath ?? 'this test file');
  process.stderr.write(`[mariadb] ${file} skipped: no MariaDB (see the notice above)\n`);
  return describe.skip;
})();
