import { WorkingCalendar } from '../calendar/working-days';
import { IsoDate } from '../common/dates';
import { dueDateOf, isProvisional, pauseLength } from './sla-clock';

export enum SlaState {
  ON_TRACK = 'ON_TRACK', // open, more than the warning threshold left
  AT_RISK = 'AT_RISK', // open, within the warning threshold (预警)
  OVERDUE = 'OVERDUE', // open, past the due date
  MET = 'MET', // finished on or before the due date
  MISSED = 'MISSED', // finished after the due date
}

export interface SlaFigures {
  state: SlaState;
  dueDate: IsoDate;
  workingDaysUsed: number;
  workingDaysLeft: number;
  pausedWorkingDays: number;
  provisional: boolean;
}

/** What a referral's clock depends on (columns of `referrals`). */
export interface ReferralClock {
  acceptedDate: IsoDate;
  slaDays: number;
  /** Working days of finished pauses. */
  pausedDays: number;
  /** Start of the running pause (SUPPLEMENT_REQUESTED), else null. */
  pauseStarted: IsoDate | null;
  /** RESOLVED or CANCELLED on this date; null while open. */
  finishedDate: IsoDate | null;
}

export function classifyOpen(workingDaysLeft: number, today: IsoDate, dueDate: IsoDate, warningDays: number): SlaState {
  if (today > dueDate) return SlaState.OVERDUE;
  return workingDaysLeft <= warningDays ? SlaState.AT_RISK : SlaState.ON_TRACK;
}

/** A referral's SLA, computed at read time from its clock, the calendar and today (CST). */
export function referralSla(calendar: WorkingCalendar, clock: ReferralClock, today: IsoDate, warningDays: number): SlaFigures {
  const running = clock.pauseStarted && !clock.finishedDate ? pauseLength(calendar, clock.pauseStarted, today) : 0;
  const paused = clock.pausedDays + running;
  const dueDate = dueDateOf(calendar, clock.acceptedDate, clock.slaDays, paused);
  return figures(calendar, clock.acceptedDate, dueDate, paused, clock.finishedDate, today, warningDays);
}

/**
 * A case's SLA: its due date is the latest due date of its referrals that are not CANCELLED (so
 * its paused days are the largest of theirs); finished on the day it closed or was withdrawn.
 * When all were cancelled, all count.
 */
export function caseSla(
  calendar: WorkingCalendar,
  acceptedDate: IsoDate,
  slaDays: number,
  referrals: ReadonlyArray<{ sla: SlaFigures; cancelled: boolean }>,
  finishedDate: IsoDate | null,
  today: IsoDate,
  warningDays: number,
): SlaFigures {
  // A withdrawn case whose referrals were all cancelled keeps the latest of their due dates.
  const live = referrals.filter((r) => !r.cancelled);
  const counted = live.length > 0 ? live : referrals;
  let dueDate = dueDateOf(calendar, acceptedDate, slaDays, 0);
  let paused = 0;
  if (counted.length > 0) {
    dueDate = counted.reduce((latest, r) => (r.sla.dueDate > latest ? r.sla.dueDate : latest), counted[0].sla.dueDate);
    paused = Math.max(...counted.map((r) => r.sla.pausedWorkingDays));
  }
  return figures(calendar, acceptedDate, dueDate, paused, finishedDate, today, warningDays);
}

function figures(
  calendar: WorkingCalendar,
  acceptedDate: IsoDate,
  dueDate: IsoDate,
  paused: number,
  finishedDate: IsoDate | null,
  today: IsoDate,
  warningDays: number,
): SlaFigures {
  const end = finishedDate ?? today;
  const workingDaysUsed = Math.max(0, calendar.workingDaysBetween(acceptedDate, end) - paused);
  const workingDaysLeft = calendar.workingDaysBetween(end, dueDate);
  const state = finishedDate
    ? finishedDate <= dueDate
      ? SlaState.MET
      : SlaState.MISSED
    : classifyOpen(workingDaysLeft, today, dueDate, warningDays);
  return {
    state,
    dueDate,
    workingDaysUsed,
    workingDaysLeft,
    pausedWorkingDays: paused,
    provisional: isProvisional(calendar, dueDate),
  };
}
