// The dashboard's periods as CST calendar dates (YYYY-MM-DD). Arithmetic runs on UTC midnights so the
// browser's own zone and its daylight-saving days never shift a date.

import { dayjs, todayCst } from '../../format';

/** Weeks in the opened/closed chart: one aliased slaReport each, well below the hub's 50 aliases. */
export const WEEKS = 12;

/** The hub refuses a report spanning 366 calendar days or more. */
export const MAX_SPAN_DAYS = 365;

export interface Period {
  from: string;
  to: string;
}

export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** The Monday of the week a date falls in (Chinese weeks start on Monday). */
export function mondayOf(date: string): string {
  const weekday = dayjs.utc(date).day(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The last WEEKS calendar weeks through today, the current one partial. */
export function defaultPeriod(today: string = todayCst()): Period {
  return { from: addDays(mondayOf(today), -7 * (WEEKS - 1)), to: today };
}

/** WEEKS calendar weeks ending with the week of `to`, oldest first; the last one stops at `to`. */
export function weeksEnding(to: string): Period[] {
  const lastMonday = mondayOf(to);
  return Array.from({ length: WEEKS }, (_, i) => {
    const from = addDays(lastMonday, -7 * (WEEKS - 1 - i));
    return { from, to: i === WEEKS - 1 ? to : addDays(from, 6) };
  });
}

/** "3/2–3/8" */
export function weekLabel(week: Period): string {
  const short = (d: string) => dayjs.utc(d).format('M/D');
  return week.from === week.to ? short(week.from) : `${short(week.from)}–${short(week.to)}`;
}

/** "2026年3月2日至2026年5月24日" */
export function periodText(period: Period): string {
  const long = (d: string) => dayjs.utc(d).format('YYYY年M月D日');
  return `${long(period.from)}至${long(period.to)}`;
}

/** resolvedOnTime / resolved as a percentage with one decimal; null when nothing was resolved. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
