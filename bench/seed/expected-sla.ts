import { WorkingCalendar } from '../../src/calendar/working-days';
import { IsoDate } from '../../src/common/dates';
import { caseSla, referralSla, SlaFigures, SlaState } from '../../src/sla/sla.rules';
import { OpenCase } from './case-history';

/** The SLA state of every open referral and open case on one day, by id. */
export interface SlaStates {
  referral: Map<string, SlaState>;
  case: Map<string, SlaState>;
}

/**
 * What the hub's read-time rules (src/sla/sla.rules.ts) say of the seeded open cases on `day`:
 * the figures a benchmark compares the hub's answers with, computed without the database.
 */
export function slaStatesOn(openCases: readonly OpenCase[], calendar: WorkingCalendar, day: IsoDate, warningDays: number): SlaStates {
  const referral = new Map<string, SlaState>();
  const cases = new Map<string, SlaState>();
  for (const c of openCases) {
    const figures: Array<{ sla: SlaFigures; cancelled: boolean }> = [];
    for (const r of c.referrals) {
      const sla = referralSla(calendar, r.clock, day, warningDays);
      figures.push({ sla, cancelled: false });
      if (r.open) referral.set(r.id, sla.state);
    }
    cases.set(c.id, caseSla(calendar, c.acceptedDate, 15, figures, null, day, warningDays).state);
  }
  return { referral, case: cases };
}
