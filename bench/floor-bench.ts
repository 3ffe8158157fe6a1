/**
 * The raw-driver floor: the hub over HTTP against the same work written by hand with mysql2, in
 * one process on one MariaDB server (a throwaway mariadbd of the project's test helper, or the
 * server in HUB_BENCH_DATABASE_URL / HUB_TEST_MYSQL_URL):
 *   npm run bench:floor
 * Four measures — intake, a dashboard page of 100 cases, concurrent claims, the SLA scan — each
 * with the hub's figure, the floor's, their ratio and the SQL statements each side sent.
 * Sizes: HUB_BENCH_CASES (1000 applications a side), HUB_BENCH_IN_FLIGHT (16),
 * HUB_BENCH_TOWNSHIPS (50), HUB_BENCH_CLAIMERS (4), HUB_BENCH_CLAIM_LIMIT (20),
 * HUB_BENCH_PAGES (20), HUB_BENCH_OPEN / HUB_BENCH_CLOSED (20000 each here, for the scan's seeded caseload).
 * HUB_BENCH_PROFILE=dir writes a CPU profile of each hub phase (bench/floor/profile.ts).
 * HUB_BENCH_WORKERS=N measures the hub as deployed, `src/main.js` with HUB_WORKERS=N, in processes
 * of its own (bench/floor/hub-cluster.ts); the SLA scan is measured in process either way.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { signToken } from '../src/access/tokens';
import { Department, Role } from '../src/access/roles';
import { cstDateOf } from '../src/common/dates';
import { ManualClock } from '../src/common/clock';
import { slaWindow } from '../src/sla/sla.filters';
import { caseloadFromEnv, seedCases } from './seed';
import { BENCH_SECRET, bootHub, hubInternals, runBench } from './shared/hub';
import { FloorSql } from './floor/floor-sql';
import { floorServer } from './floor/server';
import { floorIntake, hubIntake, REGION } from './floor/intake';
import { floorPage, PAGE_QUERY, timePages } from './floor/dashboard';
import { duplicates, floorClaims, hubClaims } from './floor/claims';
import { floorScan, undoScan } from './floor/sla-scan';
import { Report } from './floor/report';
import { profiled, withCpu } from './floor/profile';
import { startHubCluster } from './floor/hub-cluster';
import { postJson } from './floor/http-client';

const env = process.env;
const CASES = Number(env.HUB_BENCH_CASES ?? 1000);
const IN_FLIGHT = Number(env.HUB_BENCH_IN_FLIGHT ?? 16);
const TOWNSHIPS = Number(env.HUB_BENCH_TOWNSHIPS ?? 50);
const CLAIMERS = Number(env.HUB_BENCH_CLAIMERS ?? 4);
const CLAIM_LIMIT = Number(env.HUB_BENCH_CLAIM_LIMIT ?? 20);
const PAGES = Number(env.HUB_BENCH_PAGES ?? 20);
const WORKERS = Number(env.HUB_BENCH_WORKERS ?? 0);
const WARM_UP = 32;
env.HUB_BENCH_OPEN ??= '20000';
env.HUB_BENCH_CLOSED ??= '20000';
const DATA_KEY = 'cd'.repeat(32); // bootHub's HUB_DATA_KEY

async function database(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await createConnection({ uri: serverUrl });
  const [existing] = await admin.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
  if ((existing as unknown[]).length > 0) throw new Error(`database ${name} exists: the bench makes its own and drops it afterwards`);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return {
    url: `${serverUrl}/${name}`,
    async drop() {
      if (env.HUB_BENCH_KEEP !== '1') await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const server = await floorServer();
  const report = new Report();
  const [version] = await (async () => {
    const c = await createConnection({ uri: server.url });
    const [rows] = await c.query('SELECT VERSION() AS v');
    await c.end();
    return [(rows as Array<{ v: string }>)[0].v];
  })();
  process.stdout.write(`raw-driver floor on MariaDB ${version}, ${server.describe}\n`);
  process.stdout.write(`${CASES} applications a side over ${TOWNSHIPS} townships, ${IN_FLIGHT} in flight; ${CLAIMERS} claimers, limit ${CLAIM_LIMIT}; the hub ${WORKERS > 0 ? `as src/main.js with HUB_WORKERS=${WORKERS}` : "in this process"}\n\n`);
  try {
    await workload(server.url, report);
    await scan(server.url, report);
  } finally {
    report.print();
    await server.stop();
  }
}

/** Intake, the dashboard page and claims, on one database. */
async function workload(serverUrl: string, report: Report): Promise<void> {
  const db = await database(serverUrl, 'hub_floor_bench');
  const { running, config } = await bootHub(db.url);
  const hub = hubInternals(running);
  // As many connections as the hub's pool (poolSize 10 in src/db/data-source.ts).
  const sql = new FloorSql(db.url, 10);
  const http = running.app.listen(0);
  // HUB_BENCH_WORKERS: the measured hub is `src/main.js` with that many workers (hub-cluster.ts);
  // the in-process hub above still migrates, loads the calendar and seeds.
  const cluster = WORKERS > 0 ? await startHubCluster(db.url, WORKERS) : null;
  const hubStatements = async () => (cluster ? cluster.statements() : hub.statements.count);
  const retriesOf = () => (cluster ? 'n/a (in the workers)' : String(hub.transactionRetries()));
  try {
    const base = cluster ? cluster.url : `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
    const as = (bearer: string) => async (query: string, variables?: unknown) => {
      const { json } = await postJson(base, { authorization: `Bearer ${bearer}` }, { query, variables });
      const body = json as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
      return body.data;
    };
    const token = (role: Role, region: string, department?: Department, sub = 'bench') => signToken({ sub, role, region, department, ttlSeconds: 3600 }, BENCH_SECRET, new Date());
    const stamp = Date.now();

    // ---- intake (after WARM_UP applications a side, not timed: both sides' code paths compiled)
    const floorIntakeContext = {
      sql, calendar: hub.calendar, slaDays: config.slaWorkingDays, dataKeyHex: DATA_KEY, pushDepartments: new Set<string>(), now: () => new Date(), today: () => cstDateOf(new Date()),
    };
    await hubIntake(as(await token(Role.CLERK, REGION)), WARM_UP, IN_FLIGHT, TOWNSHIPS, stamp - 1);
    await floorIntake(floorIntakeContext, WARM_UP, IN_FLIGHT, TOWNSHIPS, stamp - 1);
    let before = await hubStatements();
    const clerk = as(await token(Role.CLERK, REGION));
    const { value: hubSeconds, cpuMs: hubIntakeCpu } = await withCpu(() => profiled('intake', () => hubIntake(clerk, CASES, IN_FLIGHT, TOWNSHIPS, stamp)));
    const hubIntakeStatements = ((await hubStatements()) - before) / CASES;
    before = sql.statements;
    const { value: floorSeconds, cpuMs: floorIntakeCpu } = await withCpu(() => floorIntake(floorIntakeContext, CASES, IN_FLIGHT, TOWNSHIPS, stamp));
    const floorStatements = (sql.statements - before) / CASES;
    report.throughput('intake (applications/s)', CASES / hubSeconds, CASES / floorSeconds, hubIntakeStatements, floorStatements, 'per application');
    report.note(`intake rows written per case, hub vs floor: ${await rowsPerCase(sql, "<> 'floor'")} vs ${await rowsPerCase(sql, "= 'floor'")}`);
    report.note(`hub transaction retries during intake: ${retriesOf()}`);
    report.note(`CPU of this process per application (hub with its HTTP client / floor): ${(hubIntakeCpu / CASES).toFixed(2)} / ${(floorIntakeCpu / CASES).toFixed(2)} ms`);

    // ---- dashboard page of 100 cases
    const dashboard = as(await token(Role.DASHBOARD, '37'));
    const { value: hubPage, cpuMs: hubPageCpu } = await withCpu(() => profiled('dashboard', () => timePages(PAGES, async () => JSON.stringify(await dashboard(PAGE_QUERY)), hubStatements)));
    const today = cstDateOf(new Date());
    const { value: floorPageTimes, cpuMs: floorPageCpu } = await withCpu(() => timePages(PAGES, () => floorPage(sql, hub.calendar, today, config.slaWorkingDays, config.slaWarningDays), () => sql.statements));
    report.latency('dashboard page of 100 cases (p50 ms)', hubPage, floorPageTimes);
    report.note(`CPU of this process per dashboard page (hub with its HTTP client / floor): ${(hubPageCpu / PAGES).toFixed(1)} / ${(floorPageCpu / PAGES).toFixed(1)} ms`);
    report.note(samePage(await dashboard(PAGE_QUERY), JSON.parse(await floorPage(sql, hub.calendar, today, config.slaWorkingDays, config.slaWarningDays)).data));

    // ---- concurrent claims (the hub JUDICIAL, the floor MEDICAL: as many of each)
    const retries = retriesOf();
    before = await hubStatements();
    const claimants = await Promise.all(Array.from({ length: CLAIMERS }, async (_, i) => as(await token(Role.DEPARTMENT, REGION, Department.JUDICIAL, `judicial-${i}`))));
    const { value: hubRun, cpuMs: hubClaimCpu } = await withCpu(() => profiled('claims', () => hubClaims(claimants, CLAIM_LIMIT)));
    const hubClaimStatements = (await hubStatements()) - before;
    before = sql.statements;
    const { value: floorRun, cpuMs: floorClaimCpu } = await withCpu(() => floorClaims(sql, CLAIMERS, CLAIM_LIMIT, () => new Date()));
    const floorClaimStatements = sql.statements - before;
    report.throughput(
      'claims (referrals/s)',
      hubRun.claimed.length / hubRun.seconds,
      floorRun.claimed.length / floorRun.seconds,
      (hubClaimStatements / hubRun.claimed.length) * CLAIM_LIMIT,
      (floorClaimStatements / floorRun.claimed.length) * CLAIM_LIMIT,
      `per ${CLAIM_LIMIT} referrals`,
    );
    report.note(`CPU of this process per claimed referral (hub with its HTTP client / floor): ${(hubClaimCpu / hubRun.claimed.length).toFixed(3)} / ${(floorClaimCpu / floorRun.claimed.length).toFixed(3)} ms`);
    const delivered = await sql.query<Array<{ department: string; n: number; tokens: number }>>(
      `SELECT department, COUNT(*) AS n, COUNT(DISTINCT claim_token) AS tokens FROM referrals WHERE status = 'DELIVERED' GROUP BY department ORDER BY department`,
    );
    report.note(
      `claims: hub ${hubRun.claimed.length} JUDICIAL referrals, ${duplicates(hubRun.claimed)} handed out twice, ${cluster ? retriesOf() : Number(retriesOf()) - Number(retries)} transaction retries; ` +
        `floor ${floorRun.claimed.length} MEDICAL, ${duplicates(floorRun.claimed)} handed out twice, ${sql.retries} transactions run again after a deadlock; DELIVERED in the table: ${delivered.map((d) => `${d.department} ${d.n}`).join(', ')} ` +
        `(of ${2 * (CASES + WARM_UP)} each)`,
    );
  } finally {
    await cluster?.stop();
    http.close();
    await sql.close();
    await running.close();
    await db.drop();
  }
}

/** How far the floor's page agrees with the hub's: the same cases in the same order, each node equal field by field. */
function samePage(hub: any, floor: any): string {
  const h = hub.cases.edges.map((e: any) => e.node);
  const f = floor.cases.edges.map((e: any) => e.node);
  const sameOrder = h.length === f.length && h.every((n: any, i: number) => n.id === f[i].id);
  const byId = new Map(f.map((n: any) => [n.id, n]));
  const differing = h.filter((n: any) => JSON.stringify(n) !== JSON.stringify(byId.get(n.id)));
  const example = differing[0] ? ` (first: hub ${JSON.stringify(differing[0]).slice(0, 300)} floor ${JSON.stringify(byId.get(differing[0].id)).slice(0, 300)})` : '';
  return `dashboard page: ${h.length} cases from the hub, ${f.length} from the floor, ${sameOrder ? 'same' : 'NOT the same'} cases in the same order, ${differing.length} nodes differ${example}`;
}

/** Rows each case of one side has in each table (created_by picks the side). */
async function rowsPerCase(sql: FloorSql, side: string): Promise<string> {
  const [row] = await sql.query<Array<Record<string, number>>>(
    `SELECT COUNT(*) AS cases,
       (SELECT COUNT(*) FROM persons p JOIN cases c ON c.applicant_id = p.id WHERE c.created_by ${side}) AS persons,
       (SELECT COUNT(*) FROM household_members h JOIN cases c ON c.id = h.case_id WHERE c.created_by ${side}) AS household,
       (SELECT COUNT(*) FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.created_by ${side}) AS referrals,
       (SELECT COUNT(*) FROM timeline_events e JOIN cases c ON c.id = e.case_id WHERE c.created_by ${side}) AS events,
       (SELECT COUNT(*) FROM delivery_outbox o JOIN cases c ON c.id = o.case_id WHERE c.created_by ${side}) AS outbox
     FROM cases WHERE created_by ${side}`,
  );
  const per = (k: string) => (Number(row[k]) / Number(row.cases)).toFixed(1);
  return `${row.cases} cases; persons ${per('persons')}, household ${per('household')}, referrals ${per('referrals')}, events ${per('events')}, outbox ${per('outbox')}`;
}

/** The SLA scan on a seeded caseload of its own: each side marks the same subjects (the other's marks undone between runs). */
async function scan(serverUrl: string, report: Report): Promise<void> {
  const options = caseloadFromEnv();
  const db = await database(serverUrl, 'hub_floor_scan');
  const clock = new ManualClock(options.now);
  const { running, config } = await bootHub(db.url, clock);
  const hub = hubInternals(running);
  const sql = new FloorSql(db.url, 4);
  try {
    const seeded = await seedCases(hub.dataSource, hub.calendar, options);
    report.note(`SLA scan: seeded ${seeded.rows.get('referrals')} referrals (${options.openReferrals} open) in ${seeded.openCases.length} open cases, ${seeded.rows.get('timeline_events')} timeline events, in ${seeded.seconds.toFixed(0)} s`);
    const window = slaWindow(hub.calendar, cstDateOf(clock.now()), config.slaWarningDays);
    const runs: Array<{ hub: number; floor: number; hubStatements: number; floorStatements: number; hubWarned: string; floorWarned: string }> = [];
    for (let round = 0; round < 2; round++) {
      let before = hub.statements.count;
      let t0 = performance.now();
      const h = await profiled(`scan-${round + 1}`, () => hub.scanner.scan());
      const hubSeconds = (performance.now() - t0) / 1000;
      const hubStatements = hub.statements.count - before;
      await undoScan(sql, clock.now());
      before = sql.statements;
      t0 = performance.now();
      const f = await floorScan(sql, window, clock.now());
      const floorSeconds = (performance.now() - t0) / 1000;
      const floorStatements = sql.statements - before;
      await undoScan(sql, clock.now());
      runs.push({ hub: hubSeconds, floor: floorSeconds, hubStatements, floorStatements, hubWarned: `${h.referralWarnings}/${h.caseWarnings}`, floorWarned: `${f.referralWarnings}/${f.caseWarnings}` });
    }
    const last = runs[runs.length - 1];
    report.duration('SLA scan, first scan of the day (s)', last.hub, last.floor, last.hubStatements, last.floorStatements);
    report.note(
      `SLA scan warnings (referral/case), hub vs floor: ${runs.map((r) => `${r.hubWarned} vs ${r.floorWarned}`).join('; ')}; ` +
        `times of both rounds (hub/floor s): ${runs.map((r) => `${r.hub.toFixed(2)}/${r.floor.toFixed(2)}`).join(', ')}`,
    );
  } finally {
    await sql.close();
    await running.close();
    await db.drop();
  }
}

runBench(main);
