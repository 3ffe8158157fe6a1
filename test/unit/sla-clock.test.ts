import { officialWorkingCalendar } from '../../src/calendar/official-calendars';
import { isProvisional, pauseClock, recomputeClock, resumeClock, startClock } from '../../src/sla/sla-clock';

// The SLA clock's stored columns, on the official 2025–2026 calendars (2027 not loaded, then
// loaded with 元旦 on 01-01 and 01-04). Expected dates are counted by hand in the comments.
const cal = officialWorkingCalendar();
const with2027 = cal.withYear(2027, [
  { date: '2027-01-01', workday: false, name: '元旦' },
  { date: '2027-01-04', workday: false, name: '元旦' },
]);

describe('startClock', () => {
  it('counts 15 working days after acceptance, across a weekend', () => {
    // Mon 2026-03-02: 03-03 … 03-06 (4), 03-09 … 13 (9), 16 … 20 (14), 03-23 (15).
    expect(startClock(cal, '2026-03-02', 15)).toEqual({
      acceptedDate: '2026-03-02',
      slaDays: 15,
      pausedDays: 0,
      dueDate: '2026-03-23',
      dueProvisional: false,
      pauseStarted: null,
      pausedDaysLeft: null,
    });
  });

  it('skips the Spring Festival and counts its make-up Saturdays', () => {
    // Fri 2026-02-13: Sat 02-14 works (1), 02-15 … 02-23 off, 02-24 … 27 (5), Sat 02-28 works (6),
    // 03-02 … 06 (11), 03-09 … 12 (15).
    expect(startClock(cal, '2026-02-13', 15).dueDate).toBe('2026-03-12');
  });

  it('skips the National Day week', () => {
    // Wed 2026-09-30: 10-01 … 10-07 off, Sat 10-10 works; 15 working days end on Tue 10-27.
    expect(startClock(cal, '2026-09-30', 15).dueDate).toBe('2026-10-27');
  });

  it('marks a due date in a year not yet loaded provisional (year end), and not once it is loaded', () => {
    // Thu 2026-12-24, 2027 counted Monday–Friday: 12-25, 28 … 31 (5), 01-01 … 01-14 (15).
    expect(startClock(cal, '2026-12-24', 15)).toMatchObject({ dueDate: '2027-01-14', dueProvisional: true });
    // 2027 loaded: 01-01 and 01-04 off, so two more days: 01-18.
    expect(startClock(with2027, '2026-12-24', 15)).toMatchObject({ dueDate: '2027-01-18', dueProvisional: false });
  });
});

describe('pauseClock and resumeClock', () => {
  const accepted = startClock(cal, '2026-02-13', 15); // due 2026-03-12

  it('freezes the working days left when the clock stops', () => {
    // From Fri 02-13 to Thu 03-12: the 15 working days counted above.
    expect(pauseClock(cal, accepted, '2026-02-13')).toEqual({ pauseStarted: '2026-02-13', pausedDaysLeft: 15 });
    // From Tue 03-10 to Thu 03-12: 03-11, 03-12.
    expect(pauseClock(cal, accepted, '2026-03-10')).toEqual({ pauseStarted: '2026-03-10', pausedDaysLeft: 2 });
  });

  it('adds the paused working days to the due date when it resumes, holidays not counted', () => {
    const paused = { ...accepted, ...pauseClock(cal, accepted, '2026-02-13') };
    // Paused Fri 02-13 → resumed Tue 02-24: Sat 02-14 (make-up day) and 02-24 are working days.
    expect(resumeClock(cal, paused, '2026-02-24')).toEqual({
      pausedDays: 2,
      dueDate: '2026-03-16', // two working days after 03-12: Fri 03-13, Mon 03-16
      dueProvisional: false,
      pauseStarted: null,
      pausedDaysLeft: null,
    });
  });

  it('adds nothing for a pause ended the day it began, or over a weekend only', () => {
    const paused = { ...accepted, ...pauseClock(cal, accepted, '2026-03-06') };
    expect(resumeClock(cal, paused, '2026-03-06')).toMatchObject({ pausedDays: 0, dueDate: '2026-03-12' });
    const friday = { ...accepted, pausedDays: 0, pauseStarted: '2026-03-06' };
    expect(resumeClock(cal, friday, '2026-03-08')).toMatchObject({ pausedDays: 0, dueDate: '2026-03-12' }); // Sunday
    expect(resumeClock(cal, friday, '2026-03-09')).toMatchObject({ pausedDays: 1, dueDate: '2026-03-13' }); // Monday
  });

  it('keeps earlier pauses when a second one ends', () => {
    const second = { ...accepted, pausedDays: 2, pauseStarted: '2026-03-02' };
    // 03-03, 03-04 paused now: 4 in all, so 4 working days after 03-12: 03-13, 16, 17, 18.
    expect(resumeClock(cal, second, '2026-03-04')).toMatchObject({ pausedDays: 4, dueDate: '2026-03-18' });
  });

  it('changes nothing when the clock is running', () => {
    expect(resumeClock(cal, accepted, '2026-03-04')).toEqual({});
  });

  it('pushes a due date over the year end and marks it provisional', () => {
    const december = { ...startClock(cal, '2026-12-01', 15), pauseStarted: '2026-12-10' };
    expect(december.dueDate).toBe('2026-12-22');
    // Paused 12-10 → 12-31: 15 working days (12-11 … 12-31), due 15 working days after 12-22:
    // 12-23 … 12-31 (7), then 2027 Monday–Friday: 01-01 … 01-12 (15), not loaded yet.
    expect(resumeClock(cal, december, '2026-12-31')).toMatchObject({ pausedDays: 15, dueDate: '2027-01-12', dueProvisional: true });
  });
});

describe('recomputeClock', () => {
  it('moves a provisional due date when its year is published, and the frozen days left with it', () => {
    const clock = { ...startClock(cal, '2026-12-24', 15), pauseStarted: '2026-12-28' };
    // Monday–Friday 2027: from 12-28 to 01-14 are 12-29 … 31 (3), 01-01 (4), 01-04 … 08 (9), 01-11 … 14 (13).
    expect(recomputeClock(cal, clock)).toEqual({ dueDate: '2027-01-14', dueProvisional: true, pausedDaysLeft: 13 });
    // Published 2027: from 12-28 to 01-18 are 12-29 … 31 (3), 01-05 … 08 (7), 01-11 … 15 (12), 01-18 (13).
    expect(recomputeClock(with2027, clock)).toEqual({ dueDate: '2027-01-18', dueProvisional: false, pausedDaysLeft: 13 });
  });

  it('gives a running clock no days left', () => {
    expect(recomputeClock(with2027, startClock(cal, '2026-12-24', 15))).toMatchObject({ dueDate: '2027-01-18', pausedDaysLeft: null });
  });
});

describe('isProvisional', () => {
  it("is about the due date's year only", () => {
    expect(isProvisional(cal, '2026-12-31')).toBe(false);
    expect(isProvisional(cal, '2027-01-04')).toBe(true);
    expect(isProvisional(with2027, '2027-01-04')).toBe(false);
    expect(isProvisional(cal, '2024-12-31')).toBe(true);
  });
});
