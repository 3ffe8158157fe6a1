/**
 * The periodic SLA scan at scale, against an in-process hub (no HTTP):
 *   npm run bench:scan                                                             # a temporary SQLite file
 *   HUB_BENCH_DATABASE_URL=mysql://root:@127.0.0.1:3306/hub_scan_bench npm run bench:scan   # MySQL/MariaDB
 *
 * Seeds the tables with the benchmarks' seeder (bench/seed): HUB_BENCH_OPEN open referrals
 * (200000, about two per open case) accepted on 2026 working days, most of them in the last twelve
 * working days so that about 1 % are AT_RISK or OVERDUE "today", some of them paused
 * (SUPPLEMENT_REQUESTED), plus the referrals of finished cases (HUB_BENCH_CLOSED, 200000: resolved,
 * some withdrawn) with their timeline history and the warnings they got. Then it times three
 * scans: the first (warns the ~1 %), a second one right after (nothing new), and one on the next
 * working day; shows the time per kind of statement; and runs EXPLAIN (MariaDB/MySQL: also
 * ANALYZE) or EXPLAIN QUERY PLAN (SQLite) on the statements the scan ran, captured from TypeORM's
 * query log. Numbers, not assertions; the expected warning counts come from src/sla/sla.rules.ts.
 *
 * The MySQL database named in the URL (default hub_scan_bench) must not exist: the bench creates
 * it (utf8mb4) and drops it at the end. A sqlite:PATH must not exist either; it is deleted at the
 * end. HUB_BENCH_KEEP=1 keeps either.
 *
 * Other settings: HUB_BENCH_NOW (2026-11-17T10:00:00+08:00, a working day), HUB_BENCH_SEED (1),
 * HUB_BENCH_DECAY (0.68: the share of open referrals still open one working day later, which sets
 * how many are at risk), HUB_BENCH_TIMELINE=0 to seed no timeline history, HUB_BENCH_SHOW_SQL=1 to
 * print the statements explained.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock';
import { cstDateOf } from '../src/common/dates';
import { SlaState } from '../src/sla/sla.rules';
import { formatCst } from '../src/graphql/scalars';
import type { ScanResult } from '../src/sla/sla-scanner';
import type { RunningHub } from '../src/server';
import { caseloadFromEnv, seedCases, slaStatesOn } from './seed';
import { createBenchDatabase } from './shared/database';
import { bootHub, hubInternals, runBench } from './shared/hub';
import { CapturedStatement, StatementLog, StatementTotals } from './shared/statement-log';

// ------------------------------------------------------------------------------------------------
// Expected warnings, from the read-time rules (src/sla/sla.rules.ts)
// ------------------------------------------------------------------------------------------------

const WARNED = [SlaState.AT_RISK, SlaState.OVERDUE];
/** Warnings a scan adds on top of the (subject, state) pairs already warned. */
function newWarnings(states: Map<string, SlaState>, warned: Set<string>): number {
  let n = 0;
  for (const [id, state] of states) {
    if (!WARNED.includes(state) || warned.has(`${id}|${state}`)) continue;
    warned.add(`${id}|${state}`);
    n++;
  }
  return n;
}
function countStates(states: Map<string, SlaState>, state: SlaState): number {
  let n = 0;
  for (const s of states.values()) if (s === state) n++;
  return n;
}

// ------------------------------------------------------------------------------------------------
// The scan's statements, by kind
// ------------------------------------------------------------------------------------------------

// Identifiers come quoted ("r"."due_date", `r`.`due_date`) or bare, as the scanner wrote them;
// TypeORM's SQLite driver writes numeric parameters into the SQL text.
const Q = '[`"]?';
const col = (alias: string, column: string) => `${Q}${alias}${Q}\\.${Q}${column}${Q}`;
const SHAPES: Array<[string, RegExp]> = [
  ['referral candidates: running (status IN …, due_date <=)', new RegExp(`FROM ${Q}referrals${Q} ${Q}r${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('r', 'due_date')} <= (\\?|-?\\d+)\\)`)],
  ['referral candidates: paused (status =, paused_days_left <=)', new RegExp(`FROM ${Q}referrals${Q} ${Q}r${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('r', 'paused_days_left')} <= (\\?|-?\\d+)\\)`)],
  ['case candidates: running', new RegExp(`FROM ${Q}cases${Q} ${Q}c${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('x', 'due_date')} <= (\\?|-?\\d+)\\)`)],
  ['case candidates: paused', new RegExp(`FROM ${Q}cases${Q} ${Q}c${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('x', 'paused_days_left')} <= (\\?|-?\\d+)\\)`)],
  ['INSERT IGNORE sla_warnings', /^INSERT (OR )?IGNORE INTO sla_warnings/],
  ['timeline: MAX(seq) of the cases', new RegExp(`MAX\\(${col('e', 'seq')}\\)`)],
  ['timeline: INSERT events', new RegExp(`^INSERT INTO ${Q}timeline_events`)],
  ['leases: expired candidates', new RegExp(`${Q}lease_expires_at${Q} < \\?`)],
  ['leases: release UPDATE', new RegExp(`^UPDATE ${Q}referrals${Q} SET [\\s\\S]*${Q}claim_token${Q} = \\?`)],
  ['calendar reload', /calendar_(years|days)/],
  ['BEGIN / COMMIT', /^(BEGIN|COMMIT|START TRANSACTION|SET TRANSACTION|ROLLBACK)/i],
];
/** The read statements worth an EXPLAIN (ANALYZE on MariaDB runs them: never a write). */
const EXPLAINED = [0, 1, 2, 3, 5, 7].map((i) => SHAPES[i][0]);
const shapeOf = (sql: string) => SHAPES.find(([, re]) => re.test(sql.trim()))?.[0] ?? 'other';

// ------------------------------------------------------------------------------------------------
// EXPLAIN
// ------------------------------------------------------------------------------------------------

const WATCHED = ['idx_referrals_claim', 'idx_referrals_status_due', 'idx_referrals_paused'];

async function explain(dataSource: DataSource, kind: 'sqlite' | 'mysql', c: CapturedStatement): Promise<string[]> {
  const out: string[] = [];
  if (kind === 'sqlite') {
    const rows = (await dataSource.query(`EXPLAIN QUERY PLAN ${c.sql}`, c.parameters)) as Array<{ id: number; parent: number; detail: string }>;
    const depth = new Map<number, number>([[0, -1]]);
    for (const r of rows) {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      out.push(`${'  '.repeat(d)}${r.detail}`);
    }
    // A SEARCH on status alone walks every row of that status: for OPEN cases, all of them.
    const full = rows.filter((r) => (/^SCAN /.test(r.detail) && !/^SCAN CONSTANT/.test(r.detail)) || /^SEARCH .*\(status=\?\)$/.test(r.detail));
    const used = new Set(rows.flatMap((r) => [...r.detail.matchAll(/INDEX (\w+)/g)].map((m) => m[1])));
    out.push(verdict(used, full.map((r) => (/^SEARCH/.test(r.detail) ? `${r.detail}, i.e. every row with that status` : r.detail))));
  } else {
    const version = String(((await dataSource.query('SELECT VERSION() AS v')) as Array<{ v: string }>)[0].v);
    const mariadb = /mariadb/i.test(version);
    // MariaDB's ANALYZE runs the statement and adds the rows really read (r_rows) to EXPLAIN.
    const rows = (await dataSource.query(`${mariadb ? 'ANALYZE' : 'EXPLAIN'} ${c.sql}`, c.parameters)) as Array<Record<string, unknown>>;
    const cols = ['id', 'select_type', 'table', 'type', 'key', 'key_len', 'ref', 'rows', mariadb ? 'r_rows' : 'filtered', mariadb ? 'r_filtered' : 'filtered', 'Extra'];
    const unique = [...new Set(cols)];
    const table = [unique, ...rows.map((r) => unique.map((k) => (r[k] === null || r[k] === undefined ? '' : String(r[k]))))];
    const widths = unique.map((_, i) => Math.max(...table.map((r) => r[i].length)));
    for (const r of table) out.push(r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd());
    // <subqueryN> / <derivedN> are the statement's own temporary tables, not stored ones.
    const full = rows.filter((r) => (r.type === 'ALL' || r.type === 'index') && !String(r.table).startsWith('<')).map((r) => `${r.table}: type ${r.type}${r.key ? ` (${r.key})` : ''}, ${r.rows} rows estimated${mariadb ? `, ${r.r_rows} read` : ''}`);
    const used = new Set(rows.flatMap((r) => String(r.key ?? '').split(',')).filter(Boolean));
    out.push(verdict(used, full));
  }
  return out;
}

function verdict(used: Set<string>, full: string[]): string {
  const watched = WATCHED.filter((i) => used.has(i));
  const others = [...used].filter((i) => !WATCHED.includes(i));
  return (
    `=> indexes: ${watched.length ? watched.join(', ') : 'none of ' + WATCHED.join('/')}` +
    (others.length ? `; also ${others.join(', ')}` : '') +
    (full.length ? `; FULL SCAN: ${full.join('; ')}` : '; no full scan')
  );
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const options = caseloadFromEnv();
  const target = await createBenchDatabase('hub_scan_bench');
  let running: RunningHub | null = null;
  try {
    const clock = new ManualClock(options.now);
    const boot = await bootHub(target.url, clock);
    running = boot.running;
    const hub = hubInternals(running);
    const { dataSource, kind, calendar } = hub;
    const warningDays = boot.config.slaWarningDays;
    const today = cstDateOf(clock.now());
    const nextDay = calendar.addWorkingDays(today, 1);
    process.stdout.write(`SLA scan benchmark on ${target.describe}\n`);
    process.stdout.write(`now ${formatCst(clock.now())}, next working day ${nextDay}; SLA 15 working days, warning at ${warningDays}\n\n`);

    // ---- seed
    const seeded = await seedCases(dataSource, calendar, options);
    const rows = seeded.rows;
    process.stdout.write(
      `seeded in ${seeded.seconds.toFixed(1)} s${seeded.analyzeSeconds !== null ? ` (+ ANALYZE TABLE ${seeded.analyzeSeconds.toFixed(1)} s)` : ''}: ` +
        `cases ${fmt(rows.get('cases')!)} (${fmt(seeded.openCases.length)} open), referrals ${fmt(rows.get('referrals')!)} ` +
        `(${fmt(options.openReferrals)} open: ${[...seeded.openReferralsByStatus].sort().map(([s, n]) => `${s} ${fmt(n)}`).join(', ')}), ` +
        `timeline_events ${fmt(rows.get('timeline_events')!)}, sla_warnings ${fmt(rows.get('sla_warnings')!)}, case_sequences ${fmt(rows.get('case_sequences')!)}\n`,
    );

    // ---- expected figures
    const day1 = slaStatesOn(seeded.openCases, calendar, today, warningDays);
    const day2 = slaStatesOn(seeded.openCases, calendar, nextDay, warningDays);
    const warnedReferrals = new Set<string>();
    const warnedCases = new Set<string>();
    const expect1 = { referral: newWarnings(day1.referral, warnedReferrals), case: newWarnings(day1.case, warnedCases) };
    const expect3 = { referral: newWarnings(day2.referral, warnedReferrals), case: newWarnings(day2.case, warnedCases) };
    const share = (s: Map<string, SlaState>) => (((countStates(s, SlaState.AT_RISK) + countStates(s, SlaState.OVERDUE)) / s.size) * 100).toFixed(2);
    for (const [label, e] of [[today, day1], [nextDay, day2]] as const) {
      process.stdout.write(
        `at ${label}: referrals AT_RISK ${fmt(countStates(e.referral, SlaState.AT_RISK))}, OVERDUE ${fmt(countStates(e.referral, SlaState.OVERDUE))} (${share(e.referral)} % of open); ` +
          `cases AT_RISK ${fmt(countStates(e.case, SlaState.AT_RISK))}, OVERDUE ${fmt(countStates(e.case, SlaState.OVERDUE))} (${share(e.case)} % of open)\n`,
      );
    }

    // ---- the three scans
    const log = new StatementLog(shapeOf);
    log.install(hub);
    const scans: Array<{ label: string; seconds: number; result: ScanResult; expected: { referral: number; case: number }; shapes: Map<string, StatementTotals> }> = [];
    const scan = async (label: string, expected: { referral: number; case: number }) => {
      log.start();
      const t0 = performance.now();
      const result = await hub.scanner.scan();
      const seconds = (performance.now() - t0) / 1000;
      scans.push({ label, seconds, result, expected, shapes: log.stop() });
    };
    await scan('1 first scan', expect1);
    const firstStatements = new Map(log.firstOf);
    await scan('2 again, at once', { referral: 0, case: 0 });
    clock.set(`${nextDay}T10:00:00+08:00`);
    await scan(`3 next working day (${nextDay})`, expect3);

    process.stdout.write('\n');
    const header = ['scan', 'seconds', 'referral warnings (expected)', 'case warnings (expected)', 'leases released', 'statements'];
    const lines = scans.map((s) => [
      s.label,
      s.seconds.toFixed(2),
      `${fmt(s.result.referralWarnings)} (${fmt(s.expected.referral)})`,
      `${fmt(s.result.caseWarnings)} (${fmt(s.expected.case)})`,
      fmt(s.result.leasesReleased),
      fmt([...s.shapes.values()].reduce((n, e) => n + e.count, 0)),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    for (const l of [header, ...lines]) process.stdout.write(`${l.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ')}\n`);
    for (const s of scans) {
      if (s.result.referralWarnings !== s.expected.referral || s.result.caseWarnings !== s.expected.case) {
        process.stdout.write(`!! ${s.label}: the scan's counts differ from the rules' expected counts\n`);
      }
    }

    process.stdout.write('\ntime by statement kind (ms, statement count), per scan\n');
    const shapeNames = [...new Set(scans.flatMap((s) => [...s.shapes.keys()]))];
    const nameWidth = Math.max(...shapeNames.map((n) => n.length));
    for (const name of shapeNames) {
      const cells = scans.map((s) => {
        const e = s.shapes.get(name);
        return (e ? `${fmt(Math.round(e.ms))} ms / ${fmt(e.count)}` : '-').padStart(20);
      });
      process.stdout.write(`  ${name.padEnd(nameWidth)} ${cells.join(' ')}\n`);
    }
    if (log.other.length) process.stdout.write(`  ("other" begins: ${log.other.map((s) => JSON.stringify(s)).join(', ')})\n`);

    // ---- EXPLAIN the statements of the first scan, with its parameters (run after all scans)
    process.stdout.write(`\n${kind === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN / ANALYZE'} of the first scan's statements (run after the scans)\n`);
    for (const shape of EXPLAINED) {
      const c = firstStatements.get(shape);
      if (!c) {
        process.stdout.write(`\n-- ${shape}: not run\n`);
        continue;
      }
      const t0 = performance.now();
      const lines = await explain(dataSource, kind, c);
      const ms = performance.now() - t0;
      process.stdout.write(`\n-- ${shape}${kind === 'mysql' ? ` (ANALYZE ran it in ${ms.toFixed(0)} ms)` : ''}\n`);
      if (process.env.HUB_BENCH_SHOW_SQL === '1') process.stdout.write(`   ${c.sql}\n   parameters ${JSON.stringify(c.parameters)}\n`);
      for (const l of lines) process.stdout.write(`   ${l}\n`);
      if (kind === 'sqlite' && !/^INSERT/.test(c.sql)) {
        const t1 = performance.now();
        const rows = (await dataSource.query(c.sql, c.parameters)) as unknown[];
        process.stdout.write(`   (ran alone now: ${(performance.now() - t1).toFixed(1)} ms, ${rows.length} rows)\n`);
      }
    }
  } finally {
    if (running) await running.close();
    await target.cleanup();
  }
}

runBench(main);
