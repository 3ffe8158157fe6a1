import type { DataSource } from 'typeorm';
import { HubConfig, loadConfig } from '../../src/config';
import { createHub, RunningHub } from '../../src/server';
import type { Clock } from '../../src/common/clock';
import type { WorkingCalendar } from '../../src/calendar/working-days';
import type { StatementCounter } from '../../src/db/data-source';
import type { SlaScanner } from '../../src/sla/sla-scanner';

/** Signs the benches' tokens; never a production secret. */
export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0000';

/** An in-process hub on that database (migrated on boot), scanner stopped: a bench drives it. */
export async function bootHub(databaseUrl: string, clock?: Clock): Promise<{ running: RunningHub; config: HubConfig }> {
  const config = loadConfig({ HUB_DATABASE_URL: databaseUrl, HUB_JWT_SECRET: BENCH_SECRET, HUB_DATA_KEY: 'cd'.repeat(32), HUB_LOG_LEVEL: 'warn' });
  const running = await createHub({ config, clock, jobs: new Set(['dispatcher']) });
  return { running, config };
}

export interface HubInternals {
  dataSource: DataSource;
  kind: 'sqlite' | 'mysql';
  /** The working calendar loaded at boot. */
  calendar: WorkingCalendar;
  scanner: SlaScanner;
  statements: StatementCounter;
  /** Transactions the hub has run again after a conflict, so far. */
  transactionRetries(): number;
}

/**
 * The parts of a running hub a bench uses beyond GraphQL. The only place the benches reach into
 * the hub's structure, so that a change to it is mended here.
 */
export function hubInternals(running: RunningHub): HubInternals {
  const { uow, calendar } = running.services;
  return {
    dataSource: uow.dataSource,
    kind: uow.kind,
    calendar: calendar.calendar,
    scanner: running.scanner,
    statements: running.statements,
    transactionRetries: () => uow.retries,
  };
}

/** Runs a bench's main; a failure prints its stack and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
