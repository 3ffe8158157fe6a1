import { daysInMonth, IsoDate } from '../common/dates';
import { entryInForce } from '../common/regional-data';
import { RegisterTier } from './tiers';

// The register's regional data (as the 低保 lines in classification/assistance-standards.ts): how
// often each tier is reviewed (定期复核), how many working days a township has for a review, and
// the figures behind 刚性支出困难. Versioned by effective date: the entry in force on a day is the
// latest whose `effectiveFrom` is on or before it, of the longest matching region prefix.

export interface RegisterStandard {
  /** Administrative-division code prefix ('' = everywhere). */
  prefix: string;
  effectiveFrom: IsoDate;
  source: string;
  /** Months between reviews per tier. */
  reviewMonths: Record<RegisterTier, number>;
  /** 低保 households with a labour-capable member not in steady work: reviewed this often instead. */
  minimumLivingIrregularIncomeMonths: number;
  /** Working days a township has to finish a review task once it falls due. */
  reviewWorkingDays: number;
  /** 上年度当地居民人均可支配收入, monthly, in fen: the 刚性支出困难 income line. */
  disposableIncomeMonthlyFen: number;
  /** Medical and education spending above this share of household income marks 刚性支出困难. */
  rigidSpendingShare: number;
}

/**
 * Published practice: 低保 every 12 months for stable households and every 6 for those with
 * working-age members and irregular income; 特困 every 3; 低保边缘 and 刚性支出困难 every 12.
 * 防返贫监测 every 6 and 其他关注对象 every 12 are the hub's defaults (no national figure).
 * Shandong's 2023 per-capita disposable income was 39,890 yuan (3,324 yuan a month).
 */
export const DEFAULT_REGISTER_STANDARD: RegisterStandard = {
  prefix: '',
  effectiveFrom: '2024-01-01',
  source: '默认标准（民政部低保审核确认办法、山东省2023年居民人均可支配收入）',
  reviewMonths: {
    [RegisterTier.MINIMUM_LIVING]: 12,
    [RegisterTier.EXTREME_POVERTY]: 3,
    [RegisterTier.NEAR_MINIMUM]: 12,
    [RegisterTier.EXPENDITURE_HARDSHIP]: 12,
    [RegisterTier.RELAPSE_RISK]: 6,
    [RegisterTier.WATCHED]: 12,
  },
  minimumLivingIrregularIncomeMonths: 6,
  reviewWorkingDays: 20,
  disposableIncomeMonthlyFen: 332_400,
  rigidSpendingShare: 0.5,
};

export const REGISTER_STANDARDS: readonly RegisterStandard[] = [DEFAULT_REGISTER_STANDARD];

/** The standard in force for a township on a day. */
export function registerStandardFor(townshipCode: string, on: IsoDate, standards: readonly RegisterStandard[] = REGISTER_STANDARDS): RegisterStandard {
  return entryInForce(standards, townshipCode, on) ?? DEFAULT_REGISTER_STANDARD;
}

/** Months until a household of this tier is next reviewed. */
export function reviewMonths(standard: RegisterStandard, tier: RegisterTier, irregularIncome: boolean): number {
  if (tier === RegisterTier.MINIMUM_LIVING && irregularIncome) return standard.minimumLivingIrregularIncomeMonths;
  return standard.reviewMonths[tier];
}

/** The same day `months` later, or the month's last day when it has fewer days (01-31 + 1 → 02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The next review date of a tier that starts on `from`. */
export function nextReviewDate(from: IsoDate, townshipCode: string, tier: RegisterTier, irregularIncome: boolean): IsoDate {
  return addMonths(from, reviewMonths(registerStandardFor(townshipCode, from), tier, irregularIncome));
}

/**
 * The next review of a tier that started on `from`, on or after `today`: its anniversaries by the
 * tier's interval (from + k intervals, k ≥ 1), the first not yet past. An imported roll's older
 * reviews are not known to the hub; this keeps their rhythm without making every household whose
 * tier began long ago overdue on the day of the import.
 */
export function nextReviewOnOrAfter(from: IsoDate, today: IsoDate, townshipCode: string, tier: RegisterTier, irregularIncome: boolean): IsoDate {
  const months = reviewMonths(registerStandardFor(townshipCode, from), tier, irregularIncome);
  let k = 1;
  // Jump close first (whole intervals between the dates), then step.
  const elapsed = (Number(today.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(today.slice(5, 7)) - Number(from.slice(5, 7)));
  if (elapsed > months) k = Math.max(1, Math.floor(elapsed / months) - 1);
  let next = addMonths(from, k * months);
  while (next < today) next = addMonths(from, ++k * months);
  return next;
}
