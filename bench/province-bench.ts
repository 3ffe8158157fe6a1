/**
 * A province at full size on MariaDB (issue item 3, "a million cases"):
 *   npm run bench:province                             # seeds, then measures (~15 minutes on 2 cores)
 *   HUB_PROVINCE_REUSE=1 npm run bench:province        # starts from the last run's seeded copy
 *
 * Starts its own mariadbd (8 GB buffer pool; datadir in HUB_PROVINCE_DIR, /tmp/hub-province),
 * seeds a province with bench/seed (HUB_PROVINCE_CASES, 1,000,000 cases in the 1,800 townships of
 * 140 counties, 5 % open, three referrals each on average, households, over two years up to
 * HUB_BENCH_NOW) by LOAD DATA with the secondary indexes built after, keeps a copy of the seeded
 * datadir, boots the hub in-process (pending migrations run on the seeded data, timed) and measures
 * over HTTP: a county dashboard page of 100 cases; `cases` filtered by SLA state, for a county and
 * for the province; `slaReport` for the province over a year (with and without townships); the SLA
 * scan (first, again at once, next working day); claims draining every PENDING referral;
 * HUB_PROVINCE_POLLERS (1,000) department systems polling claimReferrals every 5 s with nothing
 * to claim, for HUB_PROVINCE_POLL_SECONDS (30); intake (HUB_BENCH_CASES, 1,000 applications, 16
 * in flight). Every distinct statement the hub ran in each measure is explained at that size
 * (ANALYZE for reads) into bench/province/explain/<measure>.txt, and the ones that read a table
 * whole are listed at the end. Data and index sizes from information_schema.
 */
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { signToken } from '../src/access/tokens';
import { Department, Role } from '../src/access/roles';
import { cstDateOf } from '../src/common/dates';
import { ManualClock } from '../src/common/clock';
import { provinceCaseload, provinceDivisions, seedCases } from './seed';
import { BENCH_SECRET, bootHub, hubInternals, runBench } from './shared/hub';
import { StatementLog, StatementTotals } from './shared/statement-log';
import { PAGE_QUERY, percentiles } from './floor/dashboard';
import { hubIntake } from './floor/intake';
import { explainStatement } from './province/explain';
import { provinceServer } from './province/server';

const env = process.env;
const DATA_KEY = 'cd'.repeat(32); // bootHub's HUB_DATA_KEY
const DATABASE = 'hub_province';
const COUNTY = env.HUB_PROVINCE_COUNTY ?? '370783';
const PAGES = Number(env.HUB_BENCH_PAGES ?? 20);
const POLLERS = Number(env.HUB_PROVINCE_POLLERS ?? 1000);
const POLL_SECONDS = Number(env.HUB_PROVINCE_POLL_SECONDS ?? 30);
const POLL_EVERY_MS = 5000;
const INTAKE = Number(env.HUB_BENCH_CASES ?? 1000);
const EXPLAIN_DIR = join(__dirname, '..', '..', 'bench', 'province', 'explain');

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => n.toFixed(1);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const out = (s: string) => process.stdout.write(`${s}\n`);

/** CPU seconds used so far by a process, from /proc (user + system). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  const baseDir = env.HUB_PROVINCE_DIR ?? '/tmp/hub-province';
  const server = await provinceServer(baseDir, env.HUB_PROVINCE_REUSE === '1');
  const options = provinceCaseload(DATA_KEY);
  const clock = new ManualClock(options.now);
  let admin = await createConnection({ uri: server.url });
  try {
    if (!server.reused) await admin.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [[{ v: version }]] = (await admin.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    out(`province bench on MariaDB ${version}, buffer pool ${env.HUB_PROVINCE_BUFFER_POOL ?? '8G'}, datadir ${baseDir}; now ${options.now.toISOString()}`);

    // ---- boot (migrations run here: on reused data, the ones added since it was seeded)
    let t0 = performance.now();
    let { running, config } = await bootHub(`${server.url}/${DATABASE}`, clock);
    out(`hub booted (migrations included) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    let hub = hubInternals(running);

    // ---- seed
    if (!server.reused) {
      const seeded = await seedCases(hub.dataSource, hub.calendar, {
        ...options,
        progress: (n, s) => out(`  ${fmt(n)} cases written, ${s.toFixed(0)} s`),
      });
      const rows = Object.fromEntries(seeded.rows);
      const line =
        `seeded in ${seeded.seconds.toFixed(0)} s (LOAD DATA ${[...(seeded.loadSeconds ?? [])].map(([t, s]) => `${t} ${s.toFixed(0)} s`).join(', ')}; waited for the server ${seeded.waitSeconds?.toFixed(0)} s; index builds ${[...(seeded.indexSeconds ?? [])].map(([t, s]) => `${t} ${s.toFixed(0)} s`).join(', ')}; ` +
        `then ANALYZE TABLE ${seeded.analyzeSeconds?.toFixed(1)} s): ${Object.entries(rows).map(([t, n]) => `${t} ${fmt(n)}`).join(', ')}; ` +
        `${fmt(seeded.openCases.length)} open cases; open referrals ${[...seeded.openReferralsByStatus].sort().map(([s, n]) => `${s} ${fmt(n)}`).join(', ')}`;
      out(line);
      await running.close();
      await admin.end();
      await server.snapshot({ seededAt: new Date().toISOString(), options: { ...options, townships: undefined, dataKey: undefined }, line });
      admin = await createConnection({ uri: server.url });
      ({ running, config } = await bootHub(`${server.url}/${DATABASE}`, clock));
      hub = hubInternals(running);
    } else {
      out(`reused: ${String(server.marker?.line)}`);
    }
    await sizes(admin);

    // ---- the statement log: every statement by measure, the first of each text kept for EXPLAIN
    let measure = 'none';
    const log = new StatementLog((sql) => `${measure}\u0000${sql}`);
    log.install(hub);
    const measures: Array<{ name: string; figures: string; statements: Map<string, StatementTotals> }> = [];
    const record = async <T>(name: string, run: () => Promise<T>, describe: (r: T, statements: number) => string): Promise<T> => {
      measure = name;
      log.start();
      const r = await run();
      const statements = log.stop();
      const count = [...statements.values()].reduce((n, e) => n + e.count, 0);
      const figures = describe(r, count);
      measures.push({ name, figures, statements });
      out(`${name}: ${figures}`);
      return r;
    };

    const http = running.app.listen(0);
    // Pollers come back every 5 s on the same socket: Node's default keep-alive (5 s) would close it
    // just as they reuse it. A deployment's proxy keeps them longer too.
    http.keepAliveTimeout = 65_000;
    http.headersTimeout = 66_000;
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
    const as = (bearer: string) => async (query: string, variables?: unknown) => {
      const res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 400));
      return body.data;
    };
    const token = (role: Role, region: string, department?: Department, sub = 'bench') => signToken({ sub, role, region, department, ttlSeconds: 36_000 }, BENCH_SECRET, new Date());
    const dashboard = as(await token(Role.DASHBOARD, '37'));
    const timed = async (n: number, warm: number, run: () => Promise<unknown>) => {
      for (let i = 0; i < warm; i++) await run();
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        await run();
        times.push(performance.now() - s);
      }
      return percentiles(times);
    };
    const latency = (n: number) => (r: { p50: number; p95: number }, statements: number) => `p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, ${(statements / n).toFixed(1)} statements per request`;

    try {
      // ---- reads at "now"
      const countyPage = PAGE_QUERY.replace('cases(first: 100)', `cases(first: 100, filter: { regionCode: "${COUNTY}" })`);
      await record(`dashboard page of 100 cases, county ${COUNTY}`, () => timed(PAGES, 3, () => dashboard(countyPage)), latency(PAGES + 3));
      for (const region of [COUNTY, '37']) {
        const q = `{ cases(first: 100, filter: { regionCode: "${region}", slaState: [AT_RISK, OVERDUE] }) { totalCount edges { node { id caseNo sla { state } } } } }`;
        const found = (await dashboard(q)).cases.totalCount as number;
        await record(`cases with slaState AT_RISK or OVERDUE, region ${region} (${fmt(found)} cases)`, () => timed(PAGES, 2, () => dashboard(q)), latency(PAGES + 2));
      }
      const today = cstDateOf(clock.now());
      const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
      const yearFrom = new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const reportQuery = (townships: boolean) =>
        `{ slaReport(regionCode: "37", from: "${yearFrom}", to: "${today}") { casesOpened casesClosed casesClosedOnTime rows { department opened resolved resolvedOnTime openOverdue openAtRisk medianWorkingDays }${townships ? ' townships { townshipCode opened closed openOverdue openAtRisk }' : ''} } }`;
      // The report before the rollup holds a day (every day counted live), the rollup catching up
      // as at a first start, then the report from it; the two answers must be the same.
      const rollup = running.services.rollup;
      const before = await rollup.rolledThrough(running.services.uow.dataSource.manager);
      let liveAnswer: unknown = null;
      if (before === null) {
        liveAnswer = await record(`slaReport with townships, province, ${yearFrom}..${today}, every day counted live (no rollup yet)`, async () => {
          const s = performance.now();
          const answer = await dashboard(reportQuery(true));
          return { answer, ms: performance.now() - s };
        }, (r, statements) => `${ms(r.ms)} ms, ${statements} statements`).then((r) => r.answer);
      }
      await record('report rollup catching up (as at the first start after the upgrade)', async () => {
        const s = performance.now();
        const r = await rollup.roll();
        return { ...r, seconds: (performance.now() - s) / 1000 };
      }, (r, statements) => `${fmt(r.days)} days, ${fmt(r.rows)} rows, ${r.seconds.toFixed(1)} s, ${fmt(statements)} statements; rolled through ${r.rolledThrough}`);
      const lastRolled = await rollup.rolledThrough(running.services.uow.dataSource.manager);
      await rollup.rollAgainFrom(lastRolled!);
      await record('report rollup, one day (as each day)', async () => {
        const s = performance.now();
        const r = await rollup.roll();
        return { ...r, seconds: (performance.now() - s) / 1000 };
      }, (r, statements) => `${fmt(r.days)} day, ${fmt(r.rows)} rows, ${(r.seconds * 1000).toFixed(0)} ms, ${fmt(statements)} statements`);
      const report = await dashboard(reportQuery(true));
      if (liveAnswer !== null) out(`  the report from the rollup ${JSON.stringify(report) === JSON.stringify(liveAnswer) ? 'equals' : 'DIFFERS FROM'} the one counted live`);
      out(`  slaReport ${yearFrom}..${today}: opened ${fmt(report.slaReport.casesOpened)}, closed ${fmt(report.slaReport.casesClosed)} (${fmt(report.slaReport.casesClosedOnTime)} on time)`);
      await record(`slaReport, province, ${yearFrom}..${today}`, () => timed(5, 1, () => dashboard(reportQuery(false))), latency(6));
      await record(`slaReport with townships, province, ${yearFrom}..${today}`, () => timed(5, 1, () => dashboard(reportQuery(true))), latency(6));
      const countyReport = reportQuery(true).replace('regionCode: "37"', `regionCode: "${COUNTY}"`);
      await record(`slaReport with townships, county ${COUNTY}, ${yearFrom}..${today}`, () => timed(5, 1, () => dashboard(countyReport)), latency(6));

      // ---- the SLA scan: first, again at once, next working day
      const scan = (label: string) =>
        record(
          label,
          async () => {
            const s = performance.now();
            const r = await hub.scanner.scan();
            return { seconds: (performance.now() - s) / 1000, ...r };
          },
          (r, statements) => `${r.seconds.toFixed(2)} s, ${fmt(r.referralWarnings)} referral and ${fmt(r.caseWarnings)} case warnings, ${fmt(r.leasesReleased)} leases released, ${fmt(statements)} statements`,
        );
      await scan('SLA scan, first');
      await scan('SLA scan, again at once');
      const nextDay = hub.calendar.addWorkingDays(today, 1);
      clock.set(`${nextDay}T10:00:00+08:00`);
      await scan(`SLA scan, next working day (${nextDay})`);

      // ---- drain: every PENDING referral claimed, one system per department for the province
      const [[{ n: pending }]] = (await admin.query(`SELECT COUNT(*) AS n FROM ${DATABASE}.referrals WHERE status = 'PENDING'`)) as unknown as [[{ n: number }]];
      await record(
        `claims draining ${fmt(pending)} PENDING referrals (7 systems, limit 100)`,
        async () => {
          const s = performance.now();
          let claimed = 0;
          await Promise.all(
            Object.values(Department).map(async (department) => {
              const gql = as(await token(Role.DEPARTMENT, '37', department, `${department.toLowerCase()}-drain`));
              for (;;) {
                const d = await gql(`mutation { claimReferrals(department: ${department}, limit: 100) { referrals { id } } }`);
                claimed += d.claimReferrals.referrals.length;
                if (d.claimReferrals.referrals.length === 0) return;
              }
            }),
          );
          return { claimed, seconds: (performance.now() - s) / 1000 };
        },
        (r, statements) => `${fmt(r.claimed)} claimed in ${r.seconds.toFixed(1)} s, ${fmt(Math.round(r.claimed / r.seconds))} referrals/s, ${(statements / Math.max(1, r.claimed / 100)).toFixed(1)} statements per 100`,
      );

      // ---- empty polls: POLLERS systems (a department of a county each) every 5 s
      const { counties } = provinceDivisions();
      const departments = Object.values(Department);
      const pollers = await Promise.all(
        Array.from({ length: POLLERS }, async (_, i) => {
          const department = departments[Math.floor(i / counties.length) % departments.length];
          const county = counties[i % counties.length];
          return { department, gql: as(await token(Role.DEPARTMENT, county, department, `${department.toLowerCase()}-${county}`)) };
        }),
      );
      await record(
        `empty claimReferrals polls: ${fmt(POLLERS)} systems every ${POLL_EVERY_MS / 1000} s for ${POLL_SECONDS} s`,
        async () => {
          const times: number[] = [];
          let nonEmpty = 0;
          let failed = 0;
          const cpu0 = process.cpuUsage();
          const db0 = cpuSeconds(server.pid);
          const s = performance.now();
          const deadline = s + POLL_SECONDS * 1000;
          await Promise.all(
            pollers.map(async (p, i) => {
              await sleep((i * POLL_EVERY_MS) / POLLERS);
              while (performance.now() < deadline) {
                const started = performance.now();
                try {
                  const d = await p.gql(`mutation { claimReferrals(department: ${p.department}, limit: 20) { referrals { id } userErrors { code } } }`);
                  times.push(performance.now() - started);
                  if (d.claimReferrals.referrals.length > 0) nonEmpty++;
                } catch {
                  failed++;
                }
                await sleep(Math.max(0, Math.min(deadline, started + POLL_EVERY_MS) - performance.now()));
              }
            }),
          );
          const seconds = (performance.now() - s) / 1000;
          const cpu = process.cpuUsage(cpu0);
          return { polls: times.length, seconds, nonEmpty, failed, ...percentiles(times), node: (cpu.user + cpu.system) / 1e6 / seconds, db: (cpuSeconds(server.pid) - db0) / seconds };
        },
        (r, statements) =>
          `${fmt(r.polls)} polls in ${r.seconds.toFixed(1)} s (${(r.polls / r.seconds).toFixed(0)}/s; ${r.nonEmpty} found work, ${r.failed} failed), p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, ` +
          `${(statements / r.polls).toFixed(2)} statements per poll; CPU: hub process (and the pollers' HTTP clients) ${(r.node * 100).toFixed(0)} % of a core, mariadbd ${(r.db * 100).toFixed(0)} %`,
      );

      // ---- intake at this size (after 32 not timed)
      const clerk = as(await token(Role.CLERK, COUNTY));
      const stamp = Date.now();
      await hubIntake(clerk, 32, 16, 13, stamp - 1);
      await record(
        `intake, ${fmt(INTAKE)} applications, 16 in flight`,
        async () => {
          const cpu0 = process.cpuUsage();
          const db0 = cpuSeconds(server.pid);
          const seconds = await hubIntake(clerk, INTAKE, 16, 13, stamp);
          const cpu = process.cpuUsage(cpu0);
          return { seconds, node: (cpu.user + cpu.system) / 1e6 / seconds, db: (cpuSeconds(server.pid) - db0) / seconds };
        },
        (r, statements) => `${(INTAKE / r.seconds).toFixed(0)} applications/s, ${(statements / INTAKE).toFixed(1)} statements per application; CPU: hub process ${(r.node * 100).toFixed(0)} %, mariadbd ${(r.db * 100).toFixed(0)} %`,
      );
    } finally {
      http.close();
    }

    // ---- EXPLAIN every distinct statement of each measure, at this size
    mkdirSync(EXPLAIN_DIR, { recursive: true });
    const findings: string[] = [];
    for (const [i, m] of measures.entries()) {
      const lines = [`# ${m.name}\n# ${m.figures}\n# measured ${new Date().toISOString().slice(0, 10)}, ${options.now.toISOString()} as the hub's now\n`];
      for (const [key, totals] of m.statements) {
        const c = log.firstOf.get(key);
        if (!c) continue;
        const captured = { sql: c.sql, parameters: c.parameters };
        const e = await explainStatement(hub.dataSource, captured).catch((error: Error) => ({ text: `${c.sql}\n!! ${error.message}\n`, fullScans: [] as string[] }));
        lines.push(`\n## ${fmt(totals.count)} × in this measure, ${fmt(Math.round(totals.ms))} ms in all\n${e.text}`);
        if (e.fullScans.length) findings.push(`${m.name}: ${c.sql.slice(0, 120)}… ${e.fullScans.join('; ')}`);
      }
      const file = `${String(i + 1).padStart(2, '0')}-${m.name.replace(/\(.*?\)/g, '').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60)}.txt`;
      writeFileSync(join(EXPLAIN_DIR, file), lines.join(''));
    }
    // The empty poll as one statement (what bench/README.md proposes for the claim path): its plan here.
    const proposed = {
      sql:
        "SELECT r.id, r.status, r.claim_token, r.lease_expires_at FROM referrals r WHERE r.department = ? AND r.township_code LIKE ? " +
        "AND ((r.status = 'PENDING' AND r.delivery_mode = 'PULL') OR (r.status = 'DELIVERED' AND r.lease_expires_at < ?)) ORDER BY r.due_date, r.id LIMIT 20",
      parameters: ['MEDICAL', `${COUNTY}%`, clock.now().toISOString()],
    };
    const e = await explainStatement(hub.dataSource, proposed);
    writeFileSync(join(EXPLAIN_DIR, 'proposed-empty-poll.txt'), `# An empty claimReferrals poll as one statement (proposed; the claim path is not changed here)\n\n${e.text}`);
    if (e.fullScans.length) findings.push(`proposed empty poll: ${e.fullScans.join('; ')}`);
    out(`\nplans written to bench/province/explain/; ${findings.length ? `FULL SCANS:\n  ${findings.join('\n  ')}` : 'no statement reads a table whole'}`);
    await running.close();
  } finally {
    await admin.end();
    if (env.HUB_PROVINCE_KEEP_RUNNING !== '1') await server.stop();
  }
}

/** Rows, data and index sizes of the hub's tables (information_schema, after ANALYZE). */
async function sizes(admin: Awaited<ReturnType<typeof createConnection>>): Promise<void> {
  const [rows] = await admin.query(
    `SELECT TABLE_NAME AS t, TABLE_ROWS AS n, DATA_LENGTH AS d, INDEX_LENGTH AS i FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY DATA_LENGTH + INDEX_LENGTH DESC`,
    [DATABASE],
  );
  const mb = (b: number) => `${(Number(b) / 2 ** 20).toFixed(0)} MB`;
  let d = 0;
  let i = 0;
  const lines = (rows as Array<{ t: string; n: number; d: number; i: number }>)
    .filter((r) => Number(r.d) + Number(r.i) > 2 ** 20)
    .map((r) => {
      d += Number(r.d);
      i += Number(r.i);
      return `${r.t} ~${fmt(Number(r.n))} rows, data ${mb(r.d)}, indexes ${mb(r.i)}`;
    });
  out(`sizes (information_schema): ${lines.join('; ')}; total data ${mb(d)}, indexes ${mb(i)}`);
}

runBench(main);
