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
 * warnings finished subjects got, timeline events, and case_sequences. Not written: persons and
 * household_members (cases point at applicant ids that do not exist), calendars (the migrations
 * ship them), access_log.
 */
import type { DataSource } from 'typeorm';
import { cstDateOf, WorkingCalendar } from '../../src/calendar/working-days';
import { BulkInsert } from './bulk-insert';
import { CaseHistory, OpenCase } from './case-history';
import { planIntake } from './intake-plan';
import { SeededRandom } from './random';
import { WorkingYear } from './working-year';

export { slaStatesOn } from './expected-sla';
export type { SlaStates } from './expected-sla';
export type { OpenCase } from './case-history';

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
}

export const SEEDED_TABLES = ['cases', 'referrals', 'timeline_events', 'sla_warnings', 'case_sequences'];

/** Seeded dates start here: the year of the default HUB_BENCH_NOW. */
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

export interface SeededCaseload {
  /** Rows written, by table. */
  rows: Map<string, number>;
  /** The open cases with their referrals' clocks, for slaStatesOn. */
  openCases: OpenCase[];
  openReferralsByStatus: Map<string, number>;
  seconds: number;
  /** MySQL/MariaDB only: the ANALYZE TABLE after the load, not in `seconds`. */
  analyzeSeconds: number | null;
}

/** Seeds an empty, migrated hub database. `calendar` is the hub's loaded working calendar. */
export async function seedCases(dataSource: DataSource, calendar: WorkingCalendar, options: CaseloadOptions): Promise<SeededCaseload> {
  const started = performance.now();
  const runner = dataSource.createQueryRunner();
  const rows = new BulkInsert(runner);
  await rows.prepare(SEEDED_TABLES);
  const random = new SeededRandom(options.seed);
  const nowMs = options.now.getTime();
  const year = new WorkingYear(calendar, nowMs, cstDateOf(options.now), YEAR_START);
  const history = new CaseHistory(year, random, rows, options.timeline);
  for (const planned of planIntake(year, random, options)) await history.write(planned);
  await history.writeSequences();
  await rows.finish();
  await runner.release();
  const seconds = (performance.now() - started) / 1000;

  let analyzeSeconds: number | null = null;
  if (dataSource.options.type === 'mysql') {
    // Fresh statistics, as a server that has been running has (InnoDB recalculates them in the
    // background after a bulk load, at a time of its choosing).
    const t0 = performance.now();
    await dataSource.query(`ANALYZE TABLE ${SEEDED_TABLES.join(', ')}`);
    analyzeSeconds = (performance.now() - t0) / 1000;
  }
  return { rows: rows.counts, openCases: history.openCases, openReferralsByStatus: history.openReferralsByStatus, seconds, analyzeSeconds };
}
