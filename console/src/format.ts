// How amounts and times are shown: yuan with two decimals (the API speaks fen), China Standard Time.

import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');
dayjs.tz.setDefault('Asia/Shanghai');

export const CST = 'Asia/Shanghai';

/** 123456 fen → "1,234.56" */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A yuan amount as typed (number or text) → whole fen; null when it is not an amount. */
export function fenOf(yuanValue: number | string | null | undefined): number | null {
  if (yuanValue === null || yuanValue === undefined || yuanValue === '') return null;
  const n = typeof yuanValue === 'number' ? yuanValue : Number(String(yuanValue).replace(/[,，\s]/g, ''));
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100);
}

/** An RFC 3339 instant → "2026-03-02 09:30" in China Standard Time. */
export function dateTime(instant: string | null | undefined): string {
  return instant ? dayjs(instant).tz(CST).format('YYYY-MM-DD HH:mm') : '—';
}

/** A YYYY-MM-DD date → "2026年3月23日（星期一）". */
export function longDate(date: string | null | undefined): string {
  return date ? dayjs.tz(date, CST).format('YYYY年M月D日（dddd）') : '—';
}

/** Today's date in China Standard Time, YYYY-MM-DD. */
export function todayCst(): string {
  return dayjs().tz(CST).format('YYYY-MM-DD');
}

export { dayjs };
