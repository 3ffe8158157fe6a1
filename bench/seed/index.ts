/**
 * The benchmarks' seeder: a year of realistic caseload written straight into the hub's tables
 * (multi-row INSERTs, not GraphQL), so that a benchmark starts from hundreds of thousands of rows
 * in seconds. Same options, same rows, ids included.
 *
 *   const options = caseloadFromEnv();                       // HUB_BENCH_OPEN, _CLOSED, _NOW, _SEED, _DECAY, _TIMELINE
 *   const seeded = await seedCases(dataSource, calendar, options);
 *   const states = slaStatesOn(seeded.openCases, calendar, today, warningDays);   // what the rules expect
 *
 * Written: cases (open, closed, withdrawn) in the 160 townships of ten counties, their referrals in
 * every status with consistent clocks (due dates, finished and running pauses, leases), the
 * warnings finished subjects got, timeline events, and case_sequences. Not written by default:
 * persons and household_members (cases point at applicant ids that do not exist; `people` writes
 * them), calendars (the migrations ship them), access_log.
 *
 * A province (provinceCaseload, bench/province-bench.ts): a million cases over two years in the
 * 1,800 townships of 140 counties, with households, loaded on MySQL/MariaDB with LOAD DATA.
 */
import type { DataSource } from 'typeorm';
import { WorkingCalendar } from '../../src/calendar/working-days';
import { cstDateOf, IsoDate } from '../../src/common/dates';
import { PiiCrypto } from '../../src/access/pii-crypto';
import { BulkInsert, RowSink } from './bulk-insert';
import { CaseHistory, OpenCase } from './case-history';
import { Households } from './household';
import { planIntake } from './intake-plan';
import { LoadDataInfile } from './load-data';
import { PROVINCE_REFERRALS_PER_CASE, PROVINCE_START, provinceDivisions } from './province';
import { SeededRandom } from './random';
import { REFERRALS_PER_CASE, TOWNSHIPS } from './vocabulary';
import { WorkingYear } from './working-year';

export { slaStatesOn } from './expected-sla';
export type { SlaStates } from './expected-sla';
export type { OpenCase } from './case-history';
export { provinceDivisions } from './province';

export interface CaseloadOptions {
  /** The hub's "now": a working day, 09:00 CST or later. Nothing seeded is later. */
  now: Date;
  /** Referrals of open cases (one to three a case). */
  openReferrals: number;
  /** Referrals of finished cases, resolved or (3 % of cases) withdrawn. */
  closedReferrals: number;
  seed: number;
  /** The share of open referrals still open one working day later: sets how many are at risk. */
  decay: number;
  /** Write timeline events (most of the rows and of the seeding time). */
  timeline: boolean;
  /** Where cases are accepted (default: the 160 townships of ten counties of Weifang). */
  townships?: readonly string[];
  /** Referrals per case, weighted by repetition (default: one to three, two on average). */
  referralsPerCase?: readonly number[];
  /** The first day of intake (default 2026-01-01). */
  start?: IsoDate;
  /** Write persons and household members, identity numbers sealed with this data key (the hub's HUB_DATA_KEY). */
  dataKey?: string;
  /** MySQL/MariaDB: load with LOAD DATA LOCAL INFILE, secondary indexes dropped and built again after. */
  loadData?: boolean;
  /** Called every 100,000 cases written. */
  progress?: (cases: number, seconds: number) => void;
}

const TABLES = ['cases', 'referrals', 'timeline_events', 'sla_warnings', 'case_sequences'];
const PEOPLE_TABLES = ['persons', 'household_members'];
export const SEEDED_TABLES = [...TABLES, ...PEOPLE_TABLES];

/** Seeded dates start here by default: the year of the default HUB_BENCH_NOW. */
const YEAR_START = '2026-01-01';

/** The options from HUB_BENCH_* variables, with the defaults the recorded figures were taken with. */
export function caseloadFromEnv(env: NodeJS.ProcessEnv = process.env): CaseloadOptions {
  return {
    now: new Date(env.HUB_BENCH_NOW ?? '2026-11-17T10:00:00+08:00'),
    openReferrals: Number(env.HUB_BENCH_OPEN ?? 200_000),
    closedReferrals: Number(env.HUB_BENCH_CLOSED ?? 200_000),
    seed: Number(env.HUB_BENCH_SEED ?? 1),
    decay: Number(env.HUB_BENCH_DECAY ?? 0.68),
    timeline: env.HUB_BENCH_TIMELINE !== '0',
  };
}

/**
 * A province: `cases` cases (HUB_PROVINCE_CASES, 1,000,000), 5 % of them open, three referrals
 * each on average, accepted over two years (2025-01-01 to HUB_BENCH_NOW) in the 1,800 townships
 * of 140 counties, with applicants and households. LOAD DATA on MySQL/MariaDB.
 */
export function provinceCaseload(dataKey: string, env: NodeJS.ProcessEnv = process.env): CaseloadOptions {
  const cases = Number(env.HUB_PROVINCE_CASES ?? 1_000_000);
  const perCase = PROVINCE_REFERRALS_PER_CASE.reduce((a, b) => a + b, 0) / PROVINCE_REFERRALS_PER_CASE.length;
  const openShare = Number(env.HUB_PROVINCE_OPEN_SHARE ?? 0.05);
  return {
    ...caseloadFromEnv(env),
    openReferrals: Math.round(cases * openShare * perCase),
    closedReferrals: Math.round(cases * (1 - openShare) * perCase),
    townships: provinceDivisions().townships,
    referralsPerCase: PROVINCE_REFERRALS_PER_CASE,
    start: PROVINCE_START,
    dataKey,
    loadData: true,
  };
}

export interface SeededCaseload {
  /** Rows written, by table. */
  rows: Map<string, number>;
  /** The open cases with their referrals' clocks, for slaStatesOn. */
  openCases: OpenCase[];
  openReferralsByStatus: Map<string, number>;
  seconds: number;
  /** LOAD DATA only: of `seconds`, the rebuild of the secondary indexes, by table. */
  indexSeconds: Map<string, number> | null;
  /** LOAD DATA only: the server's loading time by table (while the next rows were made up), and the time the seeder waited for it. */
  loadSeconds: Map<string, number> | null;
  waitSeconds: number | null;
  /** MySQL/MariaDB only: the ANALYZE TABLE after the load, not in `seconds`. */
  analyzeSeconds: number | null;
}

/** Seeds an empty, migrated hub database. `calendar` is the hub's loaded working calendar. */
export async function seedCases(dataSource: DataSource, calendar: WorkingCalendar, options: CaseloadOptions): Promise<SeededCaseload> {
  const started = performance.now();
  const mysql = dataSource.options.type === 'mysql';
  const tables = options.dataKey ? SEEDED_TABLES : TABLES;
  let rows: RowSink;
  let done: () => Promise<void>;
  if (options.loadData && mysql) {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection({ uri: (dataSource.options as { url: string }).url, charset: 'utf8mb4_unicode_ci' });
    rows = new LoadDataInfile(connection);
    done = () => connection.end();
  } else {
    const runner = dataSource.createQueryRunner();
    rows = new BulkInsert(runner);
    done = () => runner.release();
  }
  await rows.prepare(tables);
  const random = new SeededRandom(options.seed);
  const nowMs = options.now.getTime();
  const year = new WorkingYear(calendar, nowMs, cstDateOf(options.now), options.start ?? YEAR_START);
  const households = options.dataKey ? new Households(new PiiCrypto(options.dataKey), random, rows) : null;
  const history = new CaseHistory(year, random, rows, options.timeline, households);
  const plan = planIntake(year, random, {
    ...options,
    townships: options.townships ?? TOWNSHIPS,
    referralsPerCase: options.referralsPerCase ?? REFERRALS_PER_CASE,
  });
  let written = 0;
  for (const planned of plan) {
    await history.write(planned);
    if (++written % 100_000 === 0) options.progress?.(written, (performance.now() - started) / 1000);
  }
  await history.writeSequences();
  await rows.finish();
  await done();
  const seconds = (performance.now() - started) / 1000;

  let analyzeSeconds: number | null = null;
  if (mysql) {
    // Fresh statistics, as a server that has been running has (InnoDB recalculates them in the
    // background after a bulk load, at a time of its choosing).
    const t0 = performance.now();
    await dataSource.query(`ANALYZE TABLE ${tables.join(', ')}`);
    analyzeSeconds = (performance.now() - t0) / 1000;
  }
  return {
    rows: rows.counts,
    openCases: history.openCases,
    openReferralsByStatus: history.openReferralsByStatus,
    seconds,
    indexSeconds: rows instanceof LoadDataInfile ? rows.indexSeconds : null,
    loadSeconds: rows instanceof LoadDataInfile ? rows.loadSeconds : null,
    waitSeconds: rows instanceof LoadDataInfile ? rows.waitSeconds : null,
    analyzeSeconds,
  };
}
