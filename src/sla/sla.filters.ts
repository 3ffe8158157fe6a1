import { Brackets, WhereExpressionBuilder } from 'typeorm';
import { WorkingCalendar } from '../calendar/working-days';
import { IsoDate } from '../common/dates';
import { SlaState } from './sla.rules';
import { CANCELLED_STATUS, FINISHED_STATUSES, PAUSED_STATUSES, RUNNING_STATUSES, sqlStatusList } from '../referrals/referral-status';

// SQL forms of the SLA states, so dashboards can filter and count in the database. They rest on
// these facts about stored clocks (see sla.rules.ts):
//  - a running referral's due date is `due_date`; it is AT_RISK when due_date <= the W-th working
//    day after today (R), OVERDUE when due_date < today;
//  - while paused, the working days left are frozen at `paused_days_left` (each paused working
//    day moves the due date by one), so the state depends on that number alone.
// A case's due date is the latest of its non-cancelled referrals' (all of them when every one was
// cancelled), so its state follows from whether SOME referral still has time left.
// The test "SLA filters agree with computed state" checks these against sla.rules.ts.

export interface SlaWindow {
  today: IsoDate;
  /** Whether today is a working day: a referral paused with 0 days left is OVERDUE on a day off. */
  todayWorking: boolean;
  /** The warningDays-th working day after today. */
  riskLimit: IsoDate;
  warningDays: number;
}

export function slaWindow(calendar: WorkingCalendar, today: IsoDate, warningDays: number): SlaWindow {
  return { today, todayWorking: calendar.isWorkday(today), riskLimit: calendar.addWorkingDays(today, warningDays), warningDays };
}

const FINISHED = sqlStatusList(FINISHED_STATUSES);

/** The states only an open item near or past its due date can be in. */
const WARNED_STATES: readonly SlaState[] = [SlaState.AT_RISK, SlaState.OVERDUE];

/**
 * Open referrals that can be AT_RISK or OVERDUE: running ones due by the risk limit (an index
 * range on (status, due_date)) and paused ones with at most W working days left (status alone:
 * a few percent of the open ones). Every referral in either state is one of them, so adding this
 * to those states' conditions changes no answer; it turns a walk over every open item of the
 * region into a range over the few near their due date.
 */
export function slaCandidates(a: string): string {
  return (
    `((${a}.status IN ${sqlStatusList(RUNNING_STATUSES)} AND ${a}.due_date <= :slaRiskLimit) OR ` +
    `(${a}.status IN ${sqlStatusList(PAUSED_STATUSES)} AND ${a}.paused_days_left <= :slaWarningDays))`
  );
}

const onlyWarnedStates = (states: SlaState[]) => states.length > 0 && states.every((s) => WARNED_STATES.includes(s));

/**
 * Conditions on one referral row `a`: "not past its due date" and "more than W working days left".
 * A paused row with 0 days left has its due date on the last working day up to today: today
 * itself on a working day (AT_RISK), a day already gone on a day off (OVERDUE).
 */
function leftAtLeastZero(a: string): string {
  return (
    `((${a}.pause_started IS NULL AND ${a}.due_date >= :slaToday) OR ` +
    `(${a}.pause_started IS NOT NULL AND (${a}.paused_days_left > 0 OR (${a}.paused_days_left = 0 AND :slaTodayWorking = 1))))`
  );
}
function leftAboveWarning(a: string): string {
  return `((${a}.pause_started IS NULL AND ${a}.due_date > :slaRiskLimit) OR (${a}.pause_started IS NOT NULL AND ${a}.paused_days_left > :slaWarningDays))`;
}

function referralCondition(state: SlaState, a: string): string {
  const open = `${a}.status NOT IN ${FINISHED}`;
  switch (state) {
    case SlaState.MET:
      return `(${a}.status IN ${FINISHED} AND ${a}.finished_date <= ${a}.due_date)`;
    case SlaState.MISSED:
      return `(${a}.status IN ${FINISHED} AND ${a}.finished_date > ${a}.due_date)`;
    case SlaState.OVERDUE:
      return `(${open} AND NOT ${leftAtLeastZero(a)})`;
    case SlaState.AT_RISK:
      return `(${open} AND ${leftAtLeastZero(a)} AND NOT ${leftAboveWarning(a)})`;
    case SlaState.ON_TRACK:
      return `(${open} AND ${leftAboveWarning(a)})`;
  }
}

/** Referrals of case `c` that count for its clock. */
// Correlated COUNT subqueries, not EXISTS: MariaDB rewrites EXISTS into a semi-join that, past a
// few thousand candidate cases, reads the whole referrals table (seen at 400,000 referrals: 8 s
// against 30 ms); a scalar subquery stays a look-up on idx_referrals_case_clock (case_id,
// status, due_date) for each case, without reading the referral rows when due dates suffice.
function counted(c: string, extra: string): string {
  return (
    `((SELECT COUNT(*) FROM referrals x WHERE x.case_id = ${c}.id AND x.status <> '${CANCELLED_STATUS}' AND ${extra}) > 0 OR ` +
    `((SELECT COUNT(*) FROM referrals y WHERE y.case_id = ${c}.id AND y.status <> '${CANCELLED_STATUS}') = 0 AND ` +
    `(SELECT COUNT(*) FROM referrals z WHERE z.case_id = ${c}.id AND ${extra.replace(/\bx\./g, 'z.')}) > 0))`
  );
}

function caseCondition(state: SlaState, c: string): string {
  const open = `${c}.status = 'OPEN'`;
  switch (state) {
    case SlaState.MET:
      return `(${c}.status <> 'OPEN' AND ${counted(c, `x.due_date >= ${c}.closed_date`)})`;
    case SlaState.MISSED:
      return `(${c}.status <> 'OPEN' AND NOT ${counted(c, `x.due_date >= ${c}.closed_date`)})`;
    case SlaState.ON_TRACK:
      return `(${open} AND ${counted(c, leftAboveWarning('x'))})`;
    case SlaState.AT_RISK:
      return `(${open} AND NOT ${counted(c, leftAboveWarning('x'))} AND ${counted(c, leftAtLeastZero('x'))})`;
    case SlaState.OVERDUE:
      return `(${open} AND NOT ${counted(c, leftAtLeastZero('x'))})`;
  }
}

/** The named parameters every SLA condition uses. */
export function slaParameters(w: SlaWindow) {
  return { slaToday: w.today, slaTodayWorking: w.todayWorking ? 1 : 0, slaRiskLimit: w.riskLimit, slaWarningDays: w.warningDays };
}

/**
 * Referrals `alias` in one of `states`. For AT_RISK and OVERDUE alone, limited to the candidates
 * (slaCandidates) unless the caller limits to candidates of its own (`candidates: false`).
 */
export function whereReferralSla(qb: WhereExpressionBuilder, alias: string, states: SlaState[], w: SlaWindow, { candidates = true } = {}): void {
  qb.andWhere(new Brackets((b) => states.forEach((s) => b.orWhere(referralCondition(s, alias), slaParameters(w)))));
  if (candidates && onlyWarnedStates(states)) qb.andWhere(slaCandidates(alias), slaParameters(w));
}

/**
 * Cases `alias` in one of `states`. For AT_RISK and OVERDUE alone, limited to cases with a
 * candidate referral (an open case in either state has one: its open referral with the least time
 * left), so the database starts from the few candidates instead of every open case of the region.
 */
export function whereCaseSla(qb: WhereExpressionBuilder, alias: string, states: SlaState[], w: SlaWindow, { candidates = true } = {}): void {
  qb.andWhere(new Brackets((b) => states.forEach((s) => b.orWhere(caseCondition(s, alias), slaParameters(w)))));
  if (candidates && onlyWarnedStates(states)) {
    qb.andWhere(`${alias}.id IN (SELECT sc.case_id FROM referrals sc WHERE ${slaCandidates('sc')})`, slaParameters(w));
  }
}
