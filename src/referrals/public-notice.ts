import { addCalendarDays, IsoDate } from '../common/dates';
import { yuan } from '../common/text';
import { Decision } from './referral-status';

// The public notice (公示) of a 低保 or 特困 approval: which decisions go on notice and what the
// notice says. Published practice shows the applicant with the given name masked, where the
// household lives, the kind of assistance and the monthly amount — nothing more (no identity
// number, no income, no members). Pure.

/** Approvals of these categories take effect only after their public notice. */
export const NOTICE_CATEGORIES: readonly string[] = ['MINIMUM_LIVING', 'EXTREME_POVERTY'];

export function needsPublicNotice(category: string, decision: Decision): boolean {
  return decision === Decision.APPROVED && NOTICE_CATEGORIES.includes(category);
}

// Two-character surnames (复姓) keep both characters; every other name keeps its first.
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木', '西门', '南宫'];

/** The name with its given name masked: 张三丰 → 张**, 欧阳娜娜 → 欧阳**. */
export function maskGivenName(name: string): string {
  const chars = [...name.trim()];
  const keep = COMPOUND_SURNAMES.some((s) => name.trim().startsWith(s)) && chars.length > 2 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(1, chars.length - keep));
}

/** The notice runs the days after the decision: from the next day to its deadline (the pause's). */
export function noticePeriod(startedOn: IsoDate, deadline: IsoDate): { startsOn: IsoDate; endsOn: IsoDate } {
  return { startsOn: addCalendarDays(startedOn, 1), endsOn: deadline };
}

const KIND: Record<string, string> = { MINIMUM_LIVING: '最低生活保障', EXTREME_POVERTY: '特困人员救助供养' };

/** The notice's text for the village board and the township's printed page. */
export function noticeText(n: { applicantName: string; place: string; category: string; amountFen: number | null; startsOn: IsoDate; endsOn: IsoDate }): string {
  const kind = KIND[n.category] ?? n.category;
  return [
    `${kind}审批公示`,
    `经申请、调查和审核，拟对以下家庭给予${kind}：`,
    `申请人：${maskGivenName(n.applicantName)}　所在地：${n.place}　类别：${kind}${n.amountFen != null ? `　月保障金额：${yuan(n.amountFen)}元` : ''}`,
    `公示期：${n.startsOn}至${n.endsOn}。如有异议，请在公示期内向乡镇人民政府（街道办事处）反映。`,
  ].join('\n');
}
