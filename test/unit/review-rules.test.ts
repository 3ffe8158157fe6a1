import { WorkingCalendar } from '../../src/calendar/working-days';
import { OFFICIAL_CALENDARS } from '../../src/calendar/official-calendars';
import { SlaState } from '../../src/sla/sla.rules';
import { DEFAULT_REGISTER_STANDARD, RegisterStandard } from '../../src/register/register-standards';
import { reviewDeadline, reviewState } from '../../src/register/review/review-rules';
import { ReviewStatus } from '../../src/register/review/review.entity';

// The clock of a periodic review (review-rules.ts): its deadline from the scheduled date on the
// working calendar, and its state.

const calendar = new WorkingCalendar(new Map(Object.entries(OFFICIAL_CALENDARS).map(([year, days]) => [Number(year), days])));

describe('a review\'s deadline', () => {
  it('counts the region\'s working days from the scheduled date, holidays skipped and make-up days counted', () => {
    // 国庆 2026: 10/1–10/7 off, 10/10 (a Saturday) worked.
    expect(reviewDeadline(calendar, '2026-10-02', '370783104')).toEqual({ deadlineDate: '2026-11-03', deadlineProvisional: false });
    expect(reviewDeadline(calendar, '2026-06-02', '370783104').deadlineDate).toBe('2026-07-01');
  });

  it('takes the working days from the standard in force for the township', () => {
    const shorter: RegisterStandard = { ...DEFAULT_REGISTER_STANDARD, prefix: '3707', reviewWorkingDays: 5 };
    const standardOf = (township: string) => (township.startsWith('3707') ? shorter : DEFAULT_REGISTER_STANDARD);
    expect(reviewDeadline(calendar, '2026-06-02', '370783104', standardOf).deadlineDate).toBe('2026-06-09');
    expect(reviewDeadline(calendar, '2026-06-02', '110101001', standardOf).deadlineDate).toBe('2026-07-01');
  });

  it('is provisional in a year without a published calendar', () => {
    expect(reviewDeadline(calendar, '2099-01-01', '370783104').deadlineProvisional).toBe(true);
  });
});

describe('a review\'s state', () => {
  const open = { status: ReviewStatus.OPEN, deadlineDate: '2026-07-01', completedOn: null };
  it('is ON_TRACK, AT_RISK within the warning days, OVERDUE after the deadline while open', () => {
    expect(reviewState(calendar, open, '2026-06-25', 3)).toEqual({ state: SlaState.ON_TRACK, workingDaysLeft: 4 });
    expect(reviewState(calendar, open, '2026-06-26', 3)).toEqual({ state: SlaState.AT_RISK, workingDaysLeft: 3 });
    expect(reviewState(calendar, open, '2026-07-01', 3)).toEqual({ state: SlaState.AT_RISK, workingDaysLeft: 0 });
    expect(reviewState(calendar, open, '2026-07-02', 3)).toEqual({ state: SlaState.OVERDUE, workingDaysLeft: -1 });
  });

  it('is MET or MISSED by the day it was done, and has none once superseded', () => {
    expect(reviewState(calendar, { ...open, status: ReviewStatus.DONE, completedOn: '2026-07-01' }, '2026-09-01', 3)?.state).toBe(SlaState.MET);
    expect(reviewState(calendar, { ...open, status: ReviewStatus.DONE, completedOn: '2026-07-02' }, '2026-09-01', 3)?.state).toBe(SlaState.MISSED);
    expect(reviewState(calendar, { ...open, status: ReviewStatus.SUPERSEDED }, '2026-07-02', 3)).toBeNull();
  });
});
