import { In } from 'typeorm';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarException, validateCalendarYear, WorkingCalendar, IsoDate } from './working-days';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { BusinessRuleError, UserError } from '../common/user-error';

/**
 * The working calendar as the hub uses it: loaded from the database into memory (every SLA read
 * uses it, so it must cost no SQL), replaced when an administrator publishes a year, and reloaded
 * by the periodic scan so a second hub process sees a year another one published.
 */
export class CalendarService {
  private current: WorkingCalendar = new WorkingCalendar(new Map());
  private listeners: Array<(year: number) => Promise<void>> = [];
  /** Each loaded year's publication and days, as last seen: tells which years changed since. */
  private seen: Map<number, string> | null = null;

  constructor(private readonly uow: UnitOfWork) {}

  get calendar(): WorkingCalendar {
    return this.current;
  }

  async load(): Promise<void> {
    const [years, days] = await this.uow.read(async (m) => [
      await m.getRepository(CalendarYearEntity).find(),
      await m.getRepository(CalendarDayEntity).find({ order: { date: 'ASC' } }),
    ] as const);
    const map = new Map<number, CalendarException[]>(years.map((y) => [y.year, []]));
    for (const d of days) map.get(d.year)?.push({ date: d.date, workday: Boolean(d.workday), name: d.name });
    this.current = new WorkingCalendar(map);
    // A year published since the last load — by this process or another one — has its stored due
    // dates recomputed here too: every process fixes what it may have written with the old one.
    const previous = this.seen;
    this.seen = new Map(years.map((y) => [y.year, `${y.publishedAt} ${JSON.stringify(map.get(y.year))}`]));
    if (previous === null) return;
    for (const [year, signature] of this.seen) {
      if (previous.get(year) !== signature) for (const listener of this.listeners) await listener(year);
    }
  }

  /** Runs when a load finds a year published since the previous load (due dates are recomputed). */
  onPublished(listener: (year: number) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Loads or replaces one year; returns problems as userErrors (field path into `days`). */
  async publish(year: number, days: CalendarException[], actor: string, now: Date): Promise<void> {
    const problems = validateCalendarYear(year, days);
    if (problems.length > 0) {
      throw new BusinessRuleError(
        problems.map((p) => new UserError(p.code, p.text, p.index === null ? [p.field === 'year' ? 'year' : 'days'] : ['days', p.index, p.field])),
      );
    }
    await this.uow.transaction(async (m) => {
      await m.getRepository(CalendarDayEntity).delete({ year });
      if (days.length > 0) {
        await m
          .createQueryBuilder()
          .insert()
          .into(CalendarDayEntity)
          .values(days.map((d) => ({ date: d.date, year, workday: d.workday, name: d.name?.trim() || null })))
          .execute();
      }
      await m.getRepository(CalendarYearEntity).delete({ year: In([year]) });
      await m.getRepository(CalendarYearEntity).insert({ year, publishedAt: now.toISOString(), publishedBy: actor });
    });
    await this.load(); // sees the new year and recomputes its due dates
  }

  yearDays(year: number) {
    return this.current.yearDays(year);
  }

  addWorkingDays(from: IsoDate, days: number): IsoDate {
    return this.current.addWorkingDays(from, days);
  }
}
