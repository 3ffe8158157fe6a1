import { Writable } from 'node:stream';
import type { Server } from 'node:http';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/common/clock';
import { createHub, HubOptions, RunningHub } from '../../src/server';
import { signToken } from '../../src/access/tokens';
import { Department, Role } from '../../src/access/roles';
import { createTestDatabase, TestDb } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const TEST_DATA_KEY = '0f'.repeat(32);
export const TOWNSHIP = '370783104'; // 寿光市 a town (镇): rural 低保 standard

export interface GraphqlResult<T = any> {
  status: number;
  data: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string[] } & Record<string, unknown> }>;
}

export interface TestEnvironment {
  running: RunningHub;
  server: Server;
  clock: ManualClock;
  db: TestDb;
  logs: string[];
  /** POSTs a GraphQL operation with the given bearer token (null: none); `lang` sets Accept-Language. */
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>, options?: { lang?: string }): Promise<GraphqlResult<T>>;
  token(role: Role, region?: string, department?: Department, sub?: string): Promise<string>;
  /** Rows in each table the hub writes: compare before and after to prove nothing was written. */
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

const WRITTEN_TABLES = [
  'cases',
  'persons',
  'household_members',
  'case_sequences',
  'referrals',
  'referral_pauses',
  'supervision_notices',
  'refusal_notices',
  'monitoring_signals',
  'warnings',
  'warning_hits',
  'notice_objections',
  'timeline_events',
  'sla_warnings',
  'access_log',
  'delivery_outbox',
  'partner_inbox',
  'partner_nonces',
  'report_days',
  'report_resolutions',
  'report_acknowledgements',
  'report_rollup',
  'calendar_days',
  'calendar_years',
  'register_households',
  'register_members',
  'register_tiers',
];

const SENSITIVE = /\b\d{17}[\dXx]\b|\b1\d{10}\b/g;

/**
 * Boots the real hub on a fresh database of this jest project's kind (SQLite or MariaDB), listening
 * on an ephemeral port, with a hand-driven clock. Everything it logs is kept; close() fails the
 * test file if any identity or phone number sent to it, or a secret, shows up in a log line.
 */
export async function createTestEnvironment(
  options: { now?: string; env?: Record<string, string>; mysqlCharset?: string; hub?: Partial<HubOptions> } = {},
): Promise<TestEnvironment> {
  const db = await createTestDatabase({ mysqlCharset: options.mysqlCharset });
  const clock = new ManualClock(options.now ?? '2026-03-02T09:00:00+08:00');
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    HUB_DATABASE_URL: db.url,
    HUB_JWT_SECRET: TEST_JWT_SECRET,
    HUB_DATA_KEY: TEST_DATA_KEY,
    ...options.env,
  });
  const running = await createHub({ config, clock, logDestination: destination, jobs: new Set(), ...options.hub });
  const server = running.app.listen(0);
  const sent = new Set<string>();

  return {
    running,
    server,
    clock,
    db,
    logs,
    async gql(token, query, variables, options) {
      for (const match of `${query} ${JSON.stringify(variables ?? {})}`.match(SENSITIVE) ?? []) sent.add(match.toUpperCase());
      const req = request(server).post('/graphql').set('Content-Type', 'application/json');
      if (token) req.set('Authorization', `Bearer ${token}`);
      if (options?.lang) req.set('Accept-Language', options.lang);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body?.data, errors: res.body?.errors };
    },
    token(role, region = TOWNSHIP.slice(0, 6), department, sub) {
      return signToken(
        // Token times are real time (the hub judges them so), whatever the test's business clock says.
        { sub: sub ?? `${role.toLowerCase()}-test`, role, region, department: department ?? null, ttlSeconds: 3600 * 24 },
        TEST_JWT_SECRET,
        new Date(),
      );
    },
    async rowCounts() {
      const counts: Record<string, number> = {};
      for (const table of WRITTEN_TABLES) {
        const rows = await running.services.uow.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
        counts[table] = Number(rows[0].n);
      }
      return counts;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running.close();
      await db.drop();
      const text = logs.join('').toUpperCase();
      const leaked = [...sent].filter((value) => text.includes(value));
      if (text.includes(TEST_JWT_SECRET.toUpperCase()) || text.includes(TEST_DATA_KEY.toUpperCase())) leaked.push('a secret');
      if (leaked.length > 0) throw new Error(`Sensitive values appeared in the hub's log output: ${leaked.length} of them`);
    },
  };
}

/**
 * Settings for tests of what follows a 低保 or 特困 approval that take it as in effect at once: the
 * county holds its public notice (公示) outside the hub (HUB_PUBLIC_NOTICE=off, a setting a county
 * may choose). The notice in the hub is tested in test/e2e/public-notice.test.ts.
 */
export const NOTICE_OUTSIDE_HUB: Record<string, string> = { HUB_PUBLIC_NOTICE: 'off' };
