import { Text } from './text';

// How the domain's codes read to people, in both languages: departments, categories, statuses,
// SLA states, relations, school stages, acceptance modes, channels, decisions, roles and timeline
// events. The one table: the hub's messages and timeline notes and the console's labels all read
// it (console/src/labels.ts). Keyed by the codes themselves (plain strings) so this file depends
// on nothing; test/unit/domain-names.test.ts fails when a code of the schema has no name.

/** A code's name; `short` is the compact form a table cell or tag uses where it differs. */
export type Name = Text & { short?: string };
type Names = Readonly<Record<string, Name>>;

export const DEPARTMENT_NAME: Names = {
  CIVIL_AFFAIRS: { zh: '民政部门', short: '民政', en: 'civil affairs' },
  MEDICAL: { zh: '医保部门', short: '医保', en: 'medical insurance' },
  EDUCATION: { zh: '教育部门', short: '教育', en: 'education' },
  HOUSING: { zh: '住建部门', short: '住建', en: 'housing' },
  EMPLOYMENT: { zh: '人社部门', short: '人社', en: 'employment' },
  JUDICIAL: { zh: '司法部门', short: '司法', en: 'justice' },
  CHARITY: { zh: '慈善总会', en: 'the charity federation' },
};

export const CATEGORY_NAME: Names = {
  MINIMUM_LIVING: { zh: '最低生活保障（低保）', en: 'minimum living guarantee' },
  EXTREME_POVERTY: { zh: '特困人员救助供养', en: 'extreme-poverty support' },
  TEMPORARY: { zh: '临时救助', en: 'temporary assistance' },
  MEDICAL: { zh: '医疗救助', en: 'medical assistance' },
  EDUCATION: { zh: '教育救助', en: 'education assistance' },
  HOUSING: { zh: '住房救助', en: 'housing assistance' },
  EMPLOYMENT: { zh: '就业救助', en: 'employment assistance' },
  LEGAL_AID: { zh: '法律援助', en: 'legal aid' },
  CHARITY: { zh: '慈善帮扶', en: 'charity support' },
};

/** A referral's status (转办状态). */
export const STATUS_NAME: Names = {
  PENDING: { zh: '待接收', en: 'pending' },
  DELIVERED: { zh: '已送达待受理', en: 'delivered' },
  IN_PROGRESS: { zh: '办理中', en: 'in progress' },
  SUPPLEMENT_REQUESTED: { zh: '待补充材料', en: 'waiting for materials' },
  PAUSED: { zh: '暂停计时', en: 'paused' },
  RESOLVED: { zh: '已办结', en: 'resolved' },
  DELIVERY_FAILED: { zh: '推送失败', en: 'delivery failed' },
  CANCELLED: { zh: '已撤销', en: 'cancelled' },
};

/**
 * A pulling department's workbench names its first two queues by its own act (领取, claiming):
 * what is PENDING is there for it to claim, what is DELIVERED it has claimed and must acknowledge.
 */
export const PULL_QUEUE_NAME: Names = {
  PENDING: { zh: '待领取', en: 'to claim' },
  DELIVERED: { zh: '已领取待受理', en: 'claimed, to acknowledge' },
};

export const CASE_STATUS_NAME: Names = {
  OPEN: { zh: '办理中', en: 'open' },
  CLOSED: { zh: '已办结', en: 'closed' },
  WITHDRAWN: { zh: '已撤回', en: 'withdrawn' },
};

export const SLA_STATE_NAME: Names = {
  ON_TRACK: { zh: '正常', en: 'on track' },
  AT_RISK: { zh: '临期', en: 'at risk' },
  OVERDUE: { zh: '超期', en: 'overdue' },
  MET: { zh: '按期办结', en: 'met' },
  MISSED: { zh: '超期办结', en: 'missed' },
};

/** A typed pause of a referral's clock (暂停计时的事由). */
export const PAUSE_TYPE_NAME: Names = {
  MATERIALS: { zh: '补正材料', en: 'materials' },
  PUBLIC_NOTICE: { zh: '公示', en: 'public notice' },
  HOUSEHOLD_VISIT: { zh: '入户调查', en: 'household visit' },
  FINANCIAL_CHECK: { zh: '经济状况核对', en: 'financial check' },
  ASSESSMENT: { zh: '评估', en: 'assessment' },
};

/** A pause's own clock (its maximum). */
export const PAUSE_STATE_NAME: Names = {
  ON_TRACK: { zh: '正常', en: 'on track' },
  AT_RISK: { zh: '临近时限', en: 'at risk' },
  OVERDUE: { zh: '超过时限', en: 'overdue' },
  MET: { zh: '按时结束', en: 'ended in time' },
  MISSED: { zh: '超时结束', en: 'ended late' },
};

/** An objection to a public notice (公示异议). */
export const OBJECTION_STATUS_NAME: Names = {
  RECEIVED: { zh: '待核实', en: 'received' },
  SUSTAINED: { zh: '异议成立', en: 'sustained' },
  DISMISSED: { zh: '异议不成立', en: 'dismissed' },
};

/** Supervision notices (督办). */
export const SUPERVISED_CLOCK_NAME: Names = {
  ACKNOWLEDGEMENT: { zh: '受理超时', en: 'acknowledgement overdue' },
  RESOLUTION: { zh: '办理超期', en: 'resolution overdue' },
};
export const SUPERVISION_LEVEL_NAME: Names = {
  COUNTY: { zh: '县级督办', en: 'county' },
  CITY: { zh: '市级督办', en: 'city' },
};
export const NOTICE_STATUS_NAME: Names = {
  OPEN: { zh: '待反馈', en: 'open' },
  ANSWERED: { zh: '已反馈', en: 'answered' },
  ESCALATED: { zh: '已升级', en: 'escalated' },
  CLOSED: { zh: '已销号', en: 'closed' },
};

/** A finished acknowledgement clock (受理时限): acknowledged, or ended unacknowledged (a withdrawn case). */
export const ACKNOWLEDGED_STATE_NAME: Names = {
  MET: { zh: '按期受理', en: 'acknowledged on time' },
  MISSED: { zh: '超期受理', en: 'acknowledged late' },
};
export const UNACKNOWLEDGED_END_NAME: Names = {
  MET: { zh: '未受理', en: 'ended unacknowledged' },
  MISSED: { zh: '超期未受理', en: 'ended unacknowledged, late' },
};

export const RELATION_NAME: Names = {
  SELF: { zh: '本人', en: 'self' },
  SPOUSE: { zh: '配偶', en: 'spouse' },
  CHILD: { zh: '子女', en: 'child' },
  PARENT: { zh: '父母', en: 'parent' },
  GRANDCHILD: { zh: '孙子女', en: 'grandchild' },
  GRANDPARENT: { zh: '祖父母', en: 'grandparent' },
  SIBLING: { zh: '兄弟姐妹', en: 'sibling' },
  OTHER: { zh: '其他', en: 'other' },
};

export const SCHOOL_STAGE_NAME: Names = {
  PRESCHOOL: { zh: '学前', en: 'preschool' },
  PRIMARY: { zh: '小学', en: 'primary school' },
  JUNIOR_SECONDARY: { zh: '初中', en: 'junior secondary' },
  SENIOR_SECONDARY: { zh: '高中', en: 'senior secondary' },
  VOCATIONAL: { zh: '中职/高职', en: 'vocational' },
  UNDERGRADUATE: { zh: '本科', en: 'undergraduate' },
  POSTGRADUATE: { zh: '研究生', en: 'postgraduate' },
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

export const ROLE_NAME: Names = {
  CLERK: { zh: '窗口受理员', en: 'window clerk' },
  DEPARTMENT: { zh: '部门经办人', en: 'department' },
  DASHBOARD: { zh: '督办', en: 'supervision dashboard' },
  ADMIN: { zh: '系统管理员', en: 'administrator' },
};

export const TIMELINE_EVENT_NAME: Names = {
  CASE_ACCEPTED: { zh: '受理', en: 'accepted' },
  REFERRAL_CREATED: { zh: '分派部门', en: 'referred' },
  REFERRAL_DELIVERED: { zh: '部门已接收', en: 'delivered' },
  REFERRAL_LEASE_EXPIRED: { zh: '领取超时退回', en: 'claim lease ran out' },
  REFERRAL_ACKNOWLEDGED: { zh: '部门受理', en: 'acknowledged' },
  SUPPLEMENT_REQUESTED: { zh: '要求补充材料', en: 'materials requested' },
  SUPPLEMENT_PROVIDED: { zh: '材料已补齐', en: 'materials provided' },
  MATERIALS_PROVIDED: { zh: '窗口收到材料', en: 'materials brought to the window' },
  REFERRAL_RESOLVED: { zh: '部门办结', en: 'resolved' },
  REFERRAL_CANCELLED: { zh: '转办撤销', en: 'referral cancelled' },
  REFERRAL_DELIVERY_FAILED: { zh: '推送失败', en: 'delivery failed' },
  REFERRAL_DELIVERY_RETRIED: { zh: '重新推送', en: 'delivery retried' },
  SLA_AT_RISK: { zh: '临期预警', en: 'at risk' },
  SLA_OVERDUE: { zh: '超期', en: 'overdue' },
  REFERRAL_PAUSED: { zh: '暂停计时', en: 'paused' },
  REFERRAL_RESUMED: { zh: '恢复计时', en: 'resumed' },
  PAUSE_AT_RISK: { zh: '暂停即将超时', en: 'pause at risk' },
  PAUSE_OVERDUE: { zh: '暂停超时', en: 'pause overdue' },
  ACKNOWLEDGEMENT_AT_RISK: { zh: '受理临期', en: 'acknowledgement at risk' },
  ACKNOWLEDGEMENT_OVERDUE: { zh: '受理超时', en: 'acknowledgement overdue' },
  PUBLIC_NOTICE_STARTED: { zh: '公示', en: 'public notice' },
  NOTICE_OBJECTION_RECEIVED: { zh: '公示异议', en: 'objection received' },
  NOTICE_OBJECTION_DECIDED: { zh: '异议核实', en: 'objection decided' },
  SUPERVISION_RAISED: { zh: '督办', en: 'supervision notice' },
  SUPERVISION_ANSWERED: { zh: '督办反馈', en: 'notice answered' },
  SUPERVISION_ESCALATED: { zh: '督办升级', en: 'notice escalated' },
  SUPERVISION_CLOSED: { zh: '督办销号', en: 'notice closed' },
  REFUSAL_NOTICE_AT_RISK: { zh: '告知临期', en: 'telling the applicant at risk' },
  REFUSAL_NOTICE_OVERDUE: { zh: '告知超时', en: 'telling the applicant overdue' },
  APPLICANT_TOLD: { zh: '已告知申请人', en: 'applicant told' },
  CASE_CLOSED: { zh: '办结', en: 'closed' },
  CASE_WITHDRAWN: { zh: '撤回', en: 'withdrawn' },
  CASE_OWNER_TRANSFERRED: { zh: '转交负责人', en: 'ownership transferred' },
};

/** Monitoring signals (监测信号) by kind. */
export const SIGNAL_KIND_NAME: Names = {
  MEDICAL_EXPENSE: { zh: '大额自付医疗费用', en: 'large out-of-pocket medical costs' },
  HOSPITALISATION: { zh: '住院', en: 'hospitalisation' },
  DISABILITY_CERTIFIED: { zh: '残疾认定', en: 'disability certified' },
  UNEMPLOYMENT_REGISTERED: { zh: '失业登记', en: 'unemployment registered' },
  CONTRIBUTIONS_LAPSED: { zh: '社保断缴', en: 'social-insurance contributions lapsed' },
  DEATH: { zh: '死亡', en: 'death' },
  SCHOOL_DROPOUT: { zh: '辍学', en: 'school drop-out' },
  UTILITY_ARREARS: { zh: '水电气欠费', en: 'utility arrears' },
  NO_UTILITY_USE: { zh: '水电气长期未使用', en: 'no utility use' },
  DISASTER_DAMAGE: { zh: '受灾', en: 'disaster damage' },
  INCOME_RISE: { zh: '收入增加', en: 'income rise' },
};

export const SIGNAL_OUTCOME_NAME: Names = {
  ACCEPTED: { zh: '已接收', en: 'accepted' },
  DUPLICATE: { zh: '重复报送，已忽略', en: 'repeat, ignored' },
  REFUSED: { zh: '未接收', en: 'refused' },
};

export const WARNING_LEVEL_NAME: Names = {
  RED: { zh: '红色预警', short: '红', en: 'red' },
  ORANGE: { zh: '橙色预警', short: '橙', en: 'orange' },
  YELLOW: { zh: '黄色预警', short: '黄', en: 'yellow' },
};

export const WARNING_ACTION_NAME: Names = {
  HOME_VISIT: { zh: '入户核实', en: 'home visit' },
  REREVIEW: { zh: '复核', en: 're-review' },
  REFERRAL: { zh: '转介部门', en: 'referral' },
  NOTE: { zh: '仅记录', en: 'note only' },
};

export const WARNING_RULE_NAME: Names = {
  MEDICAL_BURDEN: { zh: '大额医疗支出', en: 'medical burden' },
  SEVERE_DISABILITY_LOW_INCOME: { zh: '重度残疾且收入低', en: 'severe disability on a low income' },
  DEATH_IN_ASSISTED_HOUSEHOLD: { zh: '低保特困家庭成员死亡', en: 'death in an assisted household' },
  INCOME_ABOVE_LINE: { zh: '收入超过低保标准', en: 'income above the line' },
  SILENT_LIVING_ALONE: { zh: '独居人员水电气长期未使用', en: 'no utilities for a person living alone' },
  UNEMPLOYED_IN_REGISTER: { zh: '在册家庭成员失业', en: 'unemployment in a register household' },
};

export const WARNING_STATUS_NAME: Names = {
  NEW: { zh: '新预警', en: 'new' },
};

/** How the applicant was told of a refusal (告知方式). */
export const TOLD_MEANS_NAME: Names = {
  IN_WRITING: { zh: '书面告知', en: 'in writing' },
  IN_PERSON: { zh: '当面告知', en: 'in person' },
  PHONE: { zh: '电话告知', en: 'by phone' },
  SMS: { zh: '短信告知', en: 'by text message' },
};

export const REGISTER_TIER_NAME: Names = {
  MINIMUM_LIVING: { zh: '低保对象', short: '低保', en: 'minimum living guarantee' },
  EXTREME_POVERTY: { zh: '特困人员', short: '特困', en: 'extreme poverty' },
  NEAR_MINIMUM: { zh: '低保边缘家庭', short: '低保边缘', en: 'near the minimum line' },
  EXPENDITURE_HARDSHIP: { zh: '刚性支出困难家庭', short: '刚性支出困难', en: 'hardship from essential spending' },
  RELAPSE_RISK: { zh: '防止返贫监测对象', short: '防返贫监测', en: 'relapse-risk monitoring' },
  WATCHED: { zh: '其他关注对象', short: '其他关注', en: 'watched' },
};

export const EXIT_REASON_NAME: Names = {
  INCOME_ABOVE_LINE: { zh: '收入超标', en: 'income above the line' },
  DECEASED: { zh: '死亡', en: 'deceased' },
  MOVED_AWAY: { zh: '迁出', en: 'moved away' },
  VOLUNTARY: { zh: '自愿退出', en: 'left voluntarily' },
  REVIEW_FAILED: { zh: '复核不符', en: 'failed the review' },
  OTHER: { zh: '其他', en: 'other' },
};

export const TIER_SOURCE_NAME: Names = {
  DECISION: { zh: '审批认定', en: 'decision' },
  IMPORT: { zh: '存量导入', en: 'imported roll' },
  REVIEW: { zh: '定期复核', en: 'periodic review' },
};

export const IMPORT_STATUS_NAME: Names = {
  VALIDATING: { zh: '校验中', en: 'validating' },
  PREVIEW: { zh: '待审核', en: 'awaiting approval' },
  APPROVED: { zh: '导入中', en: 'committing' },
  COMMITTED: { zh: '已导入', en: 'committed' },
  CANCELLED: { zh: '已取消', en: 'cancelled' },
  FAILED: { zh: '文件无法读取', en: 'unreadable' },
};

export const IMPORT_ROW_OUTCOME_NAME: Names = {
  CREATE: { zh: '新增', en: 'create' },
  UPDATE: { zh: '更新', en: 'update' },
  UNCHANGED: { zh: '无变化', en: 'unchanged' },
  CONFLICT: { zh: '冲突', en: 'conflict' },
  REFUSED: { zh: '拒绝', en: 'refused' },
};

export const REVIEW_STATUS_NAME: Names = {
  OPEN: { zh: '待复核', en: 'open' },
  DONE: { zh: '已复核', en: 'done' },
  SUPERSEDED: { zh: '已失效', en: 'superseded' },
};

export const REVIEW_OUTCOME_NAME: Names = {
  CONTINUED: { zh: '继续享受', en: 'continued' },
  TIER_CHANGED: { zh: '调整类别', en: 'tier changed' },
  EXITED: { zh: '退出', en: 'exited' },
};

/** The name of a code in a table, or the code itself when the table does not know it. */
export function nameOf(table: Names, code: string): Text {
  return table[code] ?? { zh: code, en: code };
}
