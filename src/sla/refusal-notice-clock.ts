import { WorkingCalendar } from '../calendar/working-days';
import { IsoDate } from '../common/dates';
import { isProvisional } from './sla-clock';
import { classifyOpen, SlaState } from './sla.rules';
import { loopStandardFor, REFUSAL_NOTICE_WARNING_DAYS } from './loop-standards';

// The clock of telling an applicant of a refusal (不予批准书面告知): the township has N working days
// from the day of the decision (the loop standard in force for its township then) to tell the
// applicant in writing, with the reason. Pure.
//
//   tell by = refused on + N working days (the decision's day not counted)
//   state   = ON_TRACK / AT_RISK (W working days or fewer left) / OVERDUE until told,
//             MET / MISSED by the day the applicant was told

export interface RefusalNoticeDeadline {
  noticeDays: number;
  tellBy: IsoDate;
  tellProvisional: boolean;
}

/** The deadline of telling the applicant of a refusal decided on `refusedOn` in a township. */
export function refusalNoticeDeadline(calendar: WorkingCalendar, townshipCode: string, refusedOn: IsoDate, days?: number): RefusalNoticeDeadline {
  const noticeDays = days ?? loopStandardFor(townshipCode, refusedOn).refusalNoticeDays;
  const tellBy = calendar.addWorkingDays(refusedOn, noticeDays);
  return { noticeDays, tellBy, tellProvisional: isProvisional(calendar, tellBy) };
}

export interface RefusalNoticeFigures {
  state: SlaState;
  /** Working days left to the deadline (to the day told, once told; negative past it). */
  workingDaysLeft: number;
  provisional: boolean;
}

export function refusalNoticeSla(calendar: WorkingCalendar, n: { tellBy: IsoDate; toldOn: IsoDate | null }, today: IsoDate): RefusalNoticeFigures {
  const until = n.toldOn ?? today;
  const workingDaysLeft = calendar.workingDaysBetween(until, n.tellBy);
  const state = n.toldOn ? (n.toldOn <= n.tellBy ? SlaState.MET : SlaState.MISSED) : classifyOpen(workingDaysLeft, today, n.tellBy, REFUSAL_NOTICE_WARNING_DAYS);
  return { state, workingDaysLeft, provisional: isProvisional(calendar, n.tellBy) };
}

/**
 * The SQL form of AT_RISK for an untold refusal: its tell-by day (a working day) is before the day
 * this returns — the (W+1)-th working day after today — exactly when W working days or fewer are left.
 */
export function refusalRiskBefore(calendar: WorkingCalendar, today: IsoDate): IsoDate {
  return calendar.addWorkingDays(today, REFUSAL_NOTICE_WARNING_DAYS + 1);
}

/**
 * The states of refusalNoticeSla in SQL for a refusal row `n`, with the parameters of refusalWindow:
 * the SLA scan's warnings and the refusal list's filter read these (the e2e test checks them day by day).
 */
export const REFUSAL_STATE_SQL: Readonly<Record<SlaState, string>> = {
  [SlaState.OVERDUE]: '(n.told_on IS NULL AND n.tell_by < :refusalToday)',
  [SlaState.AT_RISK]: '(n.told_on IS NULL AND n.tell_by >= :refusalToday AND n.tell_by < :refusalRiskBefore)',
  [SlaState.ON_TRACK]: '(n.told_on IS NULL AND n.tell_by >= :refusalRiskBefore)',
  [SlaState.MET]: '(n.told_on IS NOT NULL AND n.told_on <= n.tell_by)',
  [SlaState.MISSED]: '(n.told_on IS NOT NULL AND n.told_on > n.tell_by)',
};

export function refusalWindow(calendar: WorkingCalendar, today: IsoDate): { refusalToday: IsoDate; refusalRiskBefore: IsoDate } {
  return { refusalToday: today, refusalRiskBefore: refusalRiskBefore(calendar, today) };
}
