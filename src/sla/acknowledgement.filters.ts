import { Brackets, WhereExpressionBuilder } from 'typeorm';
import { WorkingCalendar } from '../calendar/working-days';
import { IsoDate } from '../common/dates';
import { AWAITING_ACKNOWLEDGEMENT_STATUSES, CANCELLED_STATUS, sqlStatusList } from '../referrals/referral-status';
import { ACKNOWLEDGE_WARNING_DAYS } from './loop-standards';
import { SlaState } from './sla.rules';

// SQL forms of the acknowledgement clock's states (acknowledgement-clock.ts), for the filters and
// the SLA scan. A referral waiting for acknowledgement (PENDING or DELIVERED with a started clock)
// is AT_RISK when acknowledge_by <= the W-th working day after today and OVERDUE when
// acknowledge_by < today; acknowledge_by is always a working day, so this is "W or fewer working
// days left". Finished clocks compare the day it was acknowledged (or ended) with acknowledge_by.
// The e2e test "acknowledgement filters agree" checks these against the computed state day by day.

export interface AcknowledgementWindow {
  today: IsoDate;
  /** The W-th working day after today. */
  riskLimit: IsoDate;
}

export function acknowledgementWindow(calendar: WorkingCalendar, today: IsoDate): AcknowledgementWindow {
  return { today, riskLimit: calendar.addWorkingDays(today, ACKNOWLEDGE_WARNING_DAYS) };
}

const AWAITING = sqlStatusList(AWAITING_ACKNOWLEDGEMENT_STATUSES);

/** Waiting for acknowledgement with a running clock: an index range on idx_referrals_ack (status, acknowledge_by) once a bound is added. */
const awaitingAcknowledgement = (a: string) => `(${a}.status IN ${AWAITING} AND ${a}.acknowledge_by IS NOT NULL)`;

function condition(state: SlaState, a: string): string {
  // The day the clock stopped: acknowledged, or ended unacknowledged (cancelled).
  const stopped = `COALESCE(${a}.acknowledged_date, CASE WHEN ${a}.status = '${CANCELLED_STATUS}' THEN ${a}.finished_date END)`;
  switch (state) {
    case SlaState.OVERDUE:
      return `(${awaitingAcknowledgement(a)} AND ${a}.acknowledge_by < :ackToday)`;
    case SlaState.AT_RISK:
      return `(${awaitingAcknowledgement(a)} AND ${a}.acknowledge_by >= :ackToday AND ${a}.acknowledge_by <= :ackRiskLimit)`;
    case SlaState.ON_TRACK:
      return `(${awaitingAcknowledgement(a)} AND ${a}.acknowledge_by > :ackRiskLimit)`;
    case SlaState.MET:
      return `(${a}.acknowledge_by IS NOT NULL AND ${stopped} <= ${a}.acknowledge_by)`;
    case SlaState.MISSED:
      return `(${a}.acknowledge_by IS NOT NULL AND ${stopped} > ${a}.acknowledge_by)`;
  }
}

export function acknowledgementParameters(w: AcknowledgementWindow) {
  return { ackToday: w.today, ackRiskLimit: w.riskLimit };
}

/** Referrals `alias` whose acknowledgement clock is in one of `states`. */
export function whereAcknowledgementSla(qb: WhereExpressionBuilder, alias: string, states: SlaState[], w: AcknowledgementWindow): void {
  qb.andWhere(new Brackets((b) => states.forEach((s) => b.orWhere(condition(s, alias), acknowledgementParameters(w)))));
}
