import { createHash } from 'node:crypto';
import { IsoDate } from '../../src/common/dates';
import { AssistanceCategory } from '../../src/classification/categories';

// The words and codes the seeded rows are made of: one prefecture's counties (Weifang, 3707xx),
// sixteen townships each, and the notes the clerks and departments write.

export const COUNTIES = ['370702', '370703', '370704', '370705', '370781', '370782', '370783', '370784', '370785', '370786'];
export const TOWNSHIPS = COUNTIES.flatMap((c) => ['001', '002', '003', '004', '005', '100', '101', '102', '103', '104', '105', '106', '107', '108', '109', '110'].map((t) => c + t));
export const CATEGORIES = Object.values(AssistanceCategory);
/** How each department's case system numbers its records (external_ref). */
export const EXTERNAL_REF_PREFIX: Record<string, string> = { CIVIL_AFFAIRS: 'MZ', MEDICAL: 'YB', EDUCATION: 'JY', HOUSING: 'ZJ', EMPLOYMENT: 'RS', JUDICIAL: 'SF', CHARITY: 'CS' };
export const APPROVED_NOTE: Record<string, string> = {
  MINIMUM_LIVING: '纳入低保',
  EXTREME_POVERTY: '纳入特困供养',
  TEMPORARY: '给予临时救助',
  MEDICAL: '医疗救助已核准',
  EDUCATION: '教育资助已核准',
  HOUSING: '纳入住房保障',
  EMPLOYMENT: '安排就业援助',
  LEGAL_AID: '指派法律援助律师',
  CHARITY: '链接慈善帮扶',
};
export const MATERIALS = ['收入证明', '医院诊断证明', '户口簿', '残疾证', '学籍证明', '租房合同'];
export const CASE_NOTES = ['申请人因病致贫', '家中主要劳动力失业', '房屋受灾', '子女就学困难'];
export const WITHDRAW_REASONS = ['申请人撤回申请', '家庭收入已恢复', '已迁出本辖区'];
/** Most applications come to the window; the weights are the repetitions. */
export const CHANNELS = ['WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'ONLINE', 'ONLINE', 'HOTLINE', 'PROACTIVE_DISCOVERY'];
/** Referrals per case (one to three departments), weighted likewise. */
export const REFERRALS_PER_CASE = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3];

export const MINUTE = 60_000;

/** The instant `minutes` after midnight CST of `date`. */
export function cstMs(date: IsoDate, minutes: number): number {
  return Date.parse(`${date}T00:00:00+08:00`) + minutes * MINUTE;
}
export const iso = (ms: number) => new Date(ms).toISOString();
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
