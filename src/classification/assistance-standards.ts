// Standards and thresholds per region, as data (not code). A region entry applies to every
// township whose code starts with its prefix; the longest prefix wins; DEFAULT_STANDARD applies
// where none matches. Figures are monthly, in fen.

export interface AssistanceStandard {
  /** Administrative-division code prefix ('' = default). */
  prefix: string;
  /** Where the figures come from, quoted in suggestion reasons. */
  source: string;
  /** 城市低保标准: applies to sub-districts (街道, township code 001–099). */
  urbanMinimumLivingFen: number;
  /** 农村低保标准: applies to towns and townships (镇/乡, 100–399). */
  ruralMinimumLivingFen: number;
  /** Low-income line as a multiple of the 低保 standard (低保边缘, CHARITY). */
  lowIncomeMultiplier: number;
  /** Out-of-pocket medical expenses over the last 12 months at or above which MEDICAL is suggested. */
  medicalExpenseThresholdFen: number;
}

/** Shandong's 2024 provincial averages: urban 1010 yuan, rural 838 yuan a month. */
export const SHANDONG_2024: AssistanceStandard = {
  prefix: '37',
  source: '山东省2024年平均标准',
  urbanMinimumLivingFen: 101_000,
  ruralMinimumLivingFen: 83_800,
  lowIncomeMultiplier: 1.5,
  medicalExpenseThresholdFen: 1,
};

export const DEFAULT_STANDARD: AssistanceStandard = { ...SHANDONG_2024, prefix: '', source: '默认标准（山东省2024年平均标准）' };

export const REGION_STANDARDS: readonly AssistanceStandard[] = [SHANDONG_2024];

export function standardFor(townshipCode: string, standards: readonly AssistanceStandard[] = REGION_STANDARDS): AssistanceStandard {
  let best: AssistanceStandard = DEFAULT_STANDARD;
  for (const s of standards) {
    if (townshipCode.startsWith(s.prefix) && s.prefix.length > best.prefix.length) best = s;
  }
  return best;
}

/** GB/T 10114: township-level codes 001–099 are sub-districts (街道, urban); 100–399 towns and townships. */
export function isUrbanTownship(townshipCode: string): boolean {
  return Number(townshipCode.slice(6, 9)) < 100;
}

/** The 低保 line that applies to one township, and the 低保边缘 (low-income) line above it. */
export interface MinimumLivingLine {
  /** A sub-district (街道): the urban standard applies; else the rural one. */
  urban: boolean;
  /** The applicable 低保 standard, monthly, in fen. */
  monthlyFen: number;
  /** monthlyFen × lowIncomeMultiplier, rounded to the fen. */
  lowIncomeMonthlyFen: number;
  source: string;
}

/**
 * The one rule for "which 低保 line applies here": classification compares per-capita income with
 * it, and the minimumLivingStandard query shows it to the console.
 */
export function minimumLivingLine(townshipCode: string, standard: AssistanceStandard = standardFor(townshipCode)): MinimumLivingLine {
  const urban = isUrbanTownship(townshipCode);
  const monthlyFen = urban ? standard.urbanMinimumLivingFen : standard.ruralMinimumLivingFen;
  // Rounded, not floored: 83800 × 1.15 is 96369.99999999999 in floating point.
  const lowIncomeMonthlyFen = Math.round(monthlyFen * standard.lowIncomeMultiplier);
  return { urban, monthlyFen, lowIncomeMonthlyFen, source: standard.source };
}
