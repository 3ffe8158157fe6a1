import { Department } from '../../src/access/roles';
import { officialWorkingCalendar } from '../../src/calendar/official-calendars';
import { acknowledgementSla, clockBeforeDepartment, recomputeAcknowledgementClock, startAcknowledgementClock } from '../../src/sla/acknowledgement-clock';
import { DEFAULT_LOOP_STANDARD, LoopStandard, loopStandardFor } from '../../src/sla/loop-standards';
import { SlaState } from '../../src/sla/sla.rules';

// The acknowledgement clock (受理时限) on the official calendars; dates counted by hand.
const cal = officialWorkingCalendar();

describe('startAcknowledgementClock', () => {
  it('counts working days after the start, skipping 清明 (2026-04-04 … 06)', () => {
    // Thu 04-02: Fri 04-03 (1), Mon 04-06 off, Tue 04-07 (2).
    expect(startAcknowledgementClock(cal, '2026-04-02', 2)).toEqual({ ackStarted: '2026-04-02', ackDays: 2, acknowledgeBy: '2026-04-07', ackProvisional: false });
  });

  it('is provisional in a year without a calendar, and recomputed once it has one', () => {
    const clock = startAcknowledgementClock(cal, '2026-12-31', 2); // 2027 Monday–Friday: 01-01 (1), 01-04 (2)
    expect(clock).toMatchObject({ acknowledgeBy: '2027-01-04', ackProvisional: true });
    const with2027 = cal.withYear(2027, [{ date: '2027-01-01', workday: false, name: '元旦' }]);
    expect(recomputeAcknowledgementClock(with2027, clock)).toEqual({ acknowledgeBy: '2027-01-05', ackProvisional: false });
    expect(recomputeAcknowledgementClock(with2027, { ackStarted: null, ackDays: null })).toBeNull();
  });
});

describe('acknowledgementSla', () => {
  type Clock = { ackStarted: string | null; acknowledgeBy: string | null; acknowledgedDate: string | null; endedOn: string | null };
  const clock: Clock = { ackStarted: '2026-04-02', acknowledgeBy: '2026-04-07', acknowledgedDate: null, endedOn: null };
  const on = (today: string, over: Partial<Clock> = {}) => acknowledgementSla(cal, { ...clock, ...over }, today, 1);

  it('is null before the clock starts (a PUSH referral not yet delivered)', () => {
    expect(on('2026-04-02', { ackStarted: null, acknowledgeBy: null })).toBeNull();
  });

  it('is ON_TRACK, then AT_RISK with one working day left or none, then OVERDUE', () => {
    expect(on('2026-04-02')).toMatchObject({ state: SlaState.ON_TRACK, workingDaysLeft: 2, workingDaysTaken: 0 });
    expect(on('2026-04-03')).toMatchObject({ state: SlaState.AT_RISK, workingDaysLeft: 1 });
    expect(on('2026-04-06')).toMatchObject({ state: SlaState.AT_RISK, workingDaysLeft: 1 }); // a holiday
    expect(on('2026-04-07')).toMatchObject({ state: SlaState.AT_RISK, workingDaysLeft: 0 });
    expect(on('2026-04-08')).toMatchObject({ state: SlaState.OVERDUE, workingDaysLeft: -1, workingDaysTaken: 3 });
  });

  it('is MET or MISSED by the day it was acknowledged, or ended unacknowledged, whatever today is', () => {
    expect(on('2026-05-01', { acknowledgedDate: '2026-04-07' })).toMatchObject({ state: SlaState.MET, acknowledgedOn: '2026-04-07', workingDaysTaken: 2, workingDaysLeft: 0 });
    expect(on('2026-05-01', { acknowledgedDate: '2026-04-08' })).toMatchObject({ state: SlaState.MISSED, workingDaysTaken: 3 });
    expect(on('2026-05-01', { endedOn: '2026-04-03' })).toMatchObject({ state: SlaState.MET, acknowledgedOn: null, workingDaysTaken: 1 });
  });
});

describe('clockBeforeDepartment', () => {
  it('starts once, with the days of the standard in force for the township', () => {
    expect(clockBeforeDepartment(cal, { townshipCode: '370783104', department: Department.HOUSING, ackStarted: null }, '2026-04-02')).toMatchObject({
      ackDays: DEFAULT_LOOP_STANDARD.acknowledgeDays.HOUSING,
      acknowledgeBy: '2026-04-07',
    });
    expect(clockBeforeDepartment(cal, { townshipCode: '370783104', department: Department.HOUSING, ackStarted: '2026-03-30' }, '2026-04-02')).toEqual({});
  });

  it('reads the longest matching region prefix, then the latest effective date', () => {
    const county: LoopStandard = { ...DEFAULT_LOOP_STANDARD, prefix: '370783', effectiveFrom: '2026-01-01', acknowledgeDays: { ...DEFAULT_LOOP_STANDARD.acknowledgeDays, MEDICAL: 3 } };
    const later: LoopStandard = { ...county, effectiveFrom: '2026-06-01', acknowledgeDays: { ...county.acknowledgeDays, MEDICAL: 1 } };
    const standards = [DEFAULT_LOOP_STANDARD, county, later];
    expect(loopStandardFor('370783104', '2026-05-31', standards).acknowledgeDays.MEDICAL).toBe(3);
    expect(loopStandardFor('370783104', '2026-06-01', standards).acknowledgeDays.MEDICAL).toBe(1);
    expect(loopStandardFor('370784001', '2026-06-01', standards).acknowledgeDays.MEDICAL).toBe(2);
  });
});
