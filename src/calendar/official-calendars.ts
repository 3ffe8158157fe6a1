/**
 * The official working calendars the hub ships (法定节假日与调休安排), as data.
 *
 * Sources — the State Council General Office notices (国务院办公厅关于部分节假日安排的通知):
 *   2025: 国办发明电〔2024〕12号, 2024-11-12,
 *         https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
 *         (the first year of the amended 全国年节及纪念日放假办法: 春节 and 劳动节 gain one day each)
 *   2026: 国办发明电〔2025〕7号, 2025-11-04,
 *         https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
 * Cross-checked day by day against the `chinese-days` package data (test/unit/working-days.test.ts).
 *
 * Each list holds every exception to Monday–Friday: statutory holidays falling on weekdays
 * (workday:false), make-up working days on weekends (调休补班, workday:true, named "<节>补班"), and
 * also the weekend days inside a holiday block (workday:false, which agrees with Monday–Friday)
 * so that workingCalendar can name them. A new year is loaded at run time with
 * publishWorkingCalendar; add it here too when shipping a release.
 */
import { CalendarException, WorkingCalendar } from './working-days';

export const OFFICIAL_CALENDARS: Record<number, CalendarException[]> = {
  // 2025: 元旦 1/1; 春节 1/28–2/4 (1/26, 2/8 上班); 清明节 4/4–4/6; 劳动节 5/1–5/5 (4/27 上班);
  // 端午节 5/31–6/2; 国庆节、中秋节 10/1–10/8 (9/28, 10/11 上班; 中秋 falls on 10/6).
  2025: [
    { date: '2025-01-01', workday: false, name: '元旦' }, // 周三
    { date: '2025-01-26', workday: true, name: '春节补班' }, // 周日
    { date: '2025-01-28', workday: false, name: '春节' }, // 周二
    { date: '2025-01-29', workday: false, name: '春节' }, // 周三
    { date: '2025-01-30', workday: false, name: '春节' }, // 周四
    { date: '2025-01-31', workday: false, name: '春节' }, // 周五
    { date: '2025-02-01', workday: false, name: '春节' }, // 周六
    { date: '2025-02-02', workday: false, name: '春节' }, // 周日
    { date: '2025-02-03', workday: false, name: '春节' }, // 周一
    { date: '2025-02-04', workday: false, name: '春节' }, // 周二
    { date: '2025-02-08', workday: true, name: '春节补班' }, // 周六
    { date: '2025-04-04', workday: false, name: '清明节' }, // 周五
    { date: '2025-04-05', workday: false, name: '清明节' }, // 周六
    { date: '2025-04-06', workday: false, name: '清明节' }, // 周日
    { date: '2025-04-27', workday: true, name: '劳动节补班' }, // 周日
    { date: '2025-05-01', workday: false, name: '劳动节' }, // 周四
    { date: '2025-05-02', workday: false, name: '劳动节' }, // 周五
    { date: '2025-05-03', workday: false, name: '劳动节' }, // 周六
    { date: '2025-05-04', workday: false, name: '劳动节' }, // 周日
    { date: '2025-05-05', workday: false, name: '劳动节' }, // 周一
    { date: '2025-05-31', workday: false, name: '端午节' }, // 周六
    { date: '2025-06-01', workday: false, name: '端午节' }, // 周日
    { date: '2025-06-02', workday: false, name: '端午节' }, // 周一
    { date: '2025-09-28', workday: true, name: '国庆节补班' }, // 周日
    { date: '2025-10-01', workday: false, name: '国庆节' }, // 周三
    { date: '2025-10-02', workday: false, name: '国庆节' }, // 周四
    { date: '2025-10-03', workday: false, name: '国庆节' }, // 周五
    { date: '2025-10-04', workday: false, name: '国庆节' }, // 周六
    { date: '2025-10-05', workday: false, name: '国庆节' }, // 周日
    { date: '2025-10-06', workday: false, name: '中秋节' }, // 周一
    { date: '2025-10-07', workday: false, name: '国庆节' }, // 周二
    { date: '2025-10-08', workday: false, name: '国庆节' }, // 周三
    { date: '2025-10-11', workday: true, name: '国庆节补班' }, // 周六
  ],
  // 2026: 元旦 1/1–1/3 (1/4 上班); 春节 2/15–2/23 (2/14, 2/28 上班); 清明节 4/4–4/6;
  // 劳动节 5/1–5/5 (5/9 上班); 端午节 6/19–6/21; 中秋节 9/25–9/27; 国庆节 10/1–10/7 (9/20, 10/10 上班).
  2026: [
    { date: '2026-01-01', workday: false, name: '元旦' }, // 周四
    { date: '2026-01-02', workday: false, name: '元旦' }, // 周五
    { date: '2026-01-03', workday: false, name: '元旦' }, // 周六
    { date: '2026-01-04', workday: true, name: '元旦补班' }, // 周日
    { date: '2026-02-14', workday: true, name: '春节补班' }, // 周六
    { date: '2026-02-15', workday: false, name: '春节' }, // 周日
    { date: '2026-02-16', workday: false, name: '春节' }, // 周一
    { date: '2026-02-17', workday: false, name: '春节' }, // 周二
    { date: '2026-02-18', workday: false, name: '春节' }, // 周三
    { date: '2026-02-19', workday: false, name: '春节' }, // 周四
    { date: '2026-02-20', workday: false, name: '春节' }, // 周五
    { date: '2026-02-21', workday: false, name: '春节' }, // 周六
    { date: '2026-02-22', workday: false, name: '春节' }, // 周日
    { date: '2026-02-23', workday: false, name: '春节' }, // 周一
    { date: '2026-02-28', workday: true, name: '春节补班' }, // 周六
    { date: '2026-04-04', workday: false, name: '清明节' }, // 周六
    { date: '2026-04-05', workday: false, name: '清明节' }, // 周日
    { date: '2026-04-06', workday: false, name: '清明节' }, // 周一
    { date: '2026-05-01', workday: false, name: '劳动节' }, // 周五
    { date: '2026-05-02', workday: false, name: '劳动节' }, // 周六
    { date: '2026-05-03', workday: false, name: '劳动节' }, // 周日
    { date: '2026-05-04', workday: false, name: '劳动节' }, // 周一
    { date: '2026-05-05', workday: false, name: '劳动节' }, // 周二
    { date: '2026-05-09', workday: true, name: '劳动节补班' }, // 周六
    { date: '2026-06-19', workday: false, name: '端午节' }, // 周五
    { date: '2026-06-20', workday: false, name: '端午节' }, // 周六
    { date: '2026-06-21', workday: false, name: '端午节' }, // 周日
    { date: '2026-09-20', workday: true, name: '国庆节补班' }, // 周日
    { date: '2026-09-25', workday: false, name: '中秋节' }, // 周五
    { date: '2026-09-26', workday: false, name: '中秋节' }, // 周六
    { date: '2026-09-27', workday: false, name: '中秋节' }, // 周日
    { date: '2026-10-01', workday: false, name: '国庆节' }, // 周四
    { date: '2026-10-02', workday: false, name: '国庆节' }, // 周五
    { date: '2026-10-03', workday: false, name: '国庆节' }, // 周六
    { date: '2026-10-04', workday: false, name: '国庆节' }, // 周日
    { date: '2026-10-05', workday: false, name: '国庆节' }, // 周一
    { date: '2026-10-06', workday: false, name: '国庆节' }, // 周二
    { date: '2026-10-07', workday: false, name: '国庆节' }, // 周三
    { date: '2026-10-10', workday: true, name: '国庆节补班' }, // 周六
  ],
};

/** A WorkingCalendar holding the shipped years (a fresh instance; WorkingCalendar is immutable). */
export function officialWorkingCalendar(): WorkingCalendar {
  return new WorkingCalendar(new Map(Object.entries(OFFICIAL_CALENDARS).map(([y, days]) => [Number(y), days])));
}
