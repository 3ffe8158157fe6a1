import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { addCalendarDays, calendarDaysBetween, cstDateOf, IsoDate } from '../common/dates';
import { CalendarService } from '../calendar/calendar.service';
import { UnitOfWork } from '../db/unit-of-work';
import { insertRows } from '../db/rows';
import { SlaService } from '../sla/sla.service';
import { addFigures, CollectedFigures, dailyFigures } from './daily-figures';
import { ReportAcknowledgementEntity, ReportDayEntity, ReportResolutionEntity } from './report-day.entity';

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
   * Rolls every day not rolled yet up to yesterday (the day before, in the first minutes after
   * midnight), a week at a time: the week is counted outside any transaction (days that are over
   * do not change), then written in a short one that first checks no other hub rolled, or was told
   * to roll again, meanwhile (else the week is looked at again).
   */
  async roll(): Promise<RollResult> {
    const last = addCalendarDays(cstDateOf(new Date(this.clock.now().getTime() - DAY_OVER_AFTER_MS)), -1);
    const result: RollResult = { days: 0, rows: 0, rolledThrough: null };
    const first = await this.uow.read((m) => this.firstDay(m));
    for (;;) {
      const through = await this.uow.read((m) => this.rolledThrough(m));
      result.rolledThrough = through;
      if (first === null) {
        // Nothing was ever accepted: every figure yet to come is dated today or later.
        if ((await this.write(through, last, null)) !== null) result.rolledThrough = last;
        return result;
      }
      // Nothing is dated before the first case was accepted: a recount from far back starts there.
      const next = through === null ? first : addCalendarDays(through, 1);
      const from = next < first ? first : next;
      if (from > last) return result;
      const to = [addCalendarDays(from, CHUNK_DAYS - 1), last].sort()[0];
      const rows = this.rowsOf(await this.uow.read((m) => dailyFigures(m, this.calendars.calendar, this.sla.window(last), '', from, to)));
      const written = await this.write(through, to, { from, ...rows });
      if (written === null) continue; // another hub moved the rollup meanwhile: look again
      result.days += calendarDaysBetween(from, to) + 1;
      result.rows += written;
      result.rolledThrough = to;
    }
  }

  /**
   * Counts the days from `from` again at the next roll: after cases were loaded from elsewhere with
   * earlier dates, or a calendar was published for a year whose days are already rolled (the
   * medians count working days). False when the rollup held no day from `from` on (nothing to do).
   */
  async rollAgainFrom(from: IsoDate): Promise<boolean> {
    const result = await this.uow.transaction((m) =>
      m.queryRunner!.query('UPDATE report_rollup SET rolled_through = ? WHERE id = 1 AND rolled_through >= ?', [addCalendarDays(from, -1), from], true),
    );
    return Number(result.affected ?? 0) > 0;
  }

  /** The rollup's rows of a period's township figures: each summed into its province, city, county and township. */
  private rowsOf({ figures, resolutions, acknowledgements }: CollectedFigures) {
    const days = new Map<string, ReportDayEntity>();
    for (const f of figures) {
      for (const regionCode of levelsOf(f.townshipCode)) {
        const k = `${regionCode}|${f.day}|${f.department}`;
        const row = days.get(k) ?? days.set(k, { regionCode, day: f.day, department: f.department, opened: 0, closed: 0, closedOnTime: 0 }).get(k)!;
        addFigures(row, f);
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
    const acknowledged = new Map<string, ReportAcknowledgementEntity>();
    for (const a of acknowledgements) {
      for (const regionCode of levelsOf(a.townshipCode)) {
        const k = `${regionCode}|${a.day}|${a.department}|${a.workingDays}`;
        const row = acknowledged.get(k) ?? acknowledged.set(k, { regionCode, day: a.day, department: a.department, workingDays: a.workingDays, referrals: 0, onTime: 0 }).get(k)!;
        row.referrals += a.referrals;
        row.onTime += a.onTime;
      }
    }
    return { days: [...days.values()], histogram: [...histogram.values()], acknowledged: [...acknowledged.values()] };
  }

  /**
   * Moves the rollup from `through` (as read) to `to`, writing the rows of the days after `from`
   * when given; null (nothing written) when the rollup no longer holds `through`, else the rows written.
   */
  private async write(
    through: IsoDate | null,
    to: IsoDate,
    rows: { from: IsoDate; days: ReportDayEntity[]; histogram: ReportResolutionEntity[]; acknowledged: ReportAcknowledgementEntity[] } | null,
  ): Promise<number | null> {
    return this.uow.transaction(async (m) => {
      const forUpdate = this.uow.kind === 'mysql' ? ' FOR UPDATE' : ''; // SQLite: BEGIN IMMEDIATE already serialises
      const [state] = await m.query(`SELECT rolled_through AS day FROM report_rollup WHERE id = 1${forUpdate}`);
      if ((state?.day ?? null) !== through) return null;
      let written = 0;
      if (rows) {
        // Rows of a day counted before (a roll again) give way to the new count.
        await m.query('DELETE FROM report_days WHERE day >= ? AND day <= ?', [rows.from, to]);
        await m.query('DELETE FROM report_resolutions WHERE day >= ? AND day <= ?', [rows.from, to]);
        await m.query('DELETE FROM report_acknowledgements WHERE day >= ? AND day <= ?', [rows.from, to]);
        for (let i = 0; i < rows.days.length; i += BATCH) written += await insertRows(m, ReportDayEntity, rows.days.slice(i, i + BATCH));
        for (let i = 0; i < rows.histogram.length; i += BATCH) written += await insertRows(m, ReportResolutionEntity, rows.histogram.slice(i, i + BATCH));
        for (let i = 0; i < rows.acknowledged.length; i += BATCH) written += await insertRows(m, ReportAcknowledgementEntity, rows.acknowledged.slice(i, i + BATCH));
      }
      await m.query('UPDATE report_rollup SET rolled_through = ? WHERE id = 1', [to]);
      return written;
    });
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
