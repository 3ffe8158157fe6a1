import { WorkingCalendar } from '../calendar/working-days';
import { IsoDate } from '../common/dates';

// The SLA clock of a referral (限时办结): the one home of the formulas behind its stored columns.
// Intake starts it, a request for materials pauses it, their arrival (or a decision, or a
// withdrawal) resumes it, and a calendar publication recomputes it. Pure: no I/O.
//
//   due date        = acceptance + limit + working days of finished pauses (acceptance day not counted)
//   days left, paused = working days from the pause's start to the due date, frozen while paused
//                     (each paused working day moves the due date by one, so the SQL filters can
//                     judge a paused referral by this number alone)
//   provisional     = the due date's year has no loaded calendar (the contract's definition)

/** The stored clock columns of a referral (see ReferralEntity). */
export interface StoredClock {
  acceptedDate: IsoDate;
  slaDays: number;
  pausedDays: number;
  dueDate: IsoDate;
  dueProvisional: boolean;
  pauseStarted: IsoDate | null;
  pausedDaysLeft: number | null;
}

/** Due date with the given paused working days: acceptance + limit + pauses (acceptance day not counted). */
export function dueDateOf(calendar: WorkingCalendar, acceptedDate: IsoDate, slaDays: number, pausedDays: number): IsoDate {
  return calendar.addWorkingDays(acceptedDate, slaDays + pausedDays);
}

/** Working days d with start < d <= end: how long a pause that began on `start` has lasted by `end`. */
export function pauseLength(calendar: WorkingCalendar, start: IsoDate, end: IsoDate): number {
  return Math.max(0, calendar.workingDaysBetween(start, end));
}

/** True while the due date's year has no loaded (published) calendar. */
export function isProvisional(calendar: WorkingCalendar, dueDate: IsoDate): boolean {
  return !calendar.isLoaded(Number(dueDate.slice(0, 4)));
}

/** The clock of a referral accepted on `acceptedDate` with a limit of `slaDays` working days. */
export function startClock(calendar: WorkingCalendar, acceptedDate: IsoDate, slaDays: number): StoredClock {
  const dueDate = dueDateOf(calendar, acceptedDate, slaDays, 0);
  return { acceptedDate, slaDays, pausedDays: 0, dueDate, dueProvisional: isProvisional(calendar, dueDate), pauseStarted: null, pausedDaysLeft: null };
}

/** Stops the clock on `today`: the working days left stay what they are now until it resumes. */
export function pauseClock(calendar: WorkingCalendar, clock: Pick<StoredClock, 'dueDate'>, today: IsoDate): Pick<StoredClock, 'pauseStarted' | 'pausedDaysLeft'> {
  return { pauseStarted: today, pausedDaysLeft: calendar.workingDaysBetween(today, clock.dueDate) };
}

/** Ends a running pause on `today`: its working days join the finished ones. Nothing when not paused. */
export function resumeClock(
  calendar: WorkingCalendar,
  clock: Pick<StoredClock, 'acceptedDate' | 'slaDays' | 'pausedDays' | 'pauseStarted'>,
  today: IsoDate,
): Partial<StoredClock> {
  if (!clock.pauseStarted) return {};
  const pausedDays = clock.pausedDays + pauseLength(calendar, clock.pauseStarted, today);
  const dueDate = dueDateOf(calendar, clock.acceptedDate, clock.slaDays, pausedDays);
  return { pausedDays, dueDate, dueProvisional: isProvisional(calendar, dueDate), pauseStarted: null, pausedDaysLeft: null };
}

/** The stored columns a (newly published) calendar gives the same clock. */
export function recomputeClock(
  calendar: WorkingCalendar,
  clock: Pick<StoredClock, 'acceptedDate' | 'slaDays' | 'pausedDays' | 'pauseStarted'>,
): Pick<StoredClock, 'dueDate' | 'dueProvisional' | 'pausedDaysLeft'> {
  const dueDate = dueDateOf(calendar, clock.acceptedDate, clock.slaDays, clock.pausedDays);
  return {
    dueDate,
    dueProvisional: isProvisional(calendar, dueDate),
    pausedDaysLeft: clock.pauseStarted ? calendar.workingDaysBetween(clock.pauseStarted, dueDate) : null,
  };
}
