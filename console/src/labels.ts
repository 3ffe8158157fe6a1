// Chinese names of the API's enum values, read from the hub's one name table
// (src/common/domain-names.ts), the colours the console gives SLA states and imports, and how a
// division reads (its name from the hub, its code where the hub has none).

import {
  CASE_STATUS_NAME,
  CATEGORY_NAME,
  CHANNEL_NAME,
  DECISION_NAME,
  DEPARTMENT_NAME,
  EXIT_REASON_NAME,
  IMPORT_ROW_OUTCOME_NAME,
  IMPORT_STATUS_NAME,
  MODE_NAME,
  type Name,
  NOTICE_STATUS_NAME,
  PAUSE_TYPE_NAME,
  PAUSE_STATE_NAME,
  REGISTER_TIER_NAME,
  RELATION_NAME,
  REVIEW_OUTCOME_NAME,
  REVIEW_STATUS_NAME,
  ROLE_NAME,
  SCHOOL_STAGE_NAME,
  SLA_STATE_NAME,
  STATUS_NAME,
  SUPERVISED_CLOCK_NAME,
  SUPERVISION_LEVEL_NAME,
  TIER_SOURCE_NAME,
  TIMELINE_EVENT_NAME,
  TOLD_MEANS_NAME,
  OBJECTION_STATUS_NAME,
} from '../../src/common/domain-names';

/** A table's Chinese names; the compact form where it has one (a department: 民政, not 民政部门). */
const chinese = (names: Readonly<Record<string, Name>>): Record<string, string> =>
  Object.fromEntries(Object.entries(names).map(([code, name]) => [code, name.short ?? name.zh]));

export const DEPARTMENT = chinese(DEPARTMENT_NAME);
export const CATEGORY = chinese(CATEGORY_NAME);
export const CASE_STATUS = chinese(CASE_STATUS_NAME);
export const REFERRAL_STATUS = chinese(STATUS_NAME);
export const SLA_STATE = chinese(SLA_STATE_NAME);
export const PAUSE_TYPE = chinese(PAUSE_TYPE_NAME);
export const PAUSE_STATE = chinese(PAUSE_STATE_NAME);
export const RELATION = chinese(RELATION_NAME);
export const SCHOOL_STAGE = chinese(SCHOOL_STAGE_NAME);
export const ACCEPTANCE_MODE = chinese(MODE_NAME);
export const CHANNEL = chinese(CHANNEL_NAME);
export const DECISION = chinese(DECISION_NAME);
export const ROLE = chinese(ROLE_NAME);
export const TIMELINE_EVENT = chinese(TIMELINE_EVENT_NAME);
export const REGISTER_TIER = chinese(REGISTER_TIER_NAME);
export const EXIT_REASON = chinese(EXIT_REASON_NAME);
export const TIER_SOURCE = chinese(TIER_SOURCE_NAME);
export const IMPORT_STATUS = chinese(IMPORT_STATUS_NAME);
export const IMPORT_ROW_OUTCOME = chinese(IMPORT_ROW_OUTCOME_NAME);
export const REVIEW_STATUS = chinese(REVIEW_STATUS_NAME);
export const REVIEW_OUTCOME = chinese(REVIEW_OUTCOME_NAME);
export const SUPERVISED_CLOCK = chinese(SUPERVISED_CLOCK_NAME);
export const SUPERVISION_LEVEL = chinese(SUPERVISION_LEVEL_NAME);
export const NOTICE_STATUS = chinese(NOTICE_STATUS_NAME);
export const TOLD_MEANS = chinese(TOLD_MEANS_NAME);
export const OBJECTION_STATUS = chinese(OBJECTION_STATUS_NAME);

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

/** Import status and row outcome tags: the same solid, white-text fills (4.5:1 or better). */
export const IMPORT_STATUS_COLOR: Record<string, string> = {
  VALIDATING: '#1d4ed8',
  PREVIEW: '#ad4e00',
  APPROVED: '#1d4ed8',
  COMMITTED: '#006d75',
  CANCELLED: '#525252',
  FAILED: '#cf1322',
};

export const IMPORT_ROW_OUTCOME_COLOR: Record<string, string> = {
  CREATE: '#006d75',
  UPDATE: '#1d4ed8',
  UNCHANGED: '#525252',
  CONFLICT: '#ad4e00',
  REFUSED: '#cf1322',
};

/** Supervision notice status tags: the same solid, white-text fills (4.5:1 or better). */
export const NOTICE_STATUS_COLOR: Record<string, string> = {
  OPEN: '#ad4e00',
  ANSWERED: '#1d4ed8',
  ESCALATED: '#cf1322',
  CLOSED: '#525252',
};

export const label = (names: Record<string, string>, value: string | null | undefined): string =>
  value ? (names[value] ?? value) : '—';

/** A division's name as the hub gives it (national division codes), or its code when it has none. */
export const placeName = (name: string | null | undefined, code: string): string => name ?? code;

/** "寿光市台头镇" (as the hub's townshipLabel writes it); the code when the township has no name. */
export const townshipPlace = (countyName: string | null | undefined, townshipName: string | null | undefined, code: string): string =>
  townshipName ? `${countyName ?? ''}${townshipName}` : code;
