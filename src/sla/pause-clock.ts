import { WorkingCalendar } from '../calendar/working-days';
import { addCalendarDays, IsoDate } from '../common/dates';
import { isProvisional } from './sla-clock';
import { SlaState } from './sla.rules';
import { loopStandardFor, PauseMaximum, PauseType, PAUSE_WARNING_DAYS } from './loop-standards';

// The clock of one pause (暂停计时): a pause of a type may run for its maximum (the loop standard
// in force for the township on the day it starts) and warns when it runs past it. While it runs,
// the referral's own clock is stopped (sla-clock.ts pauseClock/resumeClock). Pure.
//
//   deadline = start + maximum (working days, or calendar days where practice counts those)
//   state    = ON_TRACK / AT_RISK (W working days or fewer left) / OVERDUE (past the deadline) while
//              it runs; MET / MISSED by the day it ended

export interface PauseDeadline {
  maxDays: number;
  maxUnit: PauseMaximum['unit'];
  deadline: IsoDate;
  deadlineProvisional: boolean;
}

/** The deadline of a pause of `type` starting on `startedOn` in a township. */
export function pauseDeadline(calendar: WorkingCalendar, type: PauseType, townshipCode: string, startedOn: IsoDate): PauseDeadline {
  const max = loopStandardFor(townshipCode, startedOn).pauseMaximum[type];
  const deadline = max.unit === 'WORKING_DAYS' ? calendar.addWorkingDays(startedOn, max.days) : addCalendarDays(startedOn, max.days);
  return { maxDays: max.days, maxUnit: max.unit, deadline, deadlineProvisional: max.unit === 'WORKING_DAYS' && isProvisional(calendar, deadline) };
}

/**
 * The SQL form of AT_RISK for a running pause: its deadline (a working day or, for calendar-day
 * maxima, any day) is before the day this returns — the (W+1)-th working day after today — exactly
 * when W working days or fewer are left to it (pauseSla).
 */
export function pauseRiskBefore(calendar: WorkingCalendar, today: IsoDate): IsoDate {
  return calendar.addWorkingDays(today, PAUSE_WARNING_DAYS + 1);
}

export interface PauseFigures {
  state: SlaState;
  /** Working days the pause has run (to the day it ended, or today). */
  workingDays: number;
  /** Working days left before the deadline (negative once past it). */
  workingDaysLeft: number;
}

/** The pause's figures today; null for a pause without a deadline (paused before the hub kept pause rows). */
export function pauseSla(calendar: WorkingCalendar, p: { startedOn: IsoDate; deadline: IsoDate | null; endedOn: IsoDate | null }, today: IsoDate): PauseFigures | null {
  if (p.deadline === null) return null;
  const until = p.endedOn ?? today;
  const workingDaysLeft = calendar.workingDaysBetween(until, p.deadline);
  const state = p.endedOn
    ? p.endedOn <= p.deadline
      ? SlaState.MET
      : SlaState.MISSED
    : today > p.deadline
      ? SlaState.OVERDUE
      : workingDaysLeft <= PAUSE_WARNING_DAYS
        ? SlaState.AT_RISK
        : SlaState.ON_TRACK;
  return { state, workingDays: Math.max(0, calendar.workingDaysBetween(p.startedOn, until)), workingDaysLeft };
}

/**
 * A running pause row `p`'s state on its maximum in SQL (pauseSla's open states), with the
 * parameters of pauseWindow: the SLA scan's warnings and the referral list's filter read these.
 */
export const RUNNING_PAUSE_SQL: Readonly<Partial<Record<SlaState, string>>> = {
  [SlaState.OVERDUE]: 'p.deadline < :pauseToday',
  [SlaState.AT_RISK]: '(p.deadline >= :pauseToday AND p.deadline < :pauseRiskBefore)',
  [SlaState.ON_TRACK]: 'p.deadline >= :pauseRiskBefore',
};

export function pauseWindow(calendar: WorkingCalendar, today: IsoDate): { pauseToday: IsoDate; pauseRiskBefore: IsoDate } {
  return { pauseToday: today, pauseRiskBefore: pauseRiskBefore(calendar, today) };
}

/**
 * Referrals `alias` whose running pause is in one of `states` (a pause row is open exactly while its
 * referral is paused): an EXISTS over idx_referral_pauses_open. MET and MISSED (ended pauses) never
 * match: the filter is about the pause running now. Null when no state can match.
 */
export function runningPauseCondition(states: readonly SlaState[], alias: string): string | null {
  const wanted = states.map((s) => RUNNING_PAUSE_SQL[s]).filter((b): b is string => b !== undefined);
  if (wanted.length === 0) return null;
  return `EXISTS (SELECT 1 FROM referral_pauses p WHERE p.referral_id = ${alias}.id AND p.ended_on IS NULL AND (${wanted.join(' OR ')}))`;
}
