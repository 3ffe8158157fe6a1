import { SignalKind } from '../../src/monitoring/signal-kinds';
import { DEFAULT_WARNING_RULES as SET, evaluateSignal, HouseholdSnapshot, higherLevel, WarningLevel, WarningRuleCode } from '../../src/monitoring/warning-rules';

// Each shipped warning rule (预警规则) fires just past its boundary and not on it.

const LINE = 83_800; // a 低保 line of 838 yuan a month
const household = (over: Partial<HouseholdSnapshot> = {}): HouseholdSnapshot => ({ tier: 'MINIMUM_LIVING', memberCount: 3, perCapitaIncomeFen: 50_000, lineFen: LINE, ...over });
const fired = (kind: SignalKind, facts: Record<string, number>, h: HouseholdSnapshot = household()) => evaluateSignal({ kind, facts }, h, SET).map((hit) => hit.rule);

describe('the default warning rules at their boundaries', () => {
  it('out-of-pocket medical costs: over 40% of the household income of the same months, or over 20,000 yuan', () => {
    // 3 members × 500 yuan × 12 months = 18,000 yuan; 40% = 7,200 yuan.
    expect(fired(SignalKind.MEDICAL_EXPENSE, { amountFen: 720_000, periodMonths: 12 })).toEqual([]);
    expect(fired(SignalKind.MEDICAL_EXPENSE, { amountFen: 720_001, periodMonths: 12 })).toEqual([WarningRuleCode.MEDICAL_BURDEN]);
    // Income unknown: only the regional amount counts.
    const unknown = household({ perCapitaIncomeFen: null });
    expect(fired(SignalKind.MEDICAL_EXPENSE, { amountFen: 2_000_000, periodMonths: 12 }, unknown)).toEqual([]);
    expect(fired(SignalKind.MEDICAL_EXPENSE, { amountFen: 2_000_001, periodMonths: 12 }, unknown)).toEqual([WarningRuleCode.MEDICAL_BURDEN]);
    const [hit] = evaluateSignal({ kind: SignalKind.MEDICAL_EXPENSE, facts: { amountFen: 720_001, periodMonths: 12 } }, household(), SET);
    expect(hit).toMatchObject({ level: WarningLevel.ORANGE, action: 'HOME_VISIT', reason: '12个月内自付医疗费用7200.01元，超过同期家庭收入18000.00元的40%，因病致贫返贫风险' });
  });

  it('a new severe disability (level 1 or 2) in a household under twice the 低保 line: a referral to civil affairs', () => {
    const under = household({ tier: 'NEAR_MINIMUM', perCapitaIncomeFen: 2 * LINE - 1 });
    expect(fired(SignalKind.DISABILITY_CERTIFIED, { disabilityLevel: 2 }, under)).toEqual([WarningRuleCode.SEVERE_DISABILITY_LOW_INCOME]);
    expect(fired(SignalKind.DISABILITY_CERTIFIED, { disabilityLevel: 3 }, under)).toEqual([]);
    expect(fired(SignalKind.DISABILITY_CERTIFIED, { disabilityLevel: 1 }, household({ perCapitaIncomeFen: 2 * LINE }))).toEqual([]);
    expect(evaluateSignal({ kind: SignalKind.DISABILITY_CERTIFIED, facts: { disabilityLevel: 1 } }, under, SET)[0]).toMatchObject({ action: 'REFERRAL', department: 'CIVIL_AFFAIRS' });
  });

  it('the death of a member of a 低保 or 特困 household: a re-review; not for other tiers', () => {
    expect(fired(SignalKind.DEATH, {}, household({ tier: 'EXTREME_POVERTY' }))).toEqual([WarningRuleCode.DEATH_IN_ASSISTED_HOUSEHOLD]);
    expect(fired(SignalKind.DEATH, {}, household({ tier: 'NEAR_MINIMUM' }))).toEqual([]);
    expect(fired(SignalKind.DEATH, {}, household({ tier: null }))).toEqual([]);
  });

  it('income rising above the line for a 低保 household: an exit review (应退尽退)', () => {
    // 500 yuan per head now; a new income of 3 × 338 yuan brings it to exactly the line.
    expect(fired(SignalKind.INCOME_RISE, { amountFen: 3 * (LINE - 50_000) })).toEqual([]);
    expect(fired(SignalKind.INCOME_RISE, { amountFen: 3 * (LINE - 50_000) + 3 })).toEqual([WarningRuleCode.INCOME_ABOVE_LINE]);
    expect(fired(SignalKind.INCOME_RISE, { amountFen: 1_000_000 }, household({ tier: 'NEAR_MINIMUM' }))).toEqual([]);
  });

  it('no utility use for 3 months by a person living alone on the register: red, a visit', () => {
    const alone = household({ memberCount: 1, tier: 'EXTREME_POVERTY' });
    expect(fired(SignalKind.NO_UTILITY_USE, { months: 2 }, alone)).toEqual([]);
    expect(fired(SignalKind.NO_UTILITY_USE, { months: 3 }, alone)).toEqual([WarningRuleCode.SILENT_LIVING_ALONE]);
    expect(fired(SignalKind.NO_UTILITY_USE, { months: 6 }, household({ memberCount: 2 }))).toEqual([]);
    expect(evaluateSignal({ kind: SignalKind.NO_UTILITY_USE, facts: { months: 3 } }, alone, SET)[0].level).toBe(WarningLevel.RED);
  });

  it('unemployment in a register household: a referral to employment; nothing once it left every tier', () => {
    expect(evaluateSignal({ kind: SignalKind.UNEMPLOYMENT_REGISTERED, facts: {} }, household({ tier: 'RELAPSE_RISK' }), SET)).toEqual([
      expect.objectContaining({ rule: WarningRuleCode.UNEMPLOYED_IN_REGISTER, action: 'REFERRAL', department: 'EMPLOYMENT' }),
    ]);
    expect(fired(SignalKind.UNEMPLOYMENT_REGISTERED, {}, household({ tier: null }))).toEqual([]);
  });

  it('raises a level, never lowers it', () => {
    expect(higherLevel(WarningLevel.YELLOW, WarningLevel.RED)).toBe(WarningLevel.RED);
    expect(higherLevel(WarningLevel.ORANGE, WarningLevel.YELLOW)).toBe(WarningLevel.ORANGE);
  });
});
