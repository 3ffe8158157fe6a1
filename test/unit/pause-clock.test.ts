import { officialWorkingCalendar } from '../../src/calendar/official-calendars';
import { PauseType } from '../../src/sla/loop-standards';
import { pauseDeadline, pauseSla } from '../../src/sla/pause-clock';
import { SlaState } from '../../src/sla/sla.rules';

// A pause's own clock: its maximum by type (working days, or calendar days for 公示); dates by hand.
const cal = officialWorkingCalendar();
const TOWNSHIP = '370783104';

describe('pauseDeadline', () => {
  it('counts working days for a household visit, skipping 清明', () => {
    // Wed 04-01: 04-02 (1), 04-03 (2), 04-06 off, 04-07 … 04-10 (6), 04-13 … 04-16 (10).
    expect(pauseDeadline(cal, PauseType.HOUSEHOLD_VISIT, TOWNSHIP, '2026-04-01')).toEqual({ maxDays: 10, maxUnit: 'WORKING_DAYS', deadline: '2026-04-16', deadlineProvisional: false });
  });

  it('counts calendar days for a public notice (为期7天), holidays included', () => {
    expect(pauseDeadline(cal, PauseType.PUBLIC_NOTICE, TOWNSHIP, '2026-09-30')).toEqual({ maxDays: 7, maxUnit: 'CALENDAR_DAYS', deadline: '2026-10-07', deadlineProvisional: false });
  });

  it('is provisional when a working-day deadline falls in a year without a calendar', () => {
    expect(pauseDeadline(cal, PauseType.ASSESSMENT, TOWNSHIP, '2026-12-20').deadlineProvisional).toBe(true);
  });
});

describe('pauseSla', () => {
  const p = { startedOn: '2026-04-01', deadline: '2026-04-16', endedOn: null as string | null };
  it('is ON_TRACK, AT_RISK with one working day left or none, then OVERDUE', () => {
    expect(pauseSla(cal, p, '2026-04-14')).toEqual({ state: SlaState.ON_TRACK, workingDays: 8, workingDaysLeft: 2 });
    expect(pauseSla(cal, p, '2026-04-15')).toMatchObject({ state: SlaState.AT_RISK, workingDaysLeft: 1 });
    expect(pauseSla(cal, p, '2026-04-16')).toMatchObject({ state: SlaState.AT_RISK, workingDaysLeft: 0 });
    expect(pauseSla(cal, p, '2026-04-17')).toMatchObject({ state: SlaState.OVERDUE, workingDaysLeft: -1 });
  });

  it('is AT_RISK before a deadline on a day off with one working day between', () => {
    // A 公示 ending Sunday 04-19: on Thursday 04-16 one working day (Friday) is left.
    const notice = { startedOn: '2026-04-12', deadline: '2026-04-19', endedOn: null };
    expect(pauseSla(cal, notice, '2026-04-15')?.state).toBe(SlaState.ON_TRACK);
    expect(pauseSla(cal, notice, '2026-04-16')?.state).toBe(SlaState.AT_RISK);
  });

  it('is MET or MISSED by the day it ended, and null without a deadline', () => {
    expect(pauseSla(cal, { ...p, endedOn: '2026-04-16' }, '2026-05-01')).toMatchObject({ state: SlaState.MET, workingDays: 10 });
    expect(pauseSla(cal, { ...p, endedOn: '2026-04-17' }, '2026-05-01')).toMatchObject({ state: SlaState.MISSED });
    expect(pauseSla(cal, { ...p, deadline: null }, '2026-05-01')).toBeNull();
  });
});
