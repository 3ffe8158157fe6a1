/**
 * A county's roll imported into the low-income register end to end, on MariaDB:
 *   npm run bench:import                      # 1,000,000 rows (about 300,000 households), ~10 minutes on 2 cores
 *   HUB_BENCH_ROWS=100000 npm run bench:import
 *
 * Writes a generated roll (bench/import/roll.ts: households of 1–6, six tiers, tiers begun over
 * three years, mistakes in 1 % of the rows) to a temporary CSV, starts the hub as its own process
 * (the built .bench-build/src/main.js, one worker) on a new database and, over HTTP as a county's
 * civil affairs would: uploads it (streamed), waits for the preview, approves it as a second
 * person, waits for the commit. The hub process's resident memory (VmRSS) is sampled every 200 ms
 * throughout. Then, on an in-process hub over the same data: the register's list page (the
 * county's first page, a tier's pages 50 deep, a township, reviews due, a search by identity
 * number) timed over HTTP, and the review job's daily run (the first after the import, the next
 * day, and after a month without a run), every statement of both explained (ANALYZE) into
 * bench/import/explain.txt. Figures, not assertions.
 *
 * The database: by default on a mariadbd of the bench's own (bench/province/server.ts: the installed
 * binaries, a datadir in /tmp/hub-import-bench, HUB_PROVINCE_BUFFER_POOL 4G, flushed once a second as
 * the tests' server is), since the register and its staged rows are ~1.7 GB with their indexes and a
 * default 128 MB buffer pool measures the disk. HUB_BENCH_DATABASE_URL names another MySQL/MariaDB
 * (e.g. mysql://root:@127.0.0.1:3306/hub_import_bench); the database must not exist, is created, and
 * dropped at the end (HUB_BENCH_KEEP=1 keeps it).
 * HUB_BENCH_NOW (2026-11-17T10:00:00+08:00) is the hub's day; HUB_BENCH_NODE_ARGS are given to node for the hub
 * process (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createReadStream, readFileSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { signToken } from '../src/access/tokens';
import { Department, Role } from '../src/access/roles';
import { ManualClock } from '../src/common/clock';
import { cstDateOf } from '../src/common/dates';
import { createBenchDatabase } from './shared/database';
import { BENCH_SECRET, bootHub, hubInternals, runBench } from './shared/hub';
import { StatementLog } from './shared/statement-log';
import { percentiles } from './floor/dashboard';
import { explainStatement } from './province/explain';
import { writeRoll } from './import/roll';
import { provinceServer, type ProvinceServer } from './province/server';
import { findFreePort } from '../test/support/mariadb-server';

const env = process.env;
const ROWS = Number(env.HUB_BENCH_ROWS ?? 1_000_000);
const NOW = env.HUB_BENCH_NOW ?? '2026-11-17T10:00:00+08:00';
const COUNTY = '370783';
const TOWNSHIPS = ['370783001', '370783003', '370783004', '370783005', '370783006', '370783100', '370783103', '370783104', '370783106', '370783108', '370783109', '370783111', '370783112', '370783115'];
const ROOT = join(__dirname, '..', '..');
const EXPLAIN_FILE = join(ROOT, 'bench', 'import', 'explain.txt');

const say = (line: string) => process.stdout.write(`${line}\n`);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** The VmRSS of a process, in kB (0 once it is gone). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function startHubProcess(databaseUrl: string, port: number) {
  const nodeArgs = env.HUB_BENCH_NODE_ARGS ? env.HUB_BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, '.bench-build', 'src', 'main.js')], {
    env: {
      PATH: env.PATH ?? '',
      HUB_DATABASE_URL: databaseUrl,
      HUB_JWT_SECRET: BENCH_SECRET,
      HUB_DATA_KEY: 'cd'.repeat(32),
      HUB_CLOCK_START: NOW,
      HUB_WORKERS: '1',
      HUB_LOG_LEVEL: 'info',
      HUB_IMPORT_MAX_MB: '1024',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (c: Buffer) => output.push(String(c)));
  child.stderr!.on('data', (c: Buffer) => output.push(String(c)));
  const started = Date.now();
  while (!output.join('').includes('hub listening')) {
    if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error(`hub process did not start: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output };
}

runBench(async () => {
  let own: ProvinceServer | null = null;
  if (!env.HUB_BENCH_DATABASE_URL) {
    env.HUB_PROVINCE_BUFFER_POOL ??= '4G';
    own = await provinceServer(join(tmpdir(), 'hub-import-bench'), false);
    env.HUB_BENCH_DATABASE_URL = `${own.url}/hub_import_bench`;
  }
  const db = await createBenchDatabase('hub_import_bench');
  const dir = mkdtempSync(join(tmpdir(), 'hub-import-bench-'));
  const sql = await createConnection({ uri: db.url });
  try {
    say(`# bench:import — ${db.describe}, node ${process.version}`);
    const [pool] = (await sql.query('SELECT @@innodb_buffer_pool_size AS b')) as any;
    say(`innodb_buffer_pool_size ${(Number(pool[0].b) / 2 ** 20).toFixed(0)} MB`);
    const rollPath = join(dir, 'roll.csv');
    let t = performance.now();
    const roll = await writeRoll(rollPath, ROWS, TOWNSHIPS, NOW.slice(0, 10));
    say(`roll: ${roll.rows} rows, ${roll.households} households, ${roll.rowsWithMistakes} rows with a mistake, ${(roll.bytes / 2 ** 20).toFixed(1)} MB (written in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

    const port = await findFreePort();
    const hub = await startHubProcess(db.url, port);
    const base = `http://127.0.0.1:${port}`;
    const rss = { phase: 'idle', max: new Map<string, number>() };
    const sampler = setInterval(() => {
      const kb = rssOf(hub.child.pid!);
      rss.max.set(rss.phase, Math.max(rss.max.get(rss.phase) ?? 0, kb));
    }, 200);
    const token = (sub: string) => signToken({ sub, role: Role.DEPARTMENT, region: COUNTY, department: Department.CIVIL_AFFAIRS, ttlSeconds: 36_000 }, BENCH_SECRET, new Date());
    const uploader = await token('civil-a');
    const approver = await token('civil-b');
    const status = async (id: string) => ((await sql.query('SELECT * FROM register_imports WHERE id = ?', [id])) as any)[0][0];

    rss.phase = 'upload and validation';
    t = performance.now();
    const res = await fetch(`${base}/register/imports?fileName=roll.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${uploader}` },
      body: createReadStream(rollPath) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    const id = ((await res.json()) as any).import.id as string;
    const uploadSeconds = (performance.now() - t) / 1000;
    let imp = await status(id);
    while (imp.status === 'VALIDATING') {
      await new Promise((r) => setTimeout(r, 500));
      imp = await status(id);
    }
    const validateSeconds = (performance.now() - t) / 1000;
    if (imp.status !== 'PREVIEW') throw new Error(`import ${imp.status}: ${imp.failure}`);
    say(`upload ${uploadSeconds.toFixed(1)} s; validated and previewed at ${validateSeconds.toFixed(1)} s: ${imp.total_rows} rows — create ${imp.create_rows}, update ${imp.update_rows}, unchanged ${imp.unchanged_rows}, conflict ${imp.conflict_rows}, refused ${imp.refused_rows}`);

    rss.phase = 'commit';
    t = performance.now();
    const approved = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${approver}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { approveRegisterImport(id: $id) { userErrors { code } } }', variables: { id } }),
    });
    const approval = (await approved.json()) as any;
    if (approval.data?.approveRegisterImport?.userErrors?.length !== 0) throw new Error(JSON.stringify(approval));
    while ((imp = await status(id)).status === 'APPROVED') await new Promise((r) => setTimeout(r, 500));
    const commitSeconds = (performance.now() - t) / 1000;
    say(`committed ${imp.committed_rows} rows in ${commitSeconds.toFixed(1)} s (${(imp.committed_rows / commitSeconds).toFixed(0)} rows/s); end to end ${(validateSeconds + commitSeconds).toFixed(1)} s`);
    const validatedLine = hub.output.join('').split('\n').find((l) => l.includes('"msg":"register import validated"'));
    if (validatedLine) {
      const v = JSON.parse(validatedLine);
      say(`  (the hub: rows read, checked and staged in ${v.readAndCheckedSeconds} s; preview decided in ${v.previewSeconds} s)`);
    }
    clearInterval(sampler);
    say(`hub process RSS, highest: ${[...rss.max].map(([phase, kb]) => `${phase} ${mb(kb)}`).join('; ')}`);
    hub.child.kill('SIGTERM');
    await new Promise((r) => hub.child.once('exit', r));

    const [sizes] = (await sql.query(
      "SELECT table_name AS t, table_rows AS n, ROUND(data_length / 1048576) AS data_mb, ROUND(index_length / 1048576) AS index_mb FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'register%' ORDER BY table_name",
    )) as any;
    for (const s of sizes) say(`  ${s.t}: ~${s.n} rows, ${s.data_mb} MB data, ${s.index_mb} MB indexes`);

    await readsAndReviews(db.url, rollPath);
  } finally {
    await sql.end();
    rmSync(dir, { recursive: true, force: true });
    await db.cleanup();
    if (own) {
      await own.stop();
      rmSync(join(tmpdir(), 'hub-import-bench'), { recursive: true, force: true });
    }
  }
});

/** The list page and the review job on an in-process hub over the imported register, their statements explained. */
async function readsAndReviews(databaseUrl: string, rollPath: string): Promise<void> {
  const clock = new ManualClock(NOW);
  const { running } = await bootHub(databaseUrl, clock);
  const internals = hubInternals(running);
  const server = running.app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const log = new StatementLog((s) => s.replace(/\s+/g, ' ').slice(0, 120));
  log.install(internals);
  const explained: string[] = [];
  // A multi-row INSERT has no plan worth showing: its first row's worth of SQL is enough to name it.
  const shown = (c: { sql: string; parameters: unknown[] }) =>
    /^INSERT/i.test(c.sql) ? { sql: `${c.sql.slice(0, c.sql.indexOf(' VALUES ') + 8)}(…) × ${c.sql.split('), (').length}`, parameters: [] } : c;
  try {
    const civil = await signToken({ sub: 'civil-a', role: Role.DEPARTMENT, region: COUNTY, department: Department.CIVIL_AFFAIRS, ttlSeconds: 36_000 }, BENCH_SECRET, new Date());
    const page = async (variables: Record<string, unknown>, withCount = false) => {
      const started = performance.now();
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${civil}` },
        body: JSON.stringify({
          query: `query($filter: RegisterFilter, $after: String) { registerHouseholds(filter: $filter, first: 20, after: $after) { ${withCount ? 'totalCount' : ''} pageInfo { endCursor }
            edges { node { id headName headIdNumberMasked townshipName memberCount tier tierSince nextReviewDate } } } }`,
          variables,
        }),
      });
      const body = (await res.json()) as any;
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { ms: performance.now() - started, data: body.data.registerHouseholds };
    };
    // Heads to search for: 55 spread over the roll.
    const headLines = readFileSync(rollPath, 'utf8').split('\r\n').filter((l, i) => i > 0 && l.includes(',户主,'));
    const heads = Array.from({ length: 55 }, (_, i) => headLines[Math.floor((i * headLines.length) / 55)].split(',')[1]);
    // A page as the console pages on (no count), and a first page with its count (totalCount,
    // counted only when asked for: at a county's size the count costs more than the page).
    const kinds: Array<[string, () => AsyncGenerator<Record<string, unknown>>, boolean?]> = [
      ['the county, first page', async function* () { for (let i = 0; i < 50; i++) yield { filter: { regionCode: COUNTY } }; }],
      ['the county, first page with totalCount', async function* () { for (let i = 0; i < 50; i++) yield { filter: { regionCode: COUNTY } }; }, true],
      ['低保, pages 1–50 by cursor', async function* () { let after: string | null = null; for (let i = 0; i < 50; i++) { const v: Record<string, unknown> = { filter: { tier: ['MINIMUM_LIVING'] }, after }; yield v; after = (v as any).next ?? null; } }],
      ['a township, first page', async function* () { for (let i = 0; i < 50; i++) yield { filter: { regionCode: TOWNSHIPS[i % TOWNSHIPS.length] } }; }],
      ['reviews due within a month', async function* () { for (let i = 0; i < 50; i++) yield { filter: { reviewDueBy: '2026-12-17' } }; }],
      ['by identity number', async function* () { for (const idNumber of heads) yield { filter: { idNumber } }; }],
    ];
    const all: number[] = [];
    for (const [name, variables, withCount] of kinds) {
      const times: number[] = [];
      log.start();
      for await (const v of variables()) {
        const r = await page(v, withCount);
        times.push(r.ms);
        (v as any).next = r.data.pageInfo.endCursor; // the tier's pages follow their cursor
      }
      log.stop();
      if (!withCount) all.push(...times.slice(5));
      const { p50, p95 } = percentiles(times.slice(5));
      say(`list page, ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      for (const c of log.firstOf.values()) if (/register_/.test(c.sql)) explained.push(`## list page: ${name}\n${(await explainStatement(internals.dataSource, shown(c))).text}`);
      log.firstOf.clear();
    }
    const overall = percentiles(all);
    say(`list page, all kinds without the count: p50 ${overall.p50.toFixed(1)} ms, p95 ${overall.p95.toFixed(1)} ms`);

    const scheduler = running.services.reviewScheduler;
    for (const [name, days] of [['the first run after the import', 0], ['the next day', 1], ['after 30 days without a run', 30]] as const) {
      clock.advanceDays(days);
      log.start();
      const started = performance.now();
      const r = await scheduler.run();
      const seconds = (performance.now() - started) / 1000;
      const totals = log.stop();
      const statements = [...totals.values()].reduce((n, x) => n + x.count, 0);
      say(`review job, ${name} (${cstDateOf(clock.now())}): ${seconds.toFixed(2)} s, ${r.created} tasks made, ${r.atRisk} at risk, ${r.overdue} overdue; ${statements} statements`);
      for (const c of log.firstOf.values()) if (/register_/.test(c.sql)) explained.push(`## review job: ${name}\n${(await explainStatement(internals.dataSource, shown(c))).text}`);
      log.firstOf.clear();
    }
    writeFileSync(EXPLAIN_FILE, `# EXPLAIN / ANALYZE of the register's list page and review job at ${ROWS} imported rows (npm run bench:import)\n\n${explained.join('\n')}`);
    const full = explained.filter((e) => e.includes('=> FULL SCAN'));
    say(`explained ${explained.length} statements into bench/import/explain.txt; ${full.length} read a table whole${full.length ? `:\n${full.map((f) => f.split('\n')[0] + ' ' + f.slice(f.indexOf('=> FULL SCAN'))).join('\n')}` : ''}`);
  } finally {
    server.close();
    await running.close();
  }
}
