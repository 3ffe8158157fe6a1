import 'reflect-metadata';
import { loadConfigOrExit } from './config-or-exit';
import { createDataSource, StatementCounter } from '../db/data-source';
import { HUB_ENTITIES } from '../entities';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarService } from '../calendar/calendar.service';
import { addCalendarDays, cstDateOf, isValidIsoDate } from '../common/dates';
import { systemClock } from '../common/clock';
import { SlaService } from '../sla/sla.service';
import { ReportRollup } from '../reports/report-rollup';

/**
 * npm run report:recount -- YYYY-MM-DD: counts the report's daily rollup again from that day (after
 * cases were loaded from elsewhere with earlier dates), then rolls up to yesterday.
 * A running hub does the same for a calendar year when it is published.
 */
async function main(): Promise<void> {
  const from = process.argv[2] ?? '';
  if (!isValidIsoDate(from)) {
    process.stderr.write('Usage: npm run report:recount -- YYYY-MM-DD (the first day to count again)\n');
    process.exit(2);
  }
  const yesterday = addCalendarDays(cstDateOf(new Date()), -1);
  if (from > yesterday) {
    process.stderr.write(`${from} is not over yet: the rollup holds days up to yesterday (${yesterday}); later days are counted live.\n`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const dataSource = createDataSource(config.database, new StatementCounter(), HUB_ENTITIES);
  await dataSource.initialize();
  try {
    const pending = await dataSource.showMigrations();
    if (pending) throw new Error('the database has migrations to apply: run npm run migrate first');
    const uow = new UnitOfWork(dataSource);
    const calendar = new CalendarService(uow);
    await calendar.load();
    const rollup = new ReportRollup(uow, calendar, new SlaService(calendar, { workingDays: config.slaWorkingDays, warningDays: config.slaWarningDays }), systemClock);
    const again = await rollup.rollAgainFrom(from);
    const r = await rollup.roll();
    process.stdout.write(
      (again ? `Counted ${r.days} days again from ${from}` : `The rollup held no day from ${from} on; counted ${r.days} days`) +
        ` (${r.rows} rows); it holds the days through ${r.rolledThrough ?? '—'}.\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Recount failed: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
