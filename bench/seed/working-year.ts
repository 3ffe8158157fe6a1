import { WorkingCalendar } from '../../src/calendar/working-days';
import { IsoDate } from '../../src/common/dates';
import { cstMs, MINUTE } from './vocabulary';

/**
 * The working days from the start of the year up to today, which every seeded date is placed on.
 * A case's age is counted in working days back from today (0: accepted today), and every later
 * step of its history as an offset in working days after its acceptance.
 */
export class WorkingYear {
  /** Oldest first; the index from the end is the age. */
  readonly days: IsoDate[] = [];

  constructor(
    readonly calendar: WorkingCalendar,
    readonly nowMs: number,
    readonly today: IsoDate,
    yearStart: IsoDate,
  ) {
    for (let d = yearStart; d <= today; d = calendar.addWorkingDays(d, 1)) if (calendar.isWorkday(d)) this.days.push(d);
    if (this.days[this.days.length - 1] !== today) throw new Error(`HUB_BENCH_NOW must be on a working day (${today} is not)`);
  }

  get maxAge(): number {
    return this.days.length - 1;
  }

  /** The working day `offset` working days after the acceptance of a case of age `age`. */
  dayOf(age: number, offset: number): IsoDate {
    return this.days[this.days.length - 1 - age + offset];
  }

  /** A time of day on that working day (minutes after midnight CST), never after now. */
  at(age: number, offset: number, minutes: number): number {
    return Math.min(cstMs(this.dayOf(age, offset), minutes), this.nowMs - 10 * MINUTE);
  }
}
