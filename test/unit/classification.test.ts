import { Department } from '../../src/access/roles';
import {
  AssistanceStandard,
  DEFAULT_STANDARD,
  REGION_STANDARDS,
  SHANDONG_2024,
  isUrbanTownship,
  minimumLivingLine,
  standardFor,
} from '../../src/classification/assistance-standards';
import { AssistanceCategory as C, DEPARTMENT_OF } from '../../src/classification/categories';
import { HouseholdFacts, classify, perCapitaMonthlyIncomeFen, referralPlan, yuan } from '../../src/classification/classification.rules';

const URBAN = '370783001'; // 圣城街道-style code: 001–099 are sub-districts (街道)
const RURAL = '370783104'; // a town (镇): 100–399

type Member = HouseholdFacts['members'][number];
type Hardship = HouseholdFacts['hardship'];

function member(overrides: Partial<Member> = {}): Member {
  return { monthlyIncomeFen: 0, schoolStage: null, laborCapable: false, employed: false, disabled: false, seriouslyIll: false, ...overrides };
}

function facts(townshipCode: string, members: Partial<Member>[], hardship: Partial<Hardship> = {}): HouseholdFacts {
  return {
    townshipCode,
    members: members.map(member),
    hardship: { medicalExpenseFen: 0, unsafeHousing: false, legalDispute: false, emergency: false, noSupport: false, financialAssetsFen: 0, ...hardship },
  };
}

/** Comfortably above every line: the only categories found are the ones a test adds. */
const WELL_OFF = 500_000;

const categories = (f: HouseholdFacts, s: AssistanceStandard = SHANDONG_2024) => classify(f, s).map((x) => x.category);
const reasonOf = (f: HouseholdFacts, c: C, s: AssistanceStandard = SHANDONG_2024) => classify(f, s).find((x) => x.category === c)?.reason;

describe('standards as data per region', () => {
  it('ships Shandong 2024: urban 1010 yuan, rural 838 yuan a month, low-income line 1.5×', () => {
    expect(SHANDONG_2024).toMatchObject({ prefix: '37', urbanMinimumLivingFen: 101_000, ruralMinimumLivingFen: 83_800, lowIncomeMultiplier: 1.5 });
    expect(REGION_STANDARDS).toContain(SHANDONG_2024);
    expect(DEFAULT_STANDARD.prefix).toBe('');
  });

  it('looks the standard up by region prefix, with a default where none matches', () => {
    expect(standardFor('370783104')).toBe(SHANDONG_2024);
    expect(standardFor('371002001')).toBe(SHANDONG_2024);
    expect(standardFor('110105001')).toBe(DEFAULT_STANDARD);
    expect(standardFor('440305001')).toBe(DEFAULT_STANDARD);
  });

  it('prefers the longest matching prefix, whatever the order of the list', () => {
    const shouguang: AssistanceStandard = { ...SHANDONG_2024, prefix: '370783', source: '寿光市标准', ruralMinimumLivingFen: 90_000 };
    const weifang: AssistanceStandard = { ...SHANDONG_2024, prefix: '3707', source: '潍坊市标准', ruralMinimumLivingFen: 86_000 };
    for (const list of [[SHANDONG_2024, weifang, shouguang], [shouguang, weifang, SHANDONG_2024]]) {
      expect(standardFor('370783104', list)).toBe(shouguang);
      expect(standardFor('370702001', list)).toBe(weifang);
      expect(standardFor('370102001', list)).toBe(SHANDONG_2024);
      expect(standardFor('110105001', list)).toBe(DEFAULT_STANDARD);
    }
  });

  it('tells sub-districts (街道, 001–099) from towns and townships (100–399)', () => {
    expect(isUrbanTownship('370783001')).toBe(true);
    expect(isUrbanTownship('370783099')).toBe(true);
    expect(isUrbanTownship('370783100')).toBe(false);
    expect(isUrbanTownship('370783104')).toBe(false);
    expect(isUrbanTownship('370783399')).toBe(false);
  });

  it('gives the 低保 line that applies to a township and the 低保边缘 line above it, rounded to the fen', () => {
    expect(minimumLivingLine(URBAN)).toEqual({ urban: true, monthlyFen: 101_000, lowIncomeMonthlyFen: 151_500, source: SHANDONG_2024.source });
    expect(minimumLivingLine(RURAL)).toEqual({ urban: false, monthlyFen: 83_800, lowIncomeMonthlyFen: 125_700, source: SHANDONG_2024.source });
    expect(minimumLivingLine('110105001').source).toBe(DEFAULT_STANDARD.source);
    expect(minimumLivingLine(RURAL, { ...SHANDONG_2024, lowIncomeMultiplier: 1.15 }).lowIncomeMonthlyFen).toBe(96_370);
  });

  it('formats fen as yuan with two decimals', () => {
    expect(yuan(83_800)).toBe('838.00元');
    expect(yuan(83_799)).toBe('837.99元');
    expect(yuan(5)).toBe('0.05元');
    expect(yuan(0)).toBe('0.00元');
  });
});

describe('per-capita income', () => {
  it('divides the household income by the household size, rounding down to whole fen', () => {
    expect(perCapitaMonthlyIncomeFen(facts(RURAL, [{ monthlyIncomeFen: 60_000 }, {}, {}]))).toBe(20_000);
    expect(perCapitaMonthlyIncomeFen(facts(RURAL, [{ monthlyIncomeFen: 83_800 }, { monthlyIncomeFen: 83_799 }]))).toBe(83_799);
    expect(perCapitaMonthlyIncomeFen(facts(RURAL, [{ monthlyIncomeFen: 100 }, { monthlyIncomeFen: 0 }, { monthlyIncomeFen: 0 }]))).toBe(33);
  });
});

describe('MINIMUM_LIVING (低保)', () => {
  it('applies below the rural line in a town, and not at it', () => {
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 83_799 }]))).toEqual([C.MINIMUM_LIVING]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 83_800 }]))).toEqual([]);
  });

  it('applies below the urban line in a sub-district, and not at it', () => {
    expect(categories(facts(URBAN, [{ monthlyIncomeFen: 100_999 }]))).toEqual([C.MINIMUM_LIVING]);
    expect(categories(facts(URBAN, [{ monthlyIncomeFen: 101_000 }]))).toEqual([]);
  });

  it('uses the urban or the rural line by the township code: 950 yuan is below one and above the other', () => {
    expect(categories(facts(URBAN, [{ monthlyIncomeFen: 95_000 }]))).toEqual([C.MINIMUM_LIVING]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 95_000 }]))).toEqual([]);
    expect(categories(facts('370783099', [{ monthlyIncomeFen: 95_000 }]))).toEqual([C.MINIMUM_LIVING]);
    expect(categories(facts('370783100', [{ monthlyIncomeFen: 95_000 }]))).toEqual([]);
  });

  it('compares the per-capita figure, not the household total', () => {
    // 1675.99 yuan for two people: 837.99 each, below 838.
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 83_800 }, { monthlyIncomeFen: 83_799 }]))).toEqual([C.MINIMUM_LIVING]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 83_800 }, { monthlyIncomeFen: 83_800 }]))).toEqual([]);
  });

  it('names household size, the per-capita income, the line and its source in Chinese', () => {
    const reason = reasonOf(facts(RURAL, [{ monthlyIncomeFen: 83_800 }, { monthlyIncomeFen: 83_799 }]), C.MINIMUM_LIVING);
    expect(reason).toBe('家庭2人，月人均收入837.99元，低于农村低保标准838.00元（山东省2024年平均标准）。');
    const urban = reasonOf(facts(URBAN, [{ monthlyIncomeFen: 60_000 }, {}, {}]), C.MINIMUM_LIVING);
    expect(urban).toBe('家庭3人，月人均收入200.00元，低于城市低保标准1010.00元（山东省2024年平均标准）。');
  });

  it('takes the line from the standard it is given', () => {
    const local: AssistanceStandard = { ...SHANDONG_2024, prefix: '370783', source: '寿光市2025年标准', ruralMinimumLivingFen: 90_000 };
    const f = facts(RURAL, [{ monthlyIncomeFen: 85_000 }]);
    expect(categories(f)).toEqual([]);
    expect(categories(f, local)).toEqual([C.MINIMUM_LIVING]);
    expect(reasonOf(f, C.MINIMUM_LIVING, local)).toBe('家庭1人，月人均收入850.00元，低于农村低保标准900.00元（寿光市2025年标准）。');
  });
});

describe('the other categories, one fact each', () => {
  it('EXTREME_POVERTY for 三无', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { noSupport: true });
    expect(classify(f, SHANDONG_2024)).toEqual([{ category: C.EXTREME_POVERTY, department: Department.CIVIL_AFFAIRS, reason: expect.stringContaining('三无') }]);
  });

  it('TEMPORARY for an emergency', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { emergency: true });
    expect(classify(f, SHANDONG_2024)).toEqual([{ category: C.TEMPORARY, department: Department.CIVIL_AFFAIRS, reason: expect.stringContaining('临时救助') }]);
  });

  it('MEDICAL for out-of-pocket medical expenses, naming the amount', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { medicalExpenseFen: 1_250_000 });
    expect(classify(f, SHANDONG_2024)).toEqual([{ category: C.MEDICAL, department: Department.MEDICAL, reason: '近12个月自付医疗费用12500.00元。' }]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { medicalExpenseFen: 1 }))).toEqual([C.MEDICAL]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { medicalExpenseFen: 0 }))).toEqual([]);
  });

  it('MEDICAL from the threshold of the standard, at or above it', () => {
    const strict: AssistanceStandard = { ...SHANDONG_2024, medicalExpenseThresholdFen: 500_000 };
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { medicalExpenseFen: 499_999 }), strict)).toEqual([]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { medicalExpenseFen: 500_000 }), strict)).toEqual([C.MEDICAL]);
  });

  it('EDUCATION for members in school, counting them', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: WELL_OFF * 3 }, { schoolStage: 'PRIMARY' }, { schoolStage: 'UNDERGRADUATE' }]);
    expect(classify(f, SHANDONG_2024)).toEqual([{ category: C.EDUCATION, department: Department.EDUCATION, reason: '家庭中有2名在学成员。' }]);
  });

  it('HOUSING for unsafe housing', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { unsafeHousing: true });
    expect(classify(f, SHANDONG_2024)).toEqual([{ category: C.HOUSING, department: Department.HOUSING, reason: expect.stringContaining('危房') }]);
  });

  it('EMPLOYMENT for labour-capable members without work, and only for them', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: WELL_OFF * 4, laborCapable: true, employed: true }, { laborCapable: true }, { laborCapable: true }, { employed: false }]);
    expect(classify(f, SHANDONG_2024)).toEqual([{ category: C.EMPLOYMENT, department: Department.EMPLOYMENT, reason: '家庭中有2名有劳动能力但未就业的成员。' }]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: WELL_OFF, laborCapable: true, employed: true }]))).toEqual([]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: WELL_OFF, laborCapable: false, employed: false }]))).toEqual([]);
  });

  it('LEGAL_AID for a legal dispute, referred to the justice bureau', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { legalDispute: true });
    expect(classify(f, SHANDONG_2024)).toEqual([{ category: C.LEGAL_AID, department: Department.JUDICIAL, reason: expect.stringContaining('法律援助') }]);
  });

  it('nothing for a well-off household without hardship, whatever its assets', () => {
    expect(classify(facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }], { financialAssetsFen: 10_000_000 }), SHANDONG_2024)).toEqual([]);
  });

  it('lists every category found, in the contract order, each with its department', () => {
    const f = facts(
      RURAL,
      [{ monthlyIncomeFen: 30_000, laborCapable: true }, { schoolStage: 'JUNIOR_SECONDARY' }],
      { noSupport: true, emergency: true, medicalExpenseFen: 200_000, unsafeHousing: true, legalDispute: true },
    );
    const found = classify(f, SHANDONG_2024);
    expect(found.map((s) => s.category)).toEqual([
      C.MINIMUM_LIVING, C.EXTREME_POVERTY, C.TEMPORARY, C.MEDICAL, C.EDUCATION, C.HOUSING, C.EMPLOYMENT, C.LEGAL_AID,
    ]);
    for (const s of found) {
      expect(s.department).toBe(DEPARTMENT_OF[s.category]);
      expect(s.reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('CHARITY (低保边缘 + a need the state does not cover)', () => {
  // Rural: 低保 line 838.00元, low-income line 1.5 × 838 = 1257.00元. Urban: 1010.00元 and 1515.00元.
  it('applies at exactly the 低保 line with a need, instead of MINIMUM_LIVING', () => {
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 83_800, seriouslyIll: true }]))).toEqual([C.CHARITY]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 83_799, seriouslyIll: true }]))).toEqual([C.MINIMUM_LIVING]);
  });

  it('applies just below 1.5× the line, and not at it', () => {
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 125_699, disabled: true }]))).toEqual([C.CHARITY]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 125_700, disabled: true }]))).toEqual([]);
    expect(categories(facts(URBAN, [{ monthlyIncomeFen: 151_499, disabled: true }]))).toEqual([C.CHARITY]);
    expect(categories(facts(URBAN, [{ monthlyIncomeFen: 151_500, disabled: true }]))).toEqual([]);
  });

  it('needs a need: low income alone is not enough', () => {
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 100_000 }]))).toEqual([]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 100_000 }], { legalDispute: true }))).toEqual([C.LEGAL_AID]);
  });

  it.each([
    ['medical expenses', {}, { medicalExpenseFen: 300_000 }, [C.MEDICAL, C.CHARITY], '自付医疗费用3000.00元'],
    ['a seriously ill member', { seriouslyIll: true }, {}, [C.CHARITY], '有重病成员'],
    ['a disabled member', { disabled: true }, {}, [C.CHARITY], '有残疾成员'],
    ['unsafe housing', {}, { unsafeHousing: true }, [C.HOUSING, C.CHARITY], '住房困难'],
    ['an emergency', {}, { emergency: true }, [C.TEMPORARY, C.CHARITY], '突发困难'],
  ])('counts %s as a need', (_what, m, h, expected, named) => {
    const f = facts(RURAL, [{ monthlyIncomeFen: 100_000, ...m }], h);
    expect(categories(f)).toEqual(expected);
    expect(reasonOf(f, C.CHARITY)).toContain(named);
  });

  it('names the per-capita income, both lines and the needs in Chinese', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: 180_000 }, { seriouslyIll: true }], { medicalExpenseFen: 50_000 });
    expect(classify(f, SHANDONG_2024).find((s) => s.category === C.CHARITY)).toEqual({
      category: C.CHARITY,
      department: Department.CHARITY,
      reason: '月人均收入900.00元，不低于农村低保标准838.00元（山东省2024年平均标准）但低于其1.5倍1257.00元（低保边缘），且自付医疗费用500.00元、有重病成员，政府救助未能覆盖，转慈善帮扶。',
    });
  });

  it('takes the multiplier from the standard', () => {
    const narrow: AssistanceStandard = { ...SHANDONG_2024, lowIncomeMultiplier: 1.2 }; // rural 1005.60元
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 100_559, disabled: true }]), narrow)).toEqual([C.CHARITY]);
    expect(categories(facts(RURAL, [{ monthlyIncomeFen: 100_560, disabled: true }]), narrow)).toEqual([]);
    expect(reasonOf(facts(RURAL, [{ monthlyIncomeFen: 90_000, disabled: true }]), C.CHARITY, narrow)).toContain('1.2倍1005.60元');
  });
});

describe('edge cases of the lines and of what is referred', () => {
  it('rounds the low-income line instead of losing a fen to floating point (83800 × 1.15 = 96370)', () => {
    const standard = { ...SHANDONG_2024, lowIncomeMultiplier: 1.15 };
    const f = facts(RURAL, [{ monthlyIncomeFen: 96_369, seriouslyIll: true }]);
    expect(categories(f, standard)).toContain(C.CHARITY);
    expect(reasonOf(f, C.CHARITY, standard)).toContain('963.70元');
  });

  it('refers an EMERGENCY acceptance to temporary assistance, naming the advance', () => {
    const f = { ...facts(RURAL, [{ monthlyIncomeFen: WELL_OFF }]), emergencyAdvanceFen: 200_000 };
    expect(categories(f)).toEqual([C.TEMPORARY]);
    expect(reasonOf(f, C.TEMPORARY)).toContain('2000.00元');
  });

  it('plans exactly the categories the clerk named, with the rule reason where one applies', () => {
    const f = facts(RURAL, [{ monthlyIncomeFen: 10_000 }]);
    const plan = referralPlan(f, SHANDONG_2024, [C.HOUSING, C.MINIMUM_LIVING]);
    expect(plan.map((s) => s.category)).toEqual([C.MINIMUM_LIVING, C.HOUSING]);
    expect(plan[0].reason).toContain('838.00元');
    expect(plan[1]).toEqual({ category: C.HOUSING, department: Department.HOUSING, reason: '窗口工作人员指定。' });
    expect(referralPlan(f, SHANDONG_2024, null)).toEqual(classify(f, SHANDONG_2024));
  });
});
