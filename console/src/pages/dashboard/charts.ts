// ECharts options for the dashboard, and the same figures in words (each chart's accessible name).
// Tooltips use renderMode 'richText': drawn on the canvas, so no HTML with style attributes that
// the Content-Security-Policy would refuse.

import { DEPARTMENT, label } from '../../labels';
import type { ChartOption } from './EChart';
import { percent, weekLabel, type Period } from './period';

export const COLORS = {
  onTime: '#1d4ed8',
  overdue: '#cf1322',
  atRisk: '#d46b08',
  opened: '#1d4ed8',
  closed: '#047857',
  closedOnTime: '#7c3aed',
};

export interface DepartmentRow {
  department: string;
  opened: number;
  resolved: number;
  resolvedOnTime: number;
  openOverdue: number;
  openAtRisk: number;
  medianWorkingDays?: number | null;
  /** The acknowledgement clock (受理时限): acknowledged in the period, of those on time, the median, overdue now. */
  acknowledged?: number;
  acknowledgedOnTime?: number;
  medianWorkingDaysToAcknowledge?: number | null;
  openAcknowledgementOverdue?: number;
}

export interface RiskRow {
  name: string;
  openOverdue: number;
  openAtRisk: number;
}

export interface WeekRow extends Period {
  casesOpened: number;
  casesClosed: number;
  casesClosedOnTime: number;
}

export const percentText = (value: number | null, none = '无办结') => (value === null ? none : `${value}%`);
const axisTooltip = { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } } as const;

export function onTimeOption(rows: readonly DepartmentRow[]): ChartOption {
  return {
    grid: { left: 56, right: 16, top: 28, bottom: 32 },
    tooltip: { ...axisTooltip, valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '无办结') },
    xAxis: { type: 'category', data: rows.map((r) => label(DEPARTMENT, r.department)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        name: '按期办结率',
        barMaxWidth: 40,
        itemStyle: { color: COLORS.onTime },
        label: { show: true, position: 'top', formatter: '{c}%' },
        // '-' is ECharts' "no value": a department that resolved nothing gets no bar rather than 0%.
        data: rows.map((r) => percent(r.resolvedOnTime, r.resolved) ?? '-'),
      },
    ],
  };
}

export function onTimeSummary(rows: readonly DepartmentRow[]): string {
  const parts = rows.map((r) => {
    const rate = percent(r.resolvedOnTime, r.resolved);
    return rate === null ? `${label(DEPARTMENT, r.department)}无办结` : `${label(DEPARTMENT, r.department)}${rate}%（办结${r.resolved}件，按期${r.resolvedOnTime}件）`;
  });
  return `各部门按期办结率：${parts.join('；')}。`;
}

/** Stacked bars of open overdue and at-risk referrals; horizontal when the names are long codes. */
export function riskOption(rows: readonly RiskRow[], horizontal = false): ChartOption {
  const names = rows.map((r) => r.name);
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0 } };
  const value = { type: 'value' as const, minInterval: 1 };
  const bar = (name: string, color: string, data: number[]) =>
    ({ type: 'bar', name, stack: 'open', barMaxWidth: 40, itemStyle: { color }, data }) as const;
  return {
    grid: horizontal ? { left: 96, right: 24, top: 36, bottom: 24 } : { left: 40, right: 16, top: 36, bottom: 32 },
    legend: { top: 0 },
    tooltip: { ...axisTooltip, valueFormatter: (v) => `${v}件` },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [bar('超期', COLORS.overdue, rows.map((r) => r.openOverdue)), bar('临期', COLORS.atRisk, rows.map((r) => r.openAtRisk))],
  };
}

export function riskSummary(title: string, rows: readonly RiskRow[]): string {
  const busy = rows.filter((r) => r.openOverdue + r.openAtRisk > 0);
  if (busy.length === 0) return `${title}：当前没有超期或临期的事项。`;
  return `${title}：${busy.map((r) => `${r.name}超期${r.openOverdue}件、临期${r.openAtRisk}件`).join('；')}；其余为0。`;
}

export function weeklyOption(weeks: readonly WeekRow[]): ChartOption {
  const bar = (name: string, color: string, data: number[]) => ({ type: 'bar', name, barMaxWidth: 18, itemStyle: { color }, data }) as const;
  return {
    grid: { left: 40, right: 24, top: 36, bottom: 32 },
    legend: { top: 0 },
    tooltip: { ...axisTooltip, valueFormatter: (v) => `${v}件` },
    xAxis: { type: 'category', data: weeks.map(weekLabel), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      bar('受理', COLORS.opened, weeks.map((w) => w.casesOpened)),
      bar('办结', COLORS.closed, weeks.map((w) => w.casesClosed)),
      {
        type: 'line',
        name: '按期办结',
        symbolSize: 6,
        itemStyle: { color: COLORS.closedOnTime },
        lineStyle: { color: COLORS.closedOnTime, type: 'dashed' },
        data: weeks.map((w) => w.casesClosedOnTime),
      },
    ],
  };
}

export function weeklySummary(weeks: readonly WeekRow[]): string {
  return `每周受理与办结案件：${weeks.map((w) => `${weekLabel(w)}受理${w.casesOpened}件、办结${w.casesClosed}件（按期${w.casesClosedOnTime}件）`).join('；')}。`;
}

export interface TierCountRow {
  name: string;
  households: number;
  people: number;
}

/** The register by tier: households and people side by side, one row per tier (names read across). */
export function tierOption(rows: readonly TierCountRow[]): ChartOption {
  const bar = (name: string, color: string, data: number[]) => ({ type: 'bar', name, barMaxWidth: 16, itemStyle: { color }, data }) as const;
  return {
    grid: { left: 104, right: 24, top: 36, bottom: 24 },
    legend: { top: 0 },
    tooltip: { ...axisTooltip },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { interval: 0 } },
    series: [bar('户数', COLORS.opened, rows.map((r) => r.households)), bar('人数', COLORS.closed, rows.map((r) => r.people))],
  };
}

export function tierSummary(rows: readonly TierCountRow[]): string {
  return `低收入人口库各类别：${rows.map((r) => `${r.name}${r.households}户${r.people}人`).join('；')}。`;
}
