// Chinese names of the API's enum values, read from the hub's one name table
// (src/common/domain-names.ts), and the colours the console gives SLA states.

import {
  CASE_STATUS_NAME,
  CATEGORY_NAME,
  CHANNEL_NAME,
  DECISION_NAME,
  DEPARTMENT_NAME,
  MODE_NAME,
  type Name,
  RELATION_NAME,
  ROLE_NAME,
  SCHOOL_STAGE_NAME,
  SLA_STATE_NAME,
  STATUS_NAME,
  TIMELINE_EVENT_NAME,
} from '../../src/common/domain-names';

/** A table's Chinese names; the compact form where it has one (a department: 民政, not 民政部门). */
const chinese = (names: Readonly<Record<string, Name>>): Record<string, string> =>
  Object.fromEntries(Object.entries(names).map(([code, name]) => [code, name.short ?? name.zh]));

export const DEPARTMENT = chinese(DEPARTMENT_NAME);
export const CATEGORY = chinese(CATEGORY_NAME);
export const CASE_STATUS = chinese(CASE_STATUS_NAME);
export const REFERRAL_STATUS = chinese(STATUS_NAME);
export const SLA_STATE = chinese(SLA_STATE_NAME);
export const RELATION = chinese(RELATION_NAME);
export const SCHOOL_STAGE = chinese(SCHOOL_STAGE_NAME);
export const ACCEPTANCE_MODE = chinese(MODE_NAME);
export const CHANNEL = chinese(CHANNEL_NAME);
export const DECISION = chinese(DECISION_NAME);
export const ROLE = chinese(ROLE_NAME);
export const TIMELINE_EVENT = chinese(TIMELINE_EVENT_NAME);

/**
 * SLA tag colours: solid fills under white text, each at least 4.5:1 (axe flagged antd's light
 * gold, green, orange and cyan presets, whose dark text on a pale fill falls short).
 */
export const SLA_COLOR: Record<string, string> = {
  ON_TRACK: '#1d4ed8',
  AT_RISK: '#ad4e00',
  OVERDUE: '#cf1322',
  MET: '#006d75',
  MISSED: '#9e1068',
};

export const label = (names: Record<string, string>, value: string | null | undefined): string =>
  value ? (names[value] ?? value) : '—';
