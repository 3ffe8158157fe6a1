import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Allow, callerOf, SignedIn } from '../access/authorization';
import { RequestContext } from '../common/request-context';
import { Role } from '../access/roles';
import { badInput } from '../access/guard';
import { BusinessRuleError } from '../common/user-error';
import { badInputOf } from '../common/command';
import { text } from '../common/text';
import { DateScalar } from '../graphql/scalars';
import { CalendarDay, CalendarDayInput } from './calendar-day.type';
import { CalendarService } from './calendar.service';
import { MAX_CALENDAR_YEAR, MAX_WORKING_DAYS_STEP, MIN_CALENDAR_YEAR } from './working-days';

@Resolver()
export class CalendarResolver {
  constructor(private readonly calendars: CalendarService) {}

  @SignedIn()
  @Query(() => [CalendarDay], { description: 'Every day of the year (365 or 366), workday or not, with the holiday\'s name where there is one.' })
  workingCalendar(@Ctx() ctx: RequestContext, @Arg('year', () => Int) year: number): CalendarDay[] {
    if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
      throw badInput(
        text(`年份应在${MIN_CALENDAR_YEAR}至${MAX_CALENDAR_YEAR}之间。`, `year must be between ${MIN_CALENDAR_YEAR} and ${MAX_CALENDAR_YEAR}.`),
        ['year'],
      );
    }
    return this.calendars.yearDays(year);
  }

  @SignedIn()
  @Query(() => DateScalar, { description: 'The date that is `days` working days after `from` (from itself not counted).' })
  addWorkingDays(@Ctx() ctx: RequestContext, @Arg('from', () => DateScalar) from: string, @Arg('days', () => Int) days: number): string {
    if (Math.abs(days) > MAX_WORKING_DAYS_STEP) {
      throw badInput(
        text(`天数应在-${MAX_WORKING_DAYS_STEP}至${MAX_WORKING_DAYS_STEP}之间。`, `days must be between -${MAX_WORKING_DAYS_STEP} and ${MAX_WORKING_DAYS_STEP}.`),
        ['days'],
      );
    }
    try {
      return this.calendars.addWorkingDays(from, days);
    } catch (error) {
      // Only the ends of the calendar (years 1 and 9999) can be overstepped here.
      if (error instanceof RangeError) throw badInput(text('结果超出日历范围（公元1年至9999年）。', 'The result lies outside the calendar (years 1 to 9999).'), ['days']);
      throw error;
    }
  }

  @Allow(Role.ADMIN)
  @Mutation(() => [CalendarDay], {
    description:
      "Load or replace one year's official working calendar (ADMIN). `days` must contain every\nexception to Monday–Friday (statutory holidays on weekdays, make-up working days on weekends);\ndays that agree with Monday–Friday may be listed too. Returns every day of the year.",
  })
  async publishWorkingCalendar(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
    @Arg('days', () => [CalendarDayInput]) days: CalendarDayInput[],
  ): Promise<CalendarDay[]> {
    const caller = callerOf(ctx);
    try {
      await this.calendars.publish(year, days.map((d) => ({ date: d.date, workday: d.workday, name: d.name ?? null })), caller.sub, ctx.now);
    } catch (error) {
      // The contract's return type has no userErrors: every problem goes out as one BAD_USER_INPUT.
      if (error instanceof BusinessRuleError) throw badInputOf(error.userErrors);
      throw error;
    }
    return this.calendars.yearDays(year);
  }
}
