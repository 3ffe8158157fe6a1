import { Text } from './text';

// How the domain's codes read to people, in both languages: departments, categories, statuses,
// acceptance modes, channels, decisions. Used by messages and the timeline. Keyed by the codes
// themselves (plain strings) so this file depends on nothing.

type Names = Readonly<Record<string, Text>>;

export const DEPARTMENT_NAME: Names = {
  CIVIL_AFFAIRS: { zh: '民政部门', en: 'civil affairs' },
  MEDICAL: { zh: '医保部门', en: 'medical insurance' },
  EDUCATION: { zh: '教育部门', en: 'education' },
  HOUSING: { zh: '住建部门', en: 'housing' },
  EMPLOYMENT: { zh: '人社部门', en: 'employment' },
  JUDICIAL: { zh: '司法部门', en: 'justice' },
  CHARITY: { zh: '慈善总会', en: 'the charity federation' },
};

export const CATEGORY_NAME: Names = {
  MINIMUM_LIVING: { zh: '最低生活保障', en: 'minimum living guarantee' },
  EXTREME_POVERTY: { zh: '特困人员救助供养', en: 'extreme-poverty support' },
  TEMPORARY: { zh: '临时救助', en: 'temporary assistance' },
  MEDICAL: { zh: '医疗救助', en: 'medical assistance' },
  EDUCATION: { zh: '教育救助', en: 'education assistance' },
  HOUSING: { zh: '住房救助', en: 'housing assistance' },
  EMPLOYMENT: { zh: '就业救助', en: 'employment assistance' },
  LEGAL_AID: { zh: '法律援助', en: 'legal aid' },
  CHARITY: { zh: '慈善帮扶', en: 'charity support' },
};

export const STATUS_NAME: Names = {
  PENDING: { zh: '待推送/待领取', en: 'pending' },
  DELIVERED: { zh: '已送达', en: 'delivered' },
  IN_PROGRESS: { zh: '办理中', en: 'in progress' },
  SUPPLEMENT_REQUESTED: { zh: '待补充材料', en: 'waiting for materials' },
  RESOLVED: { zh: '已办结', en: 'resolved' },
  DELIVERY_FAILED: { zh: '推送失败', en: 'delivery failed' },
  CANCELLED: { zh: '已撤销', en: 'cancelled' },
};

export const CASE_STATUS_NAME: Names = {
  OPEN: { zh: '办理中', en: 'open' },
  CLOSED: { zh: '已办结', en: 'closed' },
  WITHDRAWN: { zh: '已撤回', en: 'withdrawn' },
};

export const MODE_NAME: Names = {
  STANDARD: { zh: '一般受理', en: 'standard acceptance' },
  TOLERANT: { zh: '容缺受理', en: 'tolerant acceptance (materials to follow)' },
  EMERGENCY: { zh: '急难救助绿色通道', en: 'emergency acceptance' },
};

export const CHANNEL_NAME: Names = {
  WINDOW: { zh: '窗口', en: 'the window' },
  ONLINE: { zh: '网上', en: 'online' },
  HOTLINE: { zh: '热线', en: 'the hotline' },
  PROACTIVE_DISCOVERY: { zh: '主动发现', en: 'proactive discovery' },
};

export const DECISION_NAME: Names = {
  APPROVED: { zh: '批准', en: 'approved' },
  REJECTED: { zh: '不予批准', en: 'rejected' },
};

/** The name of a code in a table, or the code itself when the table does not know it. */
export function nameOf(table: Names, code: string): Text {
  return table[code] ?? { zh: code, en: code };
}
