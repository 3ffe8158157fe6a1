import cd2025 from 'chinese-days/dist/years/2025.json';
import cd2026 from 'chinese-days/dist/years/2026.json';
import { OFFICIAL_CALENDARS, officialWorkingCalendar } from '../../src/calendar/official-calendars';
import { CalendarException, WorkingCalendar, validateCalendarYear } from '../../src/calendar/working-days';
import { addCalendarDays, calendarDaysBetween, cstDateOf, isValidIsoDate, weekdayOf } from '../../src/common/dates';

// chinese-days' own API (isWorkday, getDayDetail) shifts dates by one day when the process TZ is
// west of UTC, so the comparison reads its per-year data files, which are plain date keys.
interface CdYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const CD: Record<number, CdYear> = { 2025: cd2025, 2026: cd2026 };

const cal = officialWorkingCalendar();

function everyDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

/** Reference count by walking day by day: working days d with from < d <= to (signed). */
function slowBetween(c: WorkingCalendar, from: string, to: string): number {
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let n = 0;
  for (let d = addCalendarDays(lo, 1); d <= hi; d = addCalendarDays(d, 1)) if (c.isWorkday(d)) n++;
  return sign * n;
}

/** Deterministic PRNG (mulberry32) so property checks are reproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('official calendars vs chinese-days', () => {
  for (const year of [2025, 2026]) {
    it(`${year}: isWorkday agrees with chinese-days on every day`, () => {
      const cd = CD[year];
      const days = everyDay(`${year}-01-01`, `${year}-12-31`);
      const mismatches = days.filter((d) => {
        const w = weekdayOf(d);
        const expected = d in cd.holidays ? false : d in cd.workdays ? true : w >= 1 && w <= 5;
        return cal.isWorkday(d) !== expected;
      });
      expect(mismatches).toEqual([]);
    });

    it(`${year}: lists exactly the days chinese-days lists, with matching names`, () => {
      const cd = CD[year];
      const ours = OFFICIAL_CALENDARS[year];
      const cdDates = [...Object.keys(cd.holidays), ...Object.keys(cd.workdays)].sort();
      expect(ours.map((d) => d.date).sort()).toEqual(cdDates);
      for (const d of ours) {
        const cdEntry = d.workday ? cd.workdays[d.date] : cd.holidays[d.date];
        // chinese-days: "English,中文,n"; ours: the notice's name (清明节 vs 清明), make-up days "<节>补班".
        expect(d.name!.startsWith(cdEntry.split(',')[1])).toBe(true);
      }
    });

    it(`${year}: passes validation and matches the notice's shape`, () => {
      expect(validateCalendarYear(year, OFFICIAL_CALENDARS[year])).toEqual([]);
      const workdays = cal.yearDays(year).filter((d) => d.workday).length;
      expect(workdays).toBe(248); // 2025 and 2026 both have 248 working days
    });
  }

  it('has make-up days only on weekends and names on every entry', () => {
    for (const days of Object.values(OFFICIAL_CALENDARS)) {
      for (const d of days) {
        expect(d.name).toBeTruthy();
        if (d.workday) expect([0, 6]).toContain(weekdayOf(d.date));
        if (d.workday) expect(d.name).toMatch(/补班$/);
      }
    }
    expect(OFFICIAL_CALENDARS[2025].filter((d) => d.workday).map((d) => d.date)).toEqual([
      '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
    ]);
    expect(OFFICIAL_CALENDARS[2026].filter((d) => d.workday).map((d) => d.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
  });
});

describe('date helpers', () => {
  it('isValidIsoDate is strict', () => {
    for (const ok of ['2025-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31']) {
      expect(isValidIsoDate(ok)).toBe(true);
    }
    for (const bad of [
      '2025-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01',
      '25-01-01', '2025-01-01T00:00', ' 2025-01-01', '2025/01/01', '0000-01-01', '', '２０２５-01-01',
    ]) {
      expect(isValidIsoDate(bad)).toBe(false);
    }
    expect(isValidIsoDate(undefined as unknown as string)).toBe(false);
  });

  it('cstDateOf uses UTC+8 whatever the process TZ', () => {
    expect(cstDateOf(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(cstDateOf(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(cstDateOf(new Date('2026-01-01T00:00:00+08:00'))).toBe('2026-01-01');
    expect(cstDateOf(new Date('2026-01-01T23:59:59+08:00'))).toBe('2026-01-01');
    expect(cstDateOf(new Date('2026-03-08T06:30:00-05:00'))).toBe('2026-03-08'); // US DST switch day
    expect(cstDateOf(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(() => cstDateOf(new Date('nonsense'))).toThrow(RangeError);
  });

  it('addCalendarDays and calendarDaysBetween', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2025-03-08', 1)).toBe('2025-03-09');
    expect(addCalendarDays('2025-11-01', 2)).toBe('2025-11-03');
    expect(addCalendarDays('2025-01-01', 0)).toBe('2025-01-01');
    expect(addCalendarDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(calendarDaysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(calendarDaysBetween('2026-01-01', '2025-01-01')).toBe(-365);
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2025-01-01', 1.5)).toThrow(RangeError);
  });

  it('weekdayOf', () => {
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-31')).toBe(3);
    expect(weekdayOf('2000-01-01')).toBe(6);
    expect(weekdayOf('2025-01-01')).toBe(3);
    expect(weekdayOf('2026-02-15')).toBe(0);
    expect(weekdayOf('2027-01-01')).toBe(5);
    expect(weekdayOf('0001-01-01')).toBe(1);
  });

  it('gives CST answers while the process runs in another zone', () => {
    // The unit project runs in America/New_York (test/support/timezone-environment.js); setting
    // process.env.TZ inside a test would not move the zone (the sandbox has a copy of env).
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(300);
    expect([
      cstDateOf(new Date('2025-12-31T16:00:00Z')),
      cstDateOf(new Date('2025-12-31T15:59:59Z')),
      weekdayOf('2026-03-08'),
      addCalendarDays('2026-03-07', 2),
      cal.addWorkingDays('2025-09-30', 1),
      cal.workingDaysBetween('2025-01-01', '2026-12-31'),
    ]).toEqual(['2026-01-01', '2025-12-31', 0, '2026-03-09', '2025-10-09', 496]);
  });
});

describe('WorkingCalendar.isWorkday', () => {
  it.each([
    ['2025-01-01', false], // 元旦, Wednesday
    ['2025-01-26', true], // 春节补班, Sunday
    ['2025-01-27', true],
    ['2025-02-04', false],
    ['2025-02-08', true], // Saturday make-up
    ['2025-10-06', false], // 中秋节
    ['2025-10-11', true],
    ['2025-10-12', false], // ordinary Sunday
    ['2026-01-04', true],
    ['2026-02-23', false],
    ['2026-09-20', true],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2027-01-01', true], // not loaded: a plain Friday
    ['2027-01-02', false],
    ['2024-10-01', true], // not loaded: a plain Tuesday
  ])('%s -> %s', (date, expected) => {
    expect(cal.isWorkday(date)).toBe(expected);
  });

  it('rejects invalid dates', () => {
    expect(() => cal.isWorkday('2025-02-29')).toThrow(RangeError);
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  it.each([
    // National Day 2025: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) on.
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 2, '2025-10-10'],
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-09-30', 4, '2025-10-13'],
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-10-03', 1, '2025-10-09'], // from a holiday
    // Spring Festival 2025: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) on.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 2, '2025-01-27'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-02-07', 1, '2025-02-08'],
    // Spring Festival 2026: 02-15..02-23 off, 02-14 and 02-28 (Sat) on.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    // Across the year end: 2026-01-01..03 off, 01-04 (Sun) on.
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
    ['2026-03-07', 1, '2026-03-09'], // from a Saturday
    ['2026-03-09', 0, '2026-03-09'],
    ['2026-03-08', 0, '2026-03-08'], // 0 returns from even on a rest day
  ])('%s + %d = %s', (from, days, expected) => {
    expect(cal.addWorkingDays(from, days)).toBe(expected);
  });

  it.each([
    ['2026-07-01', '2026-07-22'], // no holidays: three calendar weeks
    ['2026-02-10', '2026-03-09'], // Spring Festival 2026, with both make-up Saturdays
    ['2025-09-22', '2025-10-17'], // National Day 2025, with 09-28 and 10-11
    ['2026-03-16', '2026-04-07'], // 清明节 2026 (04-06 Monday off)
    ['2026-06-01', '2026-06-23'], // 端午节 2026 (06-19 Friday off)
    ['2026-04-24', '2026-05-19'], // 劳动节 2026 (05-01, 05-04, 05-05 off; 05-09 on)
  ])('15 working days after %s is %s', (from, expected) => {
    expect(cal.addWorkingDays(from, 15)).toBe(expected);
  });

  it.each([
    ['2025-10-09', -1, '2025-09-30'],
    ['2025-10-01', -1, '2025-09-30'],
    ['2025-09-29', -1, '2025-09-28'], // make-up Sunday
    ['2026-02-24', -1, '2026-02-14'],
    ['2026-02-24', -2, '2026-02-13'],
    ['2026-01-05', -2, '2025-12-31'],
  ])('%s %d = %s (backwards)', (from, days, expected) => {
    expect(cal.addWorkingDays(from, days)).toBe(expected);
  });

  it('guards the step size and inputs', () => {
    expect(() => cal.addWorkingDays('2025-01-01', 3661)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', -3661)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-1-1', 1)).toThrow(RangeError);
    const far = cal.addWorkingDays('2025-01-01', 3660);
    expect(cal.workingDaysBetween('2025-01-01', far)).toBe(3660);
    // 2025-01-01 is a holiday, so the 3660th working day before `far` is 2024-12-31 (plain Tuesday).
    expect(cal.addWorkingDays(far, -3660)).toBe('2024-12-31');
  });
});

describe('WorkingCalendar.workingDaysBetween', () => {
  it('counts (from, to], negative when reversed, zero on the same day', () => {
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(cal.workingDaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-08', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-09', '2025-10-09')).toBe(0);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-11')).toBe(3);
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2026-12-31', '2024-12-31')).toBe(-496);
  });

  it('is consistent with addWorkingDays', () => {
    for (const from of everyDay('2025-01-01', '2026-12-31').filter((_, i) => i % 3 === 0)) {
      for (const n of [0, 1, 2, 5, 15, 18, 40]) {
        const to = cal.addWorkingDays(from, n);
        expect(cal.workingDaysBetween(from, to)).toBe(n);
        if (n > 0) expect(cal.isWorkday(to)).toBe(true);
        if (n > 0) expect(cal.workingDaysBetween(from, addCalendarDays(to, -1))).toBe(n - 1);
        // Backwards: `back` is the n-th working day before `from`, so (back, from] holds
        // n-1 working days plus `from` itself when it is one.
        const back = cal.addWorkingDays(from, -n);
        if (n > 0) expect(cal.workingDaysBetween(back, from)).toBe(n - 1 + (cal.isWorkday(from) ? 1 : 0));
      }
    }
  });

  it('agrees with a day-by-day count, loaded years or not', () => {
    const rnd = prng(20250101);
    const start = '2023-10-01';
    for (let i = 0; i < 400; i++) {
      const a = addCalendarDays(start, Math.floor(rnd() * 1600));
      const b = addCalendarDays(start, Math.floor(rnd() * 1600));
      expect(cal.workingDaysBetween(a, b)).toBe(slowBetween(cal, a, b));
    }
  });
});

describe('provisional spans and loading years', () => {
  it('knows which years are loaded', () => {
    expect(cal.loadedYears()).toEqual([2025, 2026]);
    expect(cal.isLoaded(2026)).toBe(true);
    expect(cal.isLoaded(2027)).toBe(false);
  });

  it('counts an unloaded year Monday–Friday and recomputes once it is loaded', () => {
    // 12-21..12-25 (5), 12-28..12-31 (9), 2027-01-01 Fri (10), 01-04..01-08 (15).
    expect(cal.addWorkingDays('2026-12-20', 15)).toBe('2027-01-08');
    const with2027 = cal.withYear(2027, [
      { date: '2027-01-01', workday: false, name: '元旦' },
      { date: '2027-01-02', workday: false, name: '元旦' },
    ]);
    expect(with2027.addWorkingDays('2026-12-20', 15)).toBe('2027-01-11');
    expect(with2027.isLoaded(2027)).toBe(true);
    expect(with2027.loadedYears()).toEqual([2025, 2026, 2027]);
    // withYear returns a copy; the original is unchanged.
    expect(cal.isLoaded(2027)).toBe(false);
    expect(cal.addWorkingDays('2026-12-20', 15)).toBe('2027-01-08');
  });

  it('replaces a year wholesale and can drop one', () => {
    const blank2026 = cal.withYear(2026, []);
    expect(blank2026.isWorkday('2026-10-01')).toBe(true); // a plain Thursday now
    expect(blank2026.isWorkday('2026-02-14')).toBe(false); // a plain Saturday now
    expect(blank2026.isLoaded(2026)).toBe(true);
    expect(cal.isWorkday('2026-10-01')).toBe(false);
    const without = cal.withoutYear(2026);
    expect(without.isLoaded(2026)).toBe(false);
  });

  it('refuses structurally broken years', () => {
    const m = (days: CalendarException[]) => new Map([[2025, days]]);
    expect(() => new WorkingCalendar(m([{ date: '2025-02-30', workday: false }]))).toThrow(RangeError);
    expect(() => new WorkingCalendar(m([{ date: '2026-01-01', workday: false }]))).toThrow(/2026-01-01/);
    const dup = { date: '2025-05-01', workday: false };
    expect(() => new WorkingCalendar(m([dup, dup]))).toThrow(/2025-05-01/);
    expect(() => cal.withYear(1999, [{ date: '2000-01-01', workday: false }])).toThrow(RangeError);
  });
});

describe('WorkingCalendar.yearDays', () => {
  it('lists every day with workday and name', () => {
    const days = cal.yearDays(2025);
    expect(days).toHaveLength(365);
    expect(days[0]).toEqual({ date: '2025-01-01', workday: false, name: '元旦' });
    expect(days[364].date).toBe('2025-12-31');
    days.forEach((d, i) => i > 0 && expect(calendarDaysBetween(days[i - 1].date, d.date)).toBe(1));
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2025-02-01')).toEqual({ date: '2025-02-01', workday: false, name: '春节' });
    expect(byDate.get('2025-02-08')).toEqual({ date: '2025-02-08', workday: true, name: '春节补班' });
    expect(byDate.get('2025-10-06')).toEqual({ date: '2025-10-06', workday: false, name: '中秋节' });
    expect(byDate.get('2025-03-03')).toEqual({ date: '2025-03-03', workday: true, name: null });
    expect(byDate.get('2025-03-08')).toEqual({ date: '2025-03-08', workday: false, name: null });
    expect(cal.yearDays(2026)).toHaveLength(365);
    expect(cal.nameOf('2026-09-26')).toBe('中秋节');
    expect(cal.nameOf('2026-09-28')).toBeNull();
  });

  it('gives leap and unloaded years Monday–Friday without names', () => {
    for (const year of [2024, 2028]) {
      const days = cal.yearDays(year);
      expect(days).toHaveLength(366);
      expect(days.every((d) => d.name === null)).toBe(true);
      expect(days.every((d) => d.workday === [1, 2, 3, 4, 5].includes(weekdayOf(d.date)))).toBe(true);
    }
    expect(cal.yearDays(2027)).toHaveLength(365);
  });

  it('normalises blank names to null', () => {
    const c = new WorkingCalendar(new Map([[2027, [{ date: '2027-02-08', workday: false, name: '  ' }]]]));
    expect(c.yearDays(2027).find((d) => d.date === '2027-02-08')).toEqual({ date: '2027-02-08', workday: false, name: null });
  });
});

describe('validateCalendarYear', () => {
  const codes = (year: number, days: CalendarException[]) => validateCalendarYear(year, days).map((p) => [p.index, p.field, p.code]);

  it('accepts a small valid year and weekdays listed redundantly', () => {
    expect(validateCalendarYear(2027, [])).toEqual([]);
    expect(validateCalendarYear(2027, [{ date: '2027-03-01', workday: true, name: null }])).toEqual([]);
    expect(validateCalendarYear(2000, [])).toEqual([]);
    expect(validateCalendarYear(2100, [])).toEqual([]);
  });

  it('rejects years outside 2000..2100 or not integers', () => {
    for (const y of [1999, 2101, 2025.5, NaN]) expect(codes(y, [])).toEqual([[null, 'year', 'INVALID_YEAR']]);
  });

  it('rejects invalid dates, dates outside the year and duplicates, naming the date', () => {
    const problems = validateCalendarYear(2025, [
      { date: '2025-02-30', workday: false },
      { date: '2026-01-01', workday: false },
      { date: '2025-05-01', workday: false },
      { date: '2025-05-01', workday: false },
      { date: '2025/05/02', workday: false },
    ]);
    expect(problems.map((p) => [p.index, p.field, p.code])).toEqual([
      [0, 'date', 'INVALID_DATE'],
      [1, 'date', 'DATE_OUTSIDE_YEAR'],
      [3, 'date', 'DUPLICATE_DATE'],
      [4, 'date', 'INVALID_DATE'],
    ]);
    expect(problems[0].message).toContain('2025-02-30');
    expect(problems[1].message).toContain('2026-01-01');
    expect(problems[2].message).toContain('2025-05-01');
    expect(problems[2].message).toContain('days[2]');
  });

  it('limits names to 50 characters', () => {
    expect(codes(2025, [{ date: '2025-05-01', workday: false, name: '节'.repeat(50) }])).toEqual([]);
    expect(codes(2025, [{ date: '2025-05-01', workday: false, name: 'x'.repeat(51) }])).toEqual([[0, 'name', 'NAME_TOO_LONG']]);
  });

  it('refuses implausible years', () => {
    const weekdays2027 = everyDay('2027-01-01', '2027-12-31').filter((d) => ![0, 6].includes(weekdayOf(d)));
    const weekends2027 = everyDay('2027-01-01', '2027-12-31').filter((d) => [0, 6].includes(weekdayOf(d)));
    const off = (n: number) => weekdays2027.slice(0, n).map((date) => ({ date, workday: false }));
    const on = (n: number) => weekends2027.slice(0, n).map((date) => ({ date, workday: true }));
    expect(codes(2027, off(40))).toEqual([]);
    expect(codes(2027, off(41))).toEqual([[null, 'workday', 'IMPLAUSIBLE_CALENDAR']]);
    expect(codes(2027, on(15))).toEqual([]);
    expect(codes(2027, on(16))).toEqual([[null, 'workday', 'IMPLAUSIBLE_CALENDAR']]);
    // Weekend rest days and weekday workdays agree with Monday–Friday and do not count.
    const agreeing = [
      ...weekends2027.slice(0, 60).map((date) => ({ date, workday: false })),
      ...weekdays2027.slice(0, 60).map((date) => ({ date, workday: true })),
    ];
    expect(codes(2027, agreeing)).toEqual([]);
  });
});
