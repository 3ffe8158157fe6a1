// Plain dates: 'YYYY-MM-DD' strings naming a China Standard Time calendar day, and the arithmetic
// on them through UTC epoch days (Date.UTC / getUTC*), never local time, so the results do not
// depend on the process time zone. Pure, no I/O. The working calendar builds on these
// (calendar/working-days.ts).

export type IsoDate = string; // 'YYYY-MM-DD', a CST calendar date

const MS_PER_DAY = 86_400_000;
/**
 * Day numbers of valid dates already seen: a page of cases judges hundreds of SLA clocks over a
 * few dozen distinct dates, so each date is checked and parsed once. Bounded: cleared when full.
 */
const epochDays = new Map<string, number>();
const EPOCH_DAY_CACHE = 20_000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CST_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Strict 'YYYY-MM-DD' naming a real (proleptic Gregorian) date, years 0001–9999. */
export function isValidIsoDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  if (epochDays.has(s)) return true;
  const m = ISO_DATE_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function assertIsoDate(s: IsoDate, what = 'date'): void {
  if (!isValidIsoDate(s)) throw new RangeError(`Invalid ${what} ${JSON.stringify(s)}: expected a real date as YYYY-MM-DD`);
}

/** Days since 1970-01-01 of a valid ISO date (negative before 1970). */
export function epochDayOf(date: IsoDate): number {
  const known = epochDays.get(date);
  if (known !== undefined) return known;
  assertIsoDate(date);
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const day = Math.round(d.getTime() / MS_PER_DAY);
  if (epochDays.size >= EPOCH_DAY_CACHE) epochDays.clear();
  epochDays.set(date, day);
  return day;
}

/** The ISO date of an epoch day; RangeError outside years 0001–9999. */
export function isoDateOfEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Epoch day must be an integer, got ${epochDay}`);
  const d = new Date(epochDay * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) throw new RangeError(`Date out of range (years 0001–9999): epoch day ${epochDay}`);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** The Asia/Shanghai (UTC+8, no DST) calendar date of an instant. */
export function cstDateOf(instant: Date): IsoDate {
  const t = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError('cstDateOf: invalid Date');
  return isoDateOfEpochDay(Math.floor((t + CST_OFFSET_MS) / MS_PER_DAY));
}

export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addCalendarDays: n must be an integer, got ${n}`);
  return isoDateOfEpochDay(epochDayOf(date) + n);
}

/** Calendar days from `from` to `to` (negative when to is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

export function mod7(n: number): number {
  return ((n % 7) + 7) % 7;
}

/** 1970-01-01 was a Thursday (4). */
export function weekdayOfEpochDay(epochDay: number): number {
  return mod7(epochDay + 4);
}

/** 0=Sunday..6=Saturday. */
export function weekdayOf(date: IsoDate): number {
  return weekdayOfEpochDay(epochDayOf(date));
}

export function isWeekdayEpoch(epochDay: number): boolean {
  const w = weekdayOfEpochDay(epochDay);
  return w >= 1 && w <= 5;
}

