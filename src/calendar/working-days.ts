/**
 * China's official working calendar (工作日历) and working-day arithmetic for the SLA.
 *
 * Pure functions, no I/O. Dates are 'YYYY-MM-DD' strings naming a China Standard Time calendar
 * day; all arithmetic goes through UTC epoch days (Date.UTC / getUTC*), never local time, so the
 * results do not depend on the process time zone.
 *
 * A working day is Monday–Friday, except the statutory holidays (法定节假日) and plus the make-up
 * working days on weekends (调休补班) that the State Council publishes for each year. Years that
 * have not been published (not loaded) count plain Monday–Friday; a due date in such a year is
 * provisional (decided in one place: sla/sla-clock.ts isProvisional).
 */

import { CalendarErrorCode } from './calendar.errors';
import { Text, text } from '../common/text';
import { daysInMonth, epochDayOf, isoDateOfEpochDay, IsoDate, isValidIsoDate, isWeekdayEpoch, mod7 } from '../common/dates';

// The plain date helpers (ISO dates, epoch days, China Standard Time) are common/dates.ts.
export type { IsoDate } from '../common/dates';

export interface CalendarException {
  date: IsoDate;
  workday: boolean;
  name?: string | null;
}

export interface CalendarDay {
  date: IsoDate;
  workday: boolean;
  name: string | null;
}

export interface CalendarProblem {
  index: number | null;
  field: 'year' | 'date' | 'name' | 'workday';
  code: CalendarErrorCode;
  /** In English (also the text of a RangeError when stored data cannot load). */
  message: string;
  text: Text;
}

function problem(index: number | null, field: CalendarProblem['field'], code: CalendarErrorCode, zh: string, en: string): CalendarProblem {
  return { index, field, code, message: en, text: text(zh, en) };
}

/** addWorkingDays walks day by day; ten years of working days is far beyond any SLA. */
export const MAX_WORKING_DAYS_STEP = 3660;
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;
export const MAX_NAME_LENGTH = 50;
/** Plausibility guard: official years have about 13–18 holiday weekdays and 4–6 make-up days. */
export const MAX_HOLIDAY_WEEKDAYS = 40;
export const MAX_WEEKEND_WORKDAYS = 15;

/**
 * Monday–Friday count among epoch days [E, E+n) where E = 4 (1970-01-05, a Monday), as a
 * difference function: G(n+1) - G(n) is 1 exactly when day 4+n is a weekday, for any integer n.
 */
function weekdayPrefix(n: number): number {
  return 5 * Math.floor(n / 7) + Math.min(mod7(n), 5);
}

/** Monday–Friday days d with a < d <= b (epoch days, a <= b). */
function weekdaysInHalfOpen(a: number, b: number): number {
  return weekdayPrefix(b + 1 - 4) - weekdayPrefix(a + 1 - 4);
}

function normaliseName(name: string | null | undefined): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.trim();
  return trimmed === '' ? null : trimmed;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Invalid year ${year}`);
}

// ---------------------------------------------------------------------------------------------
// Validation of a published year (publishWorkingCalendar)
// ---------------------------------------------------------------------------------------------

/** Problems with one year's exception list; empty when valid. `index` is the position in `days`. */
export function validateCalendarYear(year: number, days: readonly CalendarException[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const yearOk = Number.isInteger(year) && year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR;
  const C = CalendarErrorCode;
  if (!yearOk) {
    problems.push(
      problem(null, 'year', C.INVALID_YEAR, `不支持${year}年：年份应为${MIN_CALENDAR_YEAR}至${MAX_CALENDAR_YEAR}之间的整数。`,
        `Year ${year} is not supported: expected an integer from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}.`),
    );
  }
  const firstIndex = new Map<IsoDate, number>();
  let holidayWeekdays = 0;
  let weekendWorkdays = 0;
  days.forEach((day, index) => {
    const date = day?.date;
    if (typeof day?.workday !== 'boolean') {
      problems.push(problem(index, 'workday', C.INVALID_WORKDAY, `第${index + 1}项（${String(date)}）：请注明是否为工作日。`,
        `days[${index}] (${String(date)}): workday must be true or false.`));
    }
    const name = day?.name;
    if (name != null && (typeof name !== 'string' || [...name].length > MAX_NAME_LENGTH)) {
      problems.push(problem(index, 'name', C.NAME_TOO_LONG, `第${index + 1}项（${String(date)}）：名称最多${MAX_NAME_LENGTH}个字。`,
        `days[${index}] (${String(date)}): name must be a string of at most ${MAX_NAME_LENGTH} characters.`));
    }
    if (typeof date !== 'string' || !isValidIsoDate(date)) {
      problems.push(problem(index, 'date', C.INVALID_DATE, `第${index + 1}项：${JSON.stringify(date)}不是有效日期，请按“年-月-日”（如2027-01-01）填写真实日期。`,
        `days[${index}]: ${JSON.stringify(date)} is not a valid date; expected a real date as YYYY-MM-DD.`));
      return;
    }
    if (yearOk && yearOf(date) !== year) {
      problems.push(problem(index, 'date', C.DATE_OUTSIDE_YEAR, `第${index + 1}项：${date}不在${year}年内。`, `days[${index}]: ${date} is not in year ${year}.`));
      return;
    }
    const seen = firstIndex.get(date);
    if (seen !== undefined) {
      problems.push(problem(index, 'date', C.DUPLICATE_DATE, `第${index + 1}项：${date}重复（第${seen + 1}项已列出）。`,
        `days[${index}]: ${date} is listed twice (first at days[${seen}]).`));
      return;
    }
    firstIndex.set(date, index);
    if (typeof day.workday !== 'boolean') return;
    const weekday = isWeekdayEpoch(epochDayOf(date));
    if (weekday && !day.workday) holidayWeekdays++;
    if (!weekday && day.workday) weekendWorkdays++;
  });
  if (holidayWeekdays > MAX_HOLIDAY_WEEKDAYS || weekendWorkdays > MAX_WEEKEND_WORKDAYS) {
    problems.push(
      problem(null, 'workday', C.IMPLAUSIBLE_CALENDAR,
        `${year}年列出了${holidayWeekdays}个放假的工作日和${weekendWorkdays}个调休上班的周末，最多分别接受${MAX_HOLIDAY_WEEKDAYS}个和${MAX_WEEKEND_WORKDAYS}个（国务院公布的年份通常为13–18个和4–6个），请核对。`,
        `Year ${year} lists ${holidayWeekdays} non-working weekdays and ${weekendWorkdays} weekend workdays; ` +
          `at most ${MAX_HOLIDAY_WEEKDAYS} and ${MAX_WEEKEND_WORKDAYS} are accepted (official years have about 13–18 and 4–6).`),
    );
  }
  return problems;
}

/** Structural problems that make a year unusable (bad or foreign dates, duplicates). */
function assertLoadable(year: number, days: readonly CalendarException[]): void {
  assertYear(year);
  const fatal = new Set<string>([CalendarErrorCode.INVALID_DATE, CalendarErrorCode.DATE_OUTSIDE_YEAR, CalendarErrorCode.DUPLICATE_DATE, CalendarErrorCode.INVALID_WORKDAY]);
  // Validate against the year itself (not the 2000..2100 policy) so stored data always loads.
  const problems = validateCalendarYear(year, days).filter((p) => fatal.has(p.code));
  const outside = days.filter((d) => isValidIsoDate(d.date) && yearOf(d.date) !== year);
  if (problems.length > 0 || outside.length > 0) {
    const first = problems[0]?.message ?? `${outside[0].date} is not in year ${year}.`;
    throw new RangeError(`Calendar for ${year} cannot be loaded: ${first}`);
  }
}

// ---------------------------------------------------------------------------------------------
// WorkingCalendar
// ---------------------------------------------------------------------------------------------

interface StoredException {
  workday: boolean;
  name: string | null;
}

/** An immutable working calendar: the loaded (published) years and their exceptions. */
export class WorkingCalendar {
  private readonly years = new Map<number, readonly CalendarException[]>();
  /** Every exception of every loaded year, keyed by epoch day. */
  private readonly byEpochDay = new Map<number, StoredException>();
  /** Epoch days of exceptions that differ from Monday–Friday, sorted (for fast counting). */
  private readonly deviations: number[] = [];

  /** Only the loaded (published) years; RangeError when a list has invalid, foreign or duplicate dates. */
  constructor(years: ReadonlyMap<number, readonly CalendarException[]>) {
    for (const [year, days] of years) {
      assertLoadable(year, days);
      const copy = days.map((d) => ({ date: d.date, workday: d.workday, name: normaliseName(d.name) }));
      this.years.set(year, Object.freeze(copy));
      for (const d of copy) {
        const e = epochDayOf(d.date);
        this.byEpochDay.set(e, { workday: d.workday, name: d.name });
        if (d.workday !== isWeekdayEpoch(e)) this.deviations.push(e);
      }
    }
    this.deviations.sort((a, b) => a - b);
  }

  isLoaded(year: number): boolean {
    return this.years.has(year);
  }

  /** Loaded years, ascending. */
  loadedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  private isWorkdayEpoch(epochDay: number): boolean {
    const ex = this.byEpochDay.get(epochDay);
    return ex ? ex.workday : isWeekdayEpoch(epochDay);
  }

  /** Exceptions of a loaded year win; otherwise Monday–Friday. */
  isWorkday(date: IsoDate): boolean {
    return this.isWorkdayEpoch(epochDayOf(date));
  }

  /** The holiday or make-up-day name of a date, or null. */
  nameOf(date: IsoDate): string | null {
    return this.byEpochDay.get(epochDayOf(date))?.name ?? null;
  }

  /**
   * The date that is `days` working days after `from` (from itself not counted). days=0 returns
   * from. Negative days go backwards (the |days|-th working day before from).
   */
  addWorkingDays(from: IsoDate, days: number): IsoDate {
    if (!Number.isInteger(days) || Math.abs(days) > MAX_WORKING_DAYS_STEP) {
      throw new RangeError(`addWorkingDays: days must be an integer with |days| <= ${MAX_WORKING_DAYS_STEP}, got ${days}`);
    }
    let e = epochDayOf(from);
    const step = days < 0 ? -1 : 1;
    let left = Math.abs(days);
    while (left > 0) {
      e += step;
      if (this.isWorkdayEpoch(e)) left--;
    }
    return isoDateOfEpochDay(e);
  }

  /** Working days d with from < d <= to; when to < from, minus the working days d with to < d <= from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = epochDayOf(from);
    const b = epochDayOf(to);
    if (b < a) return -this.countHalfOpen(b, a);
    return this.countHalfOpen(a, b);
  }

  /** Working days in (a, b]: Monday–Friday by arithmetic, corrected by the loaded exceptions in range. */
  private countHalfOpen(a: number, b: number): number {
    let count = weekdaysInHalfOpen(a, b);
    for (let i = lowerBound(this.deviations, a + 1); i < this.deviations.length && this.deviations[i] <= b; i++) {
      count += this.isWorkdayEpoch(this.deviations[i]) ? 1 : -1;
    }
    return count;
  }

  /** Every day of the year (365/366) with workday and name (name from the exception list, else null). */
  yearDays(year: number): CalendarDay[] {
    assertYear(year);
    const first = epochDayOf(`${String(year).padStart(4, '0')}-01-01`);
    const length = daysInMonth(year, 2) === 29 ? 366 : 365;
    const out: CalendarDay[] = [];
    for (let e = first; e < first + length; e++) {
      const ex = this.byEpochDay.get(e);
      out.push({ date: isoDateOfEpochDay(e), workday: ex ? ex.workday : isWeekdayEpoch(e), name: ex?.name ?? null });
    }
    return out;
  }

  /** A copy with one year replaced (or added); this calendar is unchanged. */
  withYear(year: number, days: readonly CalendarException[]): WorkingCalendar {
    const next = new Map(this.years);
    next.set(year, days);
    return new WorkingCalendar(next);
  }

  /** A copy without one year (it then counts Monday–Friday). */
  withoutYear(year: number): WorkingCalendar {
    const next = new Map(this.years);
    next.delete(year);
    return new WorkingCalendar(next);
  }
}

/** First index i with sorted[i] >= x. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
