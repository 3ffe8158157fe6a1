// The 督办 screen's periods: CST calendar dates, weeks from Monday, whatever the process's zone
// (this project runs in America/New_York).
import { addDays, daysBetween, defaultPeriod, mondayOf, percent, weekLabel, weeksEnding, WEEKS } from '../../console/src/pages/dashboard/period';

describe('dashboard periods', () => {
  it('finds the Monday of any day, across a month end and a daylight-saving change', () => {
    expect(mondayOf('2026-04-02')).toBe('2026-03-30'); // Thursday
    expect(mondayOf('2026-03-30')).toBe('2026-03-30'); // Monday itself
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // Sunday, the day New York springs forward
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });

  it('defaults to the 12 calendar weeks through today, the current one partial', () => {
    expect(defaultPeriod('2026-12-02')).toEqual({ from: '2026-09-14', to: '2026-12-02' });
  });

  it('splits the weekly chart into WEEKS Monday-to-Sunday weeks ending on the period’s last day', () => {
    const weeks = weeksEnding('2026-04-02');
    expect(weeks).toHaveLength(WEEKS);
    expect(weeks[0]).toEqual({ from: '2026-01-12', to: '2026-01-18' });
    expect(weeks[WEEKS - 1]).toEqual({ from: '2026-03-30', to: '2026-04-02' });
    for (let i = 1; i < WEEKS; i++) expect(weeks[i].from).toBe(addDays(weeks[i - 1].to, 1));
    expect(weekLabel(weeks[WEEKS - 1])).toBe('3/30–4/2');
    expect(weekLabel(weeksEnding('2026-03-30')[WEEKS - 1])).toBe('3/30');
  });

  it('gives a rate with one decimal, and none when nothing was finished', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 2)).toBe(100);
    expect(percent(0, 0)).toBeNull();
  });
});
