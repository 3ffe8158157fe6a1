import { Department } from '../access/roles';
import { IsoDate } from '../common/dates';
import { entryInForce } from '../common/regional-data';
import { SignalFact, SignalKind } from './signal-kinds';

// The warning rules (预警规则): what a signal about a member of a register household means — a
// warning with a level (红/橙/黄) and an action. The figures are regional data, versioned by
// effective date like the other standards (the entry in force on the signal's day, of the longest
// region prefix); the rules themselves are the shipped defaults, each with its reason. Pure.

export enum WarningLevel {
  RED = 'RED', // 红: visit at once
  ORANGE = 'ORANGE', // 橙
  YELLOW = 'YELLOW', // 黄
}

/** What a warning asks for. */
export enum WarningAction {
  HOME_VISIT = 'HOME_VISIT', // 入户核实 by the township
  REREVIEW = 'REREVIEW', // 复核 of the household's register tier
  REFERRAL = 'REFERRAL', // a referral to a department
  NOTE = 'NOTE', // recorded only
}

/** Most urgent first: a later signal may raise a warning's level, never lower it. */
export const LEVEL_ORDER: readonly WarningLevel[] = [WarningLevel.RED, WarningLevel.ORANGE, WarningLevel.YELLOW];
export const higherLevel = (a: WarningLevel, b: WarningLevel): WarningLevel => (LEVEL_ORDER.indexOf(a) <= LEVEL_ORDER.indexOf(b) ? a : b);

export interface WarningRuleSet {
  /** Administrative-division code prefix ('' = everywhere). */
  prefix: string;
  effectiveFrom: IsoDate;
  source: string;
  /** Out-of-pocket medical costs over this share of the household's income in the same months. */
  medicalIncomeShare: number;
  /** … or over this amount (fen) in at most 12 months. */
  medicalAmountFen: number;
  /** A disability of this level or more severe (1 is the most severe) … */
  severeDisabilityLevel: number;
  /** … in a household under this multiple of the 低保 line (单人保 eligibility). */
  disabilityIncomeMultiple: number;
  /** No utility use for this many months by a person living alone. */
  silenceMonths: number;
  /** Working days the township has to verify a warning (核实), by level. */
  verifyDays: Record<WarningLevel, number>;
  /** Working days from a warning to the joint review's decision (会审). */
  decideDays: number;
}

export const DEFAULT_WARNING_RULES: WarningRuleSet = {
  prefix: '',
  effectiveFrom: '2024-01-01',
  source: '默认预警规则（防止返贫监测和低收入人口动态监测通行做法）',
  medicalIncomeShare: 0.4,
  medicalAmountFen: 2_000_000, // 2万元
  severeDisabilityLevel: 2, // 一级、二级 (重度)
  disabilityIncomeMultiple: 2,
  silenceMonths: 3,
  // 红 3, 橙 5, 黄 10 working days to verify; 15 from the warning to a decision (防止返贫监测: 15天内完成认定).
  verifyDays: { RED: 3, ORANGE: 5, YELLOW: 10 },
  decideDays: 15,
};

export const WARNING_RULE_SETS: readonly WarningRuleSet[] = [DEFAULT_WARNING_RULES];

export function warningRulesFor(townshipCode: string, on: IsoDate, sets: readonly WarningRuleSet[] = WARNING_RULE_SETS): WarningRuleSet {
  return entryInForce(sets, townshipCode, on) ?? DEFAULT_WARNING_RULES;
}

/** What the rules know of the household a signal is about. */
export interface HouseholdSnapshot {
  /** RegisterTier, or null once it left every tier. */
  tier: string | null;
  memberCount: number;
  /** The current tier's per-capita monthly income (fen), when recorded. */
  perCapitaIncomeFen: number | null;
  /** The township's 低保 line, monthly (fen). */
  lineFen: number;
}

export interface SignalFacts {
  kind: SignalKind;
  facts: Partial<Record<SignalFact, number>>;
}

export enum WarningRuleCode {
  MEDICAL_BURDEN = 'MEDICAL_BURDEN',
  SEVERE_DISABILITY_LOW_INCOME = 'SEVERE_DISABILITY_LOW_INCOME',
  DEATH_IN_ASSISTED_HOUSEHOLD = 'DEATH_IN_ASSISTED_HOUSEHOLD',
  INCOME_ABOVE_LINE = 'INCOME_ABOVE_LINE',
  SILENT_LIVING_ALONE = 'SILENT_LIVING_ALONE',
  UNEMPLOYED_IN_REGISTER = 'UNEMPLOYED_IN_REGISTER',
}

export interface RuleHit {
  rule: WarningRuleCode;
  level: WarningLevel;
  action: WarningAction;
  /** The department a REFERRAL goes to. */
  department: Department | null;
  /** Why, in the township's words. */
  reason: string;
}

const ASSISTED = ['MINIMUM_LIVING', 'EXTREME_POVERTY'];
const yuan = (fen: number) => `${(fen / 100).toFixed(2)}元`;

interface Rule {
  code: WarningRuleCode;
  level: WarningLevel;
  action: WarningAction;
  department?: Department;
  /** The reason when the rule fires, else null. */
  fires(s: SignalFacts, h: HouseholdSnapshot, set: WarningRuleSet): string | null;
}

/** The shipped defaults (预警规则), each with its reason. */
export const WARNING_RULES: readonly Rule[] = [
  {
    code: WarningRuleCode.MEDICAL_BURDEN,
    level: WarningLevel.ORANGE,
    action: WarningAction.HOME_VISIT,
    fires: (s, h, set) => {
      if (s.kind !== SignalKind.MEDICAL_EXPENSE) return null;
      const amount = s.facts.amountFen!;
      const months = s.facts.periodMonths!;
      if (amount > set.medicalAmountFen) return `${months}个月内自付医疗费用${yuan(amount)}，超过${yuan(set.medicalAmountFen)}，因病致贫返贫风险`;
      if (h.perCapitaIncomeFen === null) return null;
      const income = h.perCapitaIncomeFen * h.memberCount * months;
      const limit = Math.floor(income * set.medicalIncomeShare);
      return amount > limit ? `${months}个月内自付医疗费用${yuan(amount)}，超过同期家庭收入${yuan(income)}的${Math.round(set.medicalIncomeShare * 100)}%，因病致贫返贫风险` : null;
    },
  },
  {
    code: WarningRuleCode.SEVERE_DISABILITY_LOW_INCOME,
    level: WarningLevel.ORANGE,
    action: WarningAction.REFERRAL,
    department: Department.CIVIL_AFFAIRS,
    fires: (s, h, set) => {
      if (s.kind !== SignalKind.DISABILITY_CERTIFIED || s.facts.disabilityLevel! > set.severeDisabilityLevel || h.perCapitaIncomeFen === null) return null;
      const limit = h.lineFen * set.disabilityIncomeMultiple;
      return h.perCapitaIncomeFen < limit ? `新认定${s.facts.disabilityLevel}级残疾，家庭人均月收入${yuan(h.perCapitaIncomeFen)}低于低保标准的${set.disabilityIncomeMultiple}倍（${yuan(limit)}），可单人纳入低保` : null;
    },
  },
  {
    code: WarningRuleCode.DEATH_IN_ASSISTED_HOUSEHOLD,
    level: WarningLevel.YELLOW,
    action: WarningAction.REREVIEW,
    fires: (s, h) => (s.kind === SignalKind.DEATH && h.tier !== null && ASSISTED.includes(h.tier) ? '低保或特困家庭成员死亡，家庭人口和保障金额须复核' : null),
  },
  {
    code: WarningRuleCode.INCOME_ABOVE_LINE,
    level: WarningLevel.YELLOW,
    action: WarningAction.REREVIEW,
    fires: (s, h) => {
      if (s.kind !== SignalKind.INCOME_RISE || h.tier !== 'MINIMUM_LIVING' || h.perCapitaIncomeFen === null) return null;
      // The member's new income on top of the recorded one (its earlier share unknown: counted as none).
      const after = h.perCapitaIncomeFen + Math.floor(s.facts.amountFen! / h.memberCount);
      return after > h.lineFen ? `家庭成员收入增加，人均月收入约${yuan(after)}，高于低保标准${yuan(h.lineFen)}，应退尽退复核` : null;
    },
  },
  {
    code: WarningRuleCode.SILENT_LIVING_ALONE,
    level: WarningLevel.RED,
    action: WarningAction.HOME_VISIT,
    fires: (s, h, set) =>
      s.kind === SignalKind.NO_UTILITY_USE && s.facts.months! >= set.silenceMonths && h.memberCount === 1 && h.tier !== null
        ? `独居的在册人员连续${s.facts.months}个月水电气未使用，须立即入户查看`
        : null,
  },
  {
    code: WarningRuleCode.UNEMPLOYED_IN_REGISTER,
    level: WarningLevel.YELLOW,
    action: WarningAction.REFERRAL,
    department: Department.EMPLOYMENT,
    fires: (s, h) => (s.kind === SignalKind.UNEMPLOYMENT_REGISTERED && h.tier !== null ? '在册家庭成员登记失业，转介就业援助' : null),
  },
];

/** The rules a signal about a member of `household` fires, under the rule set in force. */
export function evaluateSignal(signal: SignalFacts, household: HouseholdSnapshot, set: WarningRuleSet): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of WARNING_RULES) {
    const reason = rule.fires(signal, household, set);
    if (reason !== null) hits.push({ rule: rule.code, level: rule.level, action: rule.action, department: rule.department ?? null, reason });
  }
  return hits;
}
