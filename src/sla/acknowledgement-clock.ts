import { WorkingCalendar } from '../calendar/working-days';
import { IsoDate } from '../common/dates';
import { isProvisional } from './sla-clock';
import { classifyOpen, SlaState } from './sla.rules';
import { Department } from '../access/roles';
import { loopStandardFor } from './loop-standards';

// The acknowledgement clock of a referral (受理时限), beside its resolution clock: once a referral
// is before its department — in a PULL department's queue from the day it is accepted, with a PUSH
// department from the day the hub first delivered it — the department has N working days to
// acknowledge it. It is never paused (materials are asked for only after acknowledgement). Pure.
//
//   acknowledge by = start + N working days (the start day not counted)
//   state          = ON_TRACK / AT_RISK / OVERDUE while unacknowledged, MET / MISSED once acknowledged
//                    (or ended unacknowledged: a withdrawn case's referral), judged on that day

/** The stored acknowledgement columns of a referral (see ReferralEntity). */
export interface StoredAcknowledgementClock {
  ackStarted: IsoDate | null;
  ackDays: number | null;
  acknowledgeBy: IsoDate | null;
  ackProvisional: boolean;
}

export interface AcknowledgementFigures {
  state: SlaState;
  acknowledgeBy: IsoDate;
  /** The day it was acknowledged, else null. */
  acknowledgedOn: IsoDate | null;
  /** Working days from the start to the acknowledgement (or to today, or to the day it ended). */
  workingDaysTaken: number;
  workingDaysLeft: number;
  provisional: boolean;
}

/** The clock of a referral that is before its department from `started`, with `days` working days to acknowledge it. */
export function startAcknowledgementClock(calendar: WorkingCalendar, started: IsoDate, days: number): StoredAcknowledgementClock {
  const acknowledgeBy = calendar.addWorkingDays(started, days);
  return { ackStarted: started, ackDays: days, acknowledgeBy, ackProvisional: isProvisional(calendar, acknowledgeBy) };
}

/** The stored columns a (newly published) calendar gives the same clock; null when it has not started. */
export function recomputeAcknowledgementClock(
  calendar: WorkingCalendar,
  clock: Pick<StoredAcknowledgementClock, 'ackStarted' | 'ackDays'>,
): Pick<StoredAcknowledgementClock, 'acknowledgeBy' | 'ackProvisional'> | null {
  if (clock.ackStarted === null || clock.ackDays === null) return null;
  const { acknowledgeBy, ackProvisional } = startAcknowledgementClock(calendar, clock.ackStarted, clock.ackDays);
  return { acknowledgeBy, ackProvisional };
}

/**
 * The acknowledgement's figures today, or null while the clock has not started (a PUSH referral
 * not yet delivered). `endedOn`: the day the referral finished without being acknowledged.
 */
export function acknowledgementSla(
  calendar: WorkingCalendar,
  clock: { ackStarted: IsoDate | null; acknowledgeBy: IsoDate | null; acknowledgedDate: IsoDate | null; endedOn: IsoDate | null },
  today: IsoDate,
  warningDays: number,
): AcknowledgementFigures | null {
  if (clock.ackStarted === null || clock.acknowledgeBy === null) return null;
  const end = clock.acknowledgedDate ?? clock.endedOn;
  const until = end ?? today;
  const workingDaysLeft = calendar.workingDaysBetween(until, clock.acknowledgeBy);
  return {
    state: end ? (end <= clock.acknowledgeBy ? SlaState.MET : SlaState.MISSED) : classifyOpen(workingDaysLeft, today, clock.acknowledgeBy, warningDays),
    acknowledgeBy: clock.acknowledgeBy,
    acknowledgedOn: clock.acknowledgedDate,
    workingDaysTaken: Math.max(0, calendar.workingDaysBetween(clock.ackStarted, until)),
    workingDaysLeft,
    provisional: isProvisional(calendar, clock.acknowledgeBy),
  };
}

/** The columns of a referral whose acknowledgement clock has not started. */
export const NO_ACKNOWLEDGEMENT_CLOCK: StoredAcknowledgementClock & { acknowledgedDate: IsoDate | null } = {
  ackStarted: null,
  ackDays: null,
  acknowledgeBy: null,
  ackProvisional: false,
  acknowledgedDate: null,
};

/**
 * The clock's columns once a referral is before its department on `today` (a PULL referral at
 * intake, a PUSH one when first delivered), with the working days of the loop standard in force
 * for its township; nothing when its clock already runs (a delivery again after a failure).
 */
export function clockBeforeDepartment(
  calendar: WorkingCalendar,
  r: { townshipCode: string; department: string; ackStarted: IsoDate | null },
  today: IsoDate,
): Partial<StoredAcknowledgementClock> {
  if (r.ackStarted !== null) return {};
  return startAcknowledgementClock(calendar, today, loopStandardFor(r.townshipCode, today).acknowledgeDays[r.department as Department]);
}
