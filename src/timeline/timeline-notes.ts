import { Lang, Text, inLang, yuan } from '../common/text';
import { CATEGORY_NAME, CHANNEL_NAME, DECISION_NAME, DEPARTMENT_NAME, MODE_NAME, nameOf, PAUSE_TYPE_NAME, SUPERVISED_CLOCK_NAME, SUPERVISION_LEVEL_NAME, TOLD_MEANS_NAME } from '../common/domain-names';
import { TimelineEventType, TimelineParams } from './timeline-event-kinds';

// How a timeline event reads to people. Events store their data (type + params); the note is
// written here, at read time, in the reader's language, so every event reads well in both.

type Renderers = { [K in TimelineEventType]: (p: TimelineParams[K]) => Text };

const list = (items: string[] | undefined, lang: Lang) => (items ?? []).join(lang === 'en' ? ', ' : '、');
const both = (f: (lang: Lang) => string): Text => ({ zh: f('zh-CN'), en: f('en') });
/** An instant as China Standard Time, e.g. 2026-03-02 09:05. */
const cst = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const RENDER: Renderers = {
  CASE_ACCEPTED: (p) => ({
    zh:
      `${nameOf(MODE_NAME, p.mode).zh}，受理渠道：${nameOf(CHANNEL_NAME, p.channel).zh}` +
      (p.missing?.length ? `；缺少材料：${list(p.missing, 'zh-CN')}` : '') +
      (p.advanceFen != null ? `；已先行支付急难救助金${yuan(p.advanceFen)}元` : ''),
    en:
      `${nameOf(MODE_NAME, p.mode).en} via ${nameOf(CHANNEL_NAME, p.channel).en}` +
      (p.missing?.length ? `; missing: ${list(p.missing, 'en')}` : '') +
      (p.advanceFen != null ? `; emergency advance paid: ${yuan(p.advanceFen)} yuan` : ''),
  }),
  REFERRAL_CREATED: (p) => ({
    zh: `${nameOf(CATEGORY_NAME, p.category).zh} → ${nameOf(DEPARTMENT_NAME, p.department).zh}`,
    en: `${nameOf(CATEGORY_NAME, p.category).en} → ${nameOf(DEPARTMENT_NAME, p.department).en}`,
  }),
  REFERRAL_DELIVERED: (p) =>
    p.leaseUntil
      ? { zh: `部门系统已领取，须在${cst(p.leaseUntil)}前受理`, en: `claimed until ${cst(p.leaseUntil)} CST` }
      : { zh: `已推送至部门系统${p.externalRef ? `，部门编号 ${p.externalRef}` : ''}`, en: `delivered${p.externalRef ? `, department reference ${p.externalRef}` : ''}` },
  REFERRAL_LEASE_EXPIRED: () => ({ zh: '领取后未在期限内受理，已退回待领取', en: 'lease ran out before acknowledgement' }),
  REFERRAL_DELIVERY_FAILED: (p) => ({
    zh: `多次推送未成功${p.attempts ? `（共${p.attempts}次）` : ''}，请人工处理后重新推送${p.reason ? `：${p.reason}` : ''}`,
    en: `delivery failed${p.attempts ? ` after ${p.attempts} attempts` : ''}; a person must retry it${p.reason ? `: ${p.reason}` : ''}`,
  }),
  REFERRAL_DELIVERY_RETRIED: () => ({ zh: '已重新安排推送', en: 'delivery retried' }),
  REFERRAL_ACKNOWLEDGED: (p) => ({
    zh: p.externalRef ? `部门已受理，部门业务编号 ${p.externalRef}` : '部门已受理',
    en: p.externalRef ? `acknowledged, department reference ${p.externalRef}` : 'acknowledged',
  }),
  SUPPLEMENT_REQUESTED: (p) => ({
    zh: `需补充材料：${list(p.materials, 'zh-CN')}${p.note ? `（${p.note}）` : ''}；办理时限暂停计算`,
    en: `materials requested: ${list(p.materials, 'en')}${p.note ? ` — ${p.note}` : ''}; clock paused`,
  }),
  SUPPLEMENT_PROVIDED: (p) => ({
    zh: `已补充：${list(p.materials, 'zh-CN')}${p.left.length ? `；仍缺：${list(p.left, 'zh-CN')}` : '；恢复计时'}`,
    en: `provided: ${list(p.materials, 'en')}${p.left.length ? `; still outstanding: ${list(p.left, 'en')}` : '; clock resumed'}`,
  }),
  REFERRAL_PAUSED: (p) => ({
    zh: `${nameOf(PAUSE_TYPE_NAME, p.pauseType).zh}，暂停计时：${p.reason}（依据 ${p.evidenceRef}），应于${p.deadline}前结束`,
    en: `paused for a ${nameOf(PAUSE_TYPE_NAME, p.pauseType).en}: ${p.reason} (evidence ${p.evidenceRef}), to end by ${p.deadline}`,
  }),
  REFERRAL_RESUMED: (p) => ({
    zh: `${nameOf(PAUSE_TYPE_NAME, p.pauseType).zh}结束，恢复计时${p.evidenceRef ? `（结果 ${p.evidenceRef}）` : ''}${p.note ? `：${p.note}` : ''}`,
    en: `${nameOf(PAUSE_TYPE_NAME, p.pauseType).en} done, clock resumed${p.evidenceRef ? ` (result ${p.evidenceRef})` : ''}${p.note ? `: ${p.note}` : ''}`,
  }),
  PAUSE_AT_RISK: (p) => ({
    zh: `${nameOf(PAUSE_TYPE_NAME, p.pauseType).zh}即将超过时限（${p.deadline}前结束）`,
    en: `${nameOf(PAUSE_TYPE_NAME, p.pauseType).en} at risk, to end by ${p.deadline}`,
  }),
  PAUSE_OVERDUE: (p) => ({
    zh: `${nameOf(PAUSE_TYPE_NAME, p.pauseType).zh}已超过时限（应于${p.deadline}前结束）`,
    en: `${nameOf(PAUSE_TYPE_NAME, p.pauseType).en} overdue, was to end by ${p.deadline}`,
  }),
  PUBLIC_NOTICE_STARTED: (p) => ({
    zh: `拟批准${p.amountFen != null ? `，每月${yuan(p.amountFen)}元` : ''}，公示至${p.endsOn}；公示期满无异议或异议不成立后生效`,
    en: `approval${p.amountFen != null ? ` of ${yuan(p.amountFen)} yuan a month` : ''} on public notice until ${p.endsOn}; effective after it unless an objection is sustained`,
  }),
  NOTICE_OBJECTION_RECEIVED: (p) => ({ zh: `收到公示异议：${p.summary}`, en: `objection received: ${p.summary}` }),
  NOTICE_OBJECTION_DECIDED: (p) => ({
    zh: `${p.sustained ? '异议成立，审批撤回重新办理' : '异议不成立'}${p.note ? `：${p.note}` : ''}`,
    en: `${p.sustained ? 'objection sustained: the approval is withdrawn and decided again' : 'objection dismissed'}${p.note ? `: ${p.note}` : ''}`,
  }),
  SUPERVISION_RAISED: (p) => ({
    zh: `${nameOf(SUPERVISED_CLOCK_NAME, p.clock).zh}，${nameOf(SUPERVISION_LEVEL_NAME, p.level).zh}，请于${p.respondBy}前反馈原因和办结时间`,
    en: `${nameOf(SUPERVISED_CLOCK_NAME, p.clock).en}: ${nameOf(SUPERVISION_LEVEL_NAME, p.level).en} supervision notice, answer by ${p.respondBy}`,
  }),
  SUPERVISION_ANSWERED: (p) => ({ zh: `督办已反馈：${p.reason}；承诺于${p.promisedDate}前办结`, en: `notice answered: ${p.reason}; promised by ${p.promisedDate}` }),
  SUPERVISION_ESCALATED: (p) => ({ zh: `督办升级为${nameOf(SUPERVISION_LEVEL_NAME, p.level).zh}`, en: `notice escalated to the ${nameOf(SUPERVISION_LEVEL_NAME, p.level).en}` }),
  SUPERVISION_CLOSED: () => ({ zh: '督办事项已办理，销号', en: 'notice closed: the step is done' }),
  REFUSAL_NOTICE_AT_RISK: (p) => ({ zh: `不予批准的结果即将超过告知时限（${p.tellBy}前告知申请人）`, en: `the refusal is to be told to the applicant by ${p.tellBy}` }),
  REFUSAL_NOTICE_OVERDUE: (p) => ({ zh: `不予批准的结果未按时告知申请人（应于${p.tellBy}前告知）`, en: `the refusal was to be told to the applicant by ${p.tellBy}` }),
  APPLICANT_TOLD: (p) => ({
    zh: `已于${p.toldOn}${nameOf(TOLD_MEANS_NAME, p.means).zh}申请人不予批准的结果及理由${p.evidenceRef ? `（${p.evidenceRef}）` : ''}`,
    en: `applicant told of the refusal and its reason ${nameOf(TOLD_MEANS_NAME, p.means).en} on ${p.toldOn}${p.evidenceRef ? ` (${p.evidenceRef})` : ''}`,
  }),
  MATERIALS_PROVIDED: (p) => both((lang) => (lang === 'en' ? `provided: ${list(p.materials, lang)}` : `已补齐材料：${list(p.materials, lang)}`)),
  REFERRAL_RESOLVED: (p) => ({
    zh: `${nameOf(DECISION_NAME, p.decision).zh}${p.amountFen != null ? `，金额${yuan(p.amountFen)}元` : ''}${p.note ? `；${p.note}` : ''}`,
    en: `${nameOf(DECISION_NAME, p.decision).en}${p.amountFen != null ? `, ${yuan(p.amountFen)} yuan` : ''}${p.note ? `; ${p.note}` : ''}`,
  }),
  REFERRAL_CANCELLED: (p) => ({
    zh: `案件已撤回，已告知${nameOf(DEPARTMENT_NAME, p.department).zh}`,
    en: `case withdrawn; ${nameOf(DEPARTMENT_NAME, p.department).en} informed`,
  }),
  SLA_AT_RISK: (p) => (p.dueDate ? { zh: `即将超期，办理期限${p.dueDate}`, en: `at risk, due ${p.dueDate}` } : { zh: '案件即将超期', en: 'case at risk' }),
  ACKNOWLEDGEMENT_AT_RISK: (p) => ({ zh: `即将超过受理时限（${p.acknowledgeBy}前受理）`, en: `acknowledgement at risk, due ${p.acknowledgeBy}` }),
  ACKNOWLEDGEMENT_OVERDUE: (p) => ({ zh: `已超过受理时限（应于${p.acknowledgeBy}前受理）`, en: `acknowledgement overdue, was due ${p.acknowledgeBy}` }),
  SLA_OVERDUE: (p) => (p.dueDate ? { zh: `已超期，办理期限${p.dueDate}`, en: `overdue, was due ${p.dueDate}` } : { zh: '案件已超期', en: 'case overdue' }),
  CASE_CLOSED: () => ({ zh: '各转办事项均已办结或撤销，案件办结', en: 'every referral is resolved or cancelled' }),
  CASE_WITHDRAWN: (p) => ({ zh: `撤回原因：${p.reason}`, en: `withdrawn: ${p.reason}` }),
  CASE_OWNER_TRANSFERRED: (p) => ({ zh: `负责人由 ${p.from} 转交给 ${p.to}；转交原因：${p.reason}`, en: `ownership passed from ${p.from} to ${p.to}: ${p.reason}` }),
};

/** The note of an event in `lang`; an event stored before events carried data keeps its own note. */
export function timelineNote(event: { type: string; params: string | null; note: string | null }, lang: Lang): string | null {
  const render = RENDER[event.type as TimelineEventType] as ((p: unknown) => Text) | undefined;
  if (!event.params || !render) return event.note;
  return inLang(render(JSON.parse(event.params)), lang);
}
