// Chinese names of the API's enum values, and the colours the console gives SLA states.

export const DEPARTMENT: Record<string, string> = {
  CIVIL_AFFAIRS: '民政',
  MEDICAL: '医保',
  EDUCATION: '教育',
  HOUSING: '住建',
  EMPLOYMENT: '人社',
  JUDICIAL: '司法',
  CHARITY: '慈善总会',
};

export const CATEGORY: Record<string, string> = {
  MINIMUM_LIVING: '最低生活保障（低保）',
  EXTREME_POVERTY: '特困人员供养',
  TEMPORARY: '临时救助',
  MEDICAL: '医疗救助',
  EDUCATION: '教育救助',
  HOUSING: '住房救助',
  EMPLOYMENT: '就业救助',
  LEGAL_AID: '法律援助',
  CHARITY: '慈善帮扶',
};

export const CASE_STATUS: Record<string, string> = { OPEN: '办理中', CLOSED: '已办结', WITHDRAWN: '已撤回' };

export const REFERRAL_STATUS: Record<string, string> = {
  PENDING: '待接收',
  DELIVERED: '已送达待受理',
  IN_PROGRESS: '办理中',
  SUPPLEMENT_REQUESTED: '待补充材料',
  RESOLVED: '已办结',
  DELIVERY_FAILED: '推送失败',
  CANCELLED: '已撤销',
};

export const SLA_STATE: Record<string, string> = {
  ON_TRACK: '正常',
  AT_RISK: '临期',
  OVERDUE: '超期',
  MET: '按期办结',
  MISSED: '超期办结',
};

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

export const RELATION: Record<string, string> = {
  SELF: '本人',
  SPOUSE: '配偶',
  CHILD: '子女',
  PARENT: '父母',
  GRANDCHILD: '孙子女',
  GRANDPARENT: '祖父母',
  SIBLING: '兄弟姐妹',
  OTHER: '其他',
};

export const SCHOOL_STAGE: Record<string, string> = {
  PRESCHOOL: '学前',
  PRIMARY: '小学',
  JUNIOR_SECONDARY: '初中',
  SENIOR_SECONDARY: '高中',
  VOCATIONAL: '中职/高职',
  UNDERGRADUATE: '本科',
  POSTGRADUATE: '研究生',
};

export const ACCEPTANCE_MODE: Record<string, string> = { STANDARD: '一般受理', TOLERANT: '容缺受理', EMERGENCY: '急难受理（先行救助）' };

export const CHANNEL: Record<string, string> = { WINDOW: '窗口', ONLINE: '网上', HOTLINE: '热线', PROACTIVE_DISCOVERY: '主动发现' };

export const DECISION: Record<string, string> = { APPROVED: '批准', REJECTED: '不予批准' };

export const ROLE: Record<string, string> = { CLERK: '窗口受理员', DEPARTMENT: '部门经办人', DASHBOARD: '督办', ADMIN: '系统管理员' };

export const TIMELINE_EVENT: Record<string, string> = {
  CASE_ACCEPTED: '受理',
  REFERRAL_CREATED: '分派部门',
  REFERRAL_DELIVERED: '部门已接收',
  REFERRAL_LEASE_EXPIRED: '领取超时退回',
  REFERRAL_ACKNOWLEDGED: '部门受理',
  SUPPLEMENT_REQUESTED: '要求补充材料',
  SUPPLEMENT_PROVIDED: '材料已补齐',
  MATERIALS_PROVIDED: '窗口收到材料',
  REFERRAL_RESOLVED: '部门办结',
  REFERRAL_CANCELLED: '转办撤销',
  REFERRAL_DELIVERY_FAILED: '推送失败',
  REFERRAL_DELIVERY_RETRIED: '重新推送',
  SLA_AT_RISK: '临期预警',
  SLA_OVERDUE: '超期',
  CASE_CLOSED: '办结',
  CASE_WITHDRAWN: '撤回',
};

export const label = (names: Record<string, string>, value: string | null | undefined): string =>
  value ? (names[value] ?? value) : '—';
