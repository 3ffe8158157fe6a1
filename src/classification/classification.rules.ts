import { AssistanceCategory, CATEGORY_ORDER, DEPARTMENT_OF } from './categories';
import { AssistanceStandard, minimumLivingLine, MinimumLivingLine } from './assistance-standards';
import { Department } from '../access/roles';

/** The facts classification reads, already validated. */
export interface HouseholdFacts {
  townshipCode: string;
  members: ReadonlyArray<{
    monthlyIncomeFen: number;
    schoolStage: string | null;
    laborCapable: boolean;
    employed: boolean;
    disabled: boolean;
    seriouslyIll: boolean;
  }>;
  hardship: {
    medicalExpenseFen: number;
    unsafeHousing: boolean;
    legalDispute: boolean;
    emergency: boolean;
    noSupport: boolean;
    financialAssetsFen: number;
  };
  /** Accepted through the emergency channel (急难绿色通道), with the advance paid at once. */
  emergencyAdvanceFen?: number | null;
}

export interface Suggestion {
  category: AssistanceCategory;
  department: Department;
  reason: string;
}

export const yuan = (fen: number): string => `${(fen / 100).toFixed(2)}元`;

export function perCapitaMonthlyIncomeFen(facts: Pick<HouseholdFacts, 'members'>): number {
  const total = facts.members.reduce((sum, m) => sum + m.monthlyIncomeFen, 0);
  return Math.floor(total / Math.max(1, facts.members.length));
}

/**
 * Where a per-capita income stands against the 低保 line and the low-income (低保边缘) line: under
 * the first, between the two, or above both. The one home of that comparison (the console's
 * 收入核算 uses it too).
 */
export type IncomeTier = 'BELOW_MINIMUM' | 'LOW_INCOME_MARGIN' | 'ABOVE_LOW_INCOME';
export function incomeTier(perCapitaFen: number, lines: { monthlyFen: number; lowIncomeMonthlyFen: number }): IncomeTier {
  if (perCapitaFen < lines.monthlyFen) return 'BELOW_MINIMUM';
  return perCapitaFen < lines.lowIncomeMonthlyFen ? 'LOW_INCOME_MARGIN' : 'ABOVE_LOW_INCOME';
}

/** "农村低保标准838.00元（山东省2024年平均标准）": the line as reasons name it. */
export function minimumLivingLineName(lines: Pick<MinimumLivingLine, 'urban' | 'monthlyFen' | 'source'>): string {
  return `${lines.urban ? '城市' : '农村'}低保标准${yuan(lines.monthlyFen)}（${lines.source}）`;
}

/** Why a household qualifies for 低保 by income: classification's reason, and the register's basis for a 低保 decision. */
export function minimumLivingReason(size: number, perCapitaFen: number, lines: Pick<MinimumLivingLine, 'urban' | 'monthlyFen' | 'source'>): string {
  return `家庭${size}人，月人均收入${yuan(perCapitaFen)}，低于${minimumLivingLineName(lines)}。`;
}

/** 三无: the reason for 特困, in classification and in the register's basis. */
export const EXTREME_POVERTY_REASON = '无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其无履行能力（三无）。';

/**
 * 分层分类: derives the categories a household needs from its facts, each with a reason in
 * Chinese naming the figures behind it. Pure; the standard comes from data per region.
 */
export function classify(facts: HouseholdFacts, standard: AssistanceStandard): Suggestion[] {
  const found = new Map<AssistanceCategory, string>();
  const perCapita = perCapitaMonthlyIncomeFen(facts);
  const lines = minimumLivingLine(facts.townshipCode, standard);
  const { urban, monthlyFen: line, lowIncomeMonthlyFen: lowIncomeLine } = lines;
  const tier = incomeTier(perCapita, lines);
  const lineName = minimumLivingLineName(lines);
  const size = facts.members.length;
  const h = facts.hardship;

  if (tier === 'BELOW_MINIMUM') {
    found.set(AssistanceCategory.MINIMUM_LIVING, minimumLivingReason(size, perCapita, lines));
  }
  if (h.noSupport) {
    found.set(AssistanceCategory.EXTREME_POVERTY, EXTREME_POVERTY_REASON);
  }
  if (h.emergency) {
    found.set(AssistanceCategory.TEMPORARY, '遭遇突发事件（火灾、事故、灾害等），基本生活陷入困境，适用临时救助（急难）。');
  } else if (facts.emergencyAdvanceFen != null) {
    found.set(AssistanceCategory.TEMPORARY, `经急难绿色通道受理，已先行救助${yuan(facts.emergencyAdvanceFen)}，转临时救助办理。`);
  }
  if (h.medicalExpenseFen >= standard.medicalExpenseThresholdFen && h.medicalExpenseFen > 0) {
    found.set(AssistanceCategory.MEDICAL, `近12个月自付医疗费用${yuan(h.medicalExpenseFen)}。`);
  }
  const students = facts.members.filter((m) => m.schoolStage !== null).length;
  if (students > 0) {
    found.set(AssistanceCategory.EDUCATION, `家庭中有${students}名在学成员。`);
  }
  if (h.unsafeHousing) {
    found.set(AssistanceCategory.HOUSING, '住房被鉴定为C/D级危房或无房居住。');
  }
  const idleWorkers = facts.members.filter((m) => m.laborCapable && !m.employed).length;
  if (idleWorkers > 0) {
    found.set(AssistanceCategory.EMPLOYMENT, `家庭中有${idleWorkers}名有劳动能力但未就业的成员。`);
  }
  if (h.legalDispute) {
    found.set(AssistanceCategory.LEGAL_AID, '存在无力承担的法律纠纷（欠薪、工伤、赡养等），可申请法律援助。');
  }
  // 低保边缘: income at or above the 低保 line (so 低保 does not cover it) but under the
  // low-income line, with a need the state's schemes leave open.
  const needs: string[] = [];
  if (h.medicalExpenseFen > 0) needs.push(`自付医疗费用${yuan(h.medicalExpenseFen)}`);
  if (facts.members.some((m) => m.seriouslyIll)) needs.push('有重病成员');
  if (facts.members.some((m) => m.disabled)) needs.push('有残疾成员');
  if (h.unsafeHousing) needs.push('住房困难');
  if (h.emergency) needs.push('突发困难');
  if (tier === 'LOW_INCOME_MARGIN' && needs.length > 0) {
    found.set(
      AssistanceCategory.CHARITY,
      `月人均收入${yuan(perCapita)}，不低于${lineName}但低于其${standard.lowIncomeMultiplier}倍${yuan(lowIncomeLine)}（低保边缘），且${needs.join('、')}，政府救助未能覆盖，转慈善帮扶。`,
    );
  }
  return CATEGORY_ORDER.filter((c) => found.has(c)).map((category) => ({
    category,
    department: DEPARTMENT_OF[category],
    reason: found.get(category)!,
  }));
}

/**
 * What the hub refers for one application, and why: the categories the clerk named (each with the
 * rule's reason where a rule also finds it), or else the derived ones. submitApplication and
 * suggestCategories both use it, so the suggestion is exactly what a submission would refer.
 */
export function referralPlan(facts: HouseholdFacts, standard: AssistanceStandard, named: readonly AssistanceCategory[] | null): Suggestion[] {
  const derived = classify(facts, standard);
  if (named === null) return derived;
  return CATEGORY_ORDER.filter((c) => named.includes(c)).map(
    (category) =>
      derived.find((s) => s.category === category) ?? { category, department: DEPARTMENT_OF[category], reason: '窗口工作人员指定。' },
  );
}
