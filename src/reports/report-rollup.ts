import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { addCalendarDays, calendarDaysBetween, cstDateOf, IsoDate } from '../calendar/working-days';
import { CalendarService } from '../calendar/calendar.service';
import { UnitOfWork } from '../db/unit-of-work';
import { insertRows } from '../db/rows';
import { SlaService } from '../sla/sla.service';
import { dailyFigures } from './daily-figures';
import { ReportDayEntity, ReportResolutionEntity } from './report-day.entity';

// The daily rollup (日汇总) of the report's figures. A day is rolled once it can no longer change:
// every figure of a day is dated by the clock of the transaction that made it, so once the day is
// over by a margin (a transaction begun before midnight commits within it) nothing new is dated
// that day. Days after the last rolled one are counted live by the report, so a rollup that is
// behind (a hub that was down, a first start) makes reports slower, never wrong.

/** How long after midnight (CST) a day counts as over: far longer than any transaction, and than clocks of two hub machines differ. */
const DAY_OVER_AFTER_MS = 10 * 60_000;

/** The region levels rolled: province, city (地级), county (县级) and township (a report names a region: never the whole country). */
export const ROLLUP_LEVELS = [2, 4, 6, 9] as const;

/** Days rolled in one transaction. */
const CHUNK_DAYS = 7;
/** Rows per INSERT. */
const BATCH = 1000;

export interface RollResult {
  days: number;
  rows: number;
  rolledThrough: IsoDate | null;
}

export class ReportRollup {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly sla: SlaService,
    private readonly clock: Clock,
  ) {}

  /** Whether a report of `region` can read the rollup (a 12-digit region is below a township: always live). */
  static covers(region: string): boolean {
    return (ROLLUP_LEVELS as readonly number[]).includes(region.length);
  }

  /** The last day the rollup holds, or null. */
  async rolledThrough(m: EntityManager): Promise<IsoDate | null> {
    const [row] = await m.query('SELECT rolled_through AS day FROM report_rollup WHERE id = 1');
    return row?.day ?? null;
  }

  /**
   * Rolls every day not rolled yet up to yesterday (the day before, in the first minutes after midnight), a week per transaction. Two
   * hubs rolling at once take turns on the rollup's row; the second finds the days done.
   */
  async roll(): Promise<RollResult> {
    const last = addCalendarDays(cstDateOf(new Date(this.clock.now().getTime() - DAY_OVER_AFTER_MS)), -1);
    const result: RollResult = { days: 0, rows: 0, rolledThrough: null };
    for (;;) {
      const step = await this.uow.transaction((m) => this.rollChunk(m, last));
      result.rolledThrough = step.rolledThrough;
      if (step.days === 0) return result;
      result.days += step.days;
      result.rows += step.rows;
    }
  }

  /**
   * Counts the days from `from` again at the next roll: after cases were loaded from elsewhere with
   * earlier dates, or a calendar was published for a year whose days are already rolled (the
   * medians count working days).
   */
  async rollAgainFrom(from: IsoDate): Promise<void> {
    await this.uow.transaction((m) =>
      m.query('UPDATE report_rollup SET rolled_through = ? WHERE id = 1 AND rolled_through >= ?', [addCalendarDays(from, -1), from]),
    );
  }

  private async rollChunk(m: EntityManager, last: IsoDate): Promise<{ days: number; rows: number; rolledThrough: IsoDate | null }> {
    const forUpdate = this.uow.kind === 'mysql' ? ' FOR UPDATE' : ''; // SQLite: BEGIN IMMEDIATE already serialises
    const [state] = await m.query(`SELECT rolled_through AS day FROM report_rollup WHERE id = 1${forUpdate}`);
    const through: IsoDate | null = state?.day ?? null;
    let from = through ? addCalendarDays(through, 1) : await this.firstDay(m);
    if (from === null) {
      // Nothing was ever accepted: every figure yet to come is dated today or later.
      await m.query('UPDATE report_rollup SET rolled_through = ? WHERE id = 1', [last]);
      return { days: 0, rows: 0, rolledThrough: last };
    }
    if (from > last) return { days: 0, rows: 0, rolledThrough: through };
    const to = [addCalendarDays(from, CHUNK_DAYS - 1), last].sort()[0];

    const window = this.sla.window(cstDateOf(this.clock.now()));
    const { figures, resolutions } = await dailyFigures(m, this.calendars.calendar, window, '', from, to);
    const days = new Map<string, ReportDayEntity>();
    for (const f of figures) {
      for (const regionCode of levelsOf(f.townshipCode)) {
        const k = `${regionCode}|${f.day}|${f.department}`;
        const row = days.get(k);
        if (row) {
          row.opened += f.opened;
          row.closed += f.closed;
          row.closedOnTime += f.closedOnTime;
        } else days.set(k, { regionCode, day: f.day, department: f.department, opened: f.opened, closed: f.closed, closedOnTime: f.closedOnTime });
      }
    }
    const histogram = new Map<string, ReportResolutionEntity>();
    for (const r of resolutions) {
      for (const regionCode of levelsOf(r.townshipCode)) {
        const k = `${regionCode}|${r.day}|${r.department}|${r.workingDays}`;
        const row = histogram.get(k);
        if (row) row.referrals += r.referrals;
        else histogram.set(k, { regionCode, day: r.day, department: r.department, workingDays: r.workingDays, referrals: r.referrals });
      }
    }
    // Rows of a day counted before (a roll again) give way to the new count.
    await m.query('DELETE FROM report_days WHERE day >= ? AND day <= ?', [from, to]);
    await m.query('DELETE FROM report_resolutions WHERE day >= ? AND day <= ?', [from, to]);
    let rows = 0;
    const dayRows = [...days.values()];
    for (let i = 0; i < dayRows.length; i += BATCH) rows += await insertRows(m, ReportDayEntity, dayRows.slice(i, i + BATCH));
    const histogramRows = [...histogram.values()];
    for (let i = 0; i < histogramRows.length; i += BATCH) rows += await insertRows(m, ReportResolutionEntity, histogramRows.slice(i, i + BATCH));
    await m.query('UPDATE report_rollup SET rolled_through = ? WHERE id = 1', [to]);
    return { days: calendarDaysBetween(from, to) + 1, rows, rolledThrough: to };
  }

  /** The first day anything was accepted, or null when nothing was. */
  private async firstDay(m: EntityManager): Promise<IsoDate | null> {
    const [row] = await m.query('SELECT MIN(accepted_date) AS day FROM cases');
    return row?.day ?? null;
  }
}

/** The region codes a township's figures count in: its province, city, county and itself. */
export function levelsOf(townshipCode: string): string[] {
  return ROLLUP_LEVELS.map((length) => townshipCode.slice(0, length));
}
