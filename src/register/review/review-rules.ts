import { WorkingCalendar } from '../../calendar/working-days';
import { IsoDate } from '../../common/dates';
import { SlaState, classifyOpen } from '../../sla/sla.rules';
import { isProvisional } from '../../sla/sla-clock';
import { registerStandardFor, RegisterStandard } from '../register-standards';
import { ReviewStatus } from './review.entity';

// The clock of a periodic review (定期复核): the one home of its formulas. Pure: no I/O.
//
//   deadline  = the scheduled review date + the region's review working days (default 20),
//               counted from the scheduled date, not from the day the task was made, so a job
//               that catches up after downtime gives the same deadline as one that ran on time
//   state     = the referrals' states (sla.rules.ts): ON_TRACK / AT_RISK (working days left within
//               the warning threshold) / OVERDUE while open; MET / MISSED by the day it was done

export interface ReviewDeadline {
  deadlineDate: IsoDate;
  deadlineProvisional: boolean;
}

/** The deadline of the review of a household in `townshipCode` scheduled for `dueDate`. */
export function reviewDeadline(
  calendar: WorkingCalendar,
  dueDate: IsoDate,
  townshipCode: string,
  standardOf: (townshipCode: string, on: IsoDate) => RegisterStandard = registerStandardFor,
): ReviewDeadline {
  const deadlineDate = calendar.addWorkingDays(dueDate, standardOf(townshipCode, dueDate).reviewWorkingDays);
  return { deadlineDate, deadlineProvisional: isProvisional(calendar, deadlineDate) };
}

export interface ReviewClock {
  status: ReviewStatus;
  deadlineDate: IsoDate;
  completedOn: IsoDate | null;
}

export interface ReviewFigures {
  state: SlaState;
  workingDaysLeft: number;
}

/** A review's state today; null for one superseded (it has no clock of its own any more). */
export function reviewState(calendar: WorkingCalendar, review: ReviewClock, today: IsoDate, warningDays: number): ReviewFigures | null {
  if (review.status === ReviewStatus.SUPERSEDED) return null;
  if (review.status === ReviewStatus.DONE) {
    const on = review.completedOn ?? today;
    return { state: on <= review.deadlineDate ? SlaState.MET : SlaState.MISSED, workingDaysLeft: calendar.workingDaysBetween(on, review.deadlineDate) };
  }
  const left = calendar.workingDaysBetween(today, review.deadlineDate);
  return { state: classifyOpen(left, today, review.deadlineDate, warningDays), workingDaysLeft: left };
}
