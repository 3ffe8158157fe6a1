import { EntityManager, In } from 'typeorm';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarException, validateCalendarYear, WorkingCalendar } from './working-days';
import { IsoDate } from '../common/dates';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { BusinessRuleError, UserError } from '../common/user-error';

/**
 * The working calendar as the hub uses it: loaded from the database into memory (every SLA read
 * uses it, so it must cost no SQL beyond one look-up per request), replaced when an administrator
 * publishes a year. Each publication raises calendar_revision; every process compares it before
 * answering a request (ensureCurrent) and reloads when it moved, so no process answers with a
 * calendar older than the last publication. The periodic scan's load also recomputes the due dates
 * a process may have written with the old one while the publication was under way.
 */
export class CalendarService {
  private current: WorkingCalendar = new WorkingCalendar(new Map());
  private listeners: Array<(year: number) => Promise<void>> = [];
  /** Each loaded year's publication and days, as last seen: tells which years changed since. */
  private seen: Map<number, string> | null = null;
  /** The calendar_revision the loaded calendar reflects (at least). */
  private revision = -1;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly uow: UnitOfWork) {}

  get calendar(): WorkingCalendar {
    return this.current;
  }

  async load(): Promise<void> {
    const { years, map } = await this.refresh();
    // A year published since the last load — by this process or another one — has its stored due
    // dates recomputed here too: every process fixes what it may have written with the old one.
    const previous = this.seen;
    this.seen = new Map(years.map((y) => [y.year, `${y.publishedAt} ${JSON.stringify(map.get(y.year))}`]));
    if (previous === null) return;
    for (const [year, signature] of this.seen) {
      if (previous.get(year) !== signature) for (const listener of this.listeners) await listener(year);
    }
  }

  /**
   * Before a request: one primary-key read of calendar_revision, and a reload when another process
   * published since this one last loaded.
   */
  async ensureCurrent(): Promise<void> {
    const wanted = await this.uow.read((m) => readRevision(m));
    // Bounded: a database node that lags behind the one read first cannot keep a request waiting.
    for (let attempt = 0; attempt < 3 && this.revision < wanted; attempt++) {
      // Requests arriving together share one reload.
      this.refreshing ??= this.refresh()
        .then(() => undefined)
        .finally(() => (this.refreshing = null));
      await this.refreshing;
    }
  }

  /** Reads the revision, then the years and days (in that order: a publication in between only makes the next check reload again). */
  private async refresh(): Promise<{ years: CalendarYearEntity[]; map: Map<number, CalendarException[]> }> {
    const [revision, years, days] = await this.uow.read(async (m) => [
      await readRevision(m),
      await m.getRepository(CalendarYearEntity).find(),
      await m.getRepository(CalendarDayEntity).find({ order: { date: 'ASC' } }),
    ] as const);
    const map = new Map<number, CalendarException[]>(years.map((y) => [y.year, []]));
    for (const d of days) map.get(d.year)?.push({ date: d.date, workday: Boolean(d.workday), name: d.name });
    if (revision >= this.revision) {
      this.current = new WorkingCalendar(map);
      this.revision = revision;
    }
    return { years, map };
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
      await m.query('UPDATE calendar_revision SET revision = revision + 1 WHERE id = 1');
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

async function readRevision(m: EntityManager): Promise<number> {
  const rows: Array<{ revision: number | string }> = await m.query('SELECT revision FROM calendar_revision WHERE id = 1');
  return Number(rows[0]?.revision ?? 0);
}
