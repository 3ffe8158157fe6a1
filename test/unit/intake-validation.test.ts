import 'reflect-metadata';
import { checkCharacter } from '../../src/access/identity-number';
import { AssistanceCategory } from '../../src/classification/categories';
import { AcceptanceMode, IntakeChannel, Relation } from '../../src/intake/intake.enums';
import { IntakeErrorCode as Code } from '../../src/intake/intake.errors';
import { hashApplication, validateApplication } from '../../src/intake/intake.validation';
import { SubmitApplicationInput } from '../../src/intake/submit-application.inputs';
import { idNumber } from '../support/people';

const REGION = '370783';
const TODAY = '2026-03-02';

const APPLICANT_ID = idNumber('19780312', 1);
const SPOUSE_ID = idNumber('19760520', 2);
const CHILD_ID = idNumber('20120901', 3);

/** A valid number ending in X, so that a lower-case x can be tried. */
const X_ID = (() => {
  for (let seq = 0; seq < 1000; seq++) {
    const first17 = `37078319850101${String(seq).padStart(3, '0')}`;
    if (checkCharacter(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no X');
})();

/** A complete input, as GraphQL hands it over after applying the defaults. */
function input(overrides: Partial<SubmitApplicationInput> = {}): SubmitApplicationInput {
  return {
    idempotencyKey: 'key-1',
    townshipCode: '370783104',
    applicant: { name: '王秀英', idNumber: APPLICANT_ID, phone: '13800138000' },
    applicantMonthlyIncomeFen: 60_000,
    household: [
      member({ person: { name: '李强', idNumber: SPOUSE_ID }, relation: Relation.SPOUSE, seriouslyIll: true }),
      member({ person: { name: '李小明', idNumber: CHILD_ID }, relation: Relation.CHILD, schoolStage: 'PRIMARY' as never }),
    ],
    hardship: { medicalExpenseFen: 1_250_000, unsafeHousing: false, legalDispute: false, emergency: false, noSupport: false, financialAssetsFen: 0 },
    categories: null,
    mode: AcceptanceMode.STANDARD,
    channel: IntakeChannel.WINDOW,
    missingMaterials: null,
    emergencyAdvanceFen: null,
    note: null,
    ...overrides,
  } as SubmitApplicationInput;
}

function member(overrides: Record<string, unknown>): SubmitApplicationInput['household'][number] {
  return { monthlyIncomeFen: 0, schoolStage: null, laborCapable: false, employed: false, disabled: false, seriouslyIll: false, ...overrides } as never;
}

const validate = (i: SubmitApplicationInput, region = REGION, today = TODAY) => validateApplication(i, region, today);

/** [code, dotted field] of every error, sorted, for exact comparison regardless of order. */
function problems(i: SubmitApplicationInput, region = REGION): string[] {
  const { application, errors } = validate(i, region);
  if (errors.length > 0) expect(application).toBeNull();
  for (const e of errors) {
    expect(e.text.en.length).toBeGreaterThan(5);
    expect(e.text.zh.length).toBeGreaterThan(3);
  }
  return errors.map((e) => `${e.code} ${e.field?.join('.')}`).sort();
}

describe('validateApplication: a valid input', () => {
  it('returns the normalized application with the applicant first as SELF', () => {
    const { application, errors } = validate(input({ townshipCode: ' 370783104 ' }));
    expect(errors).toEqual([]);
    expect(application).not.toBeNull();
    expect(application!.townshipCode).toBe('370783104');
    expect(application!.members.map((m) => [m.relation, m.person.idNumber, m.monthlyIncomeFen])).toEqual([
      [Relation.SELF, APPLICANT_ID, 60_000],
      [Relation.SPOUSE, SPOUSE_ID, 0],
      [Relation.CHILD, CHILD_ID, 0],
    ]);
    expect(application!.members[2].schoolStage).toBe('PRIMARY');
    expect(application!.categories).toBeNull();
    expect(application!.missingMaterials).toEqual([]);
    expect(application!.emergencyAdvanceFen).toBeNull();
    expect(application!.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('validateApplication: every failure of one input, reported together', () => {
  it('reports sixteen problems in one answer, each with its input path and code', () => {
    const bad = input({
      idempotencyKey: 'bad key!',
      townshipCode: '37078',
      applicant: { name: '王秀英', idNumber: APPLICANT_ID.slice(0, 17) + (APPLICANT_ID[17] === '0' ? '1' : '0'), phone: '12345' },
      applicantMonthlyIncomeFen: -100,
      household: [
        member({ person: { name: '  ', idNumber: SPOUSE_ID }, relation: Relation.SPOUSE, monthlyIncomeFen: -1 }),
        member({ person: { name: '李小明', idNumber: CHILD_ID.slice(0, 17) }, relation: Relation.CHILD }),
        member({ person: { name: '张三', idNumber: idNumber('19900101', 4) }, relation: Relation.SELF }),
        member({ person: { name: '李强二', idNumber: SPOUSE_ID }, relation: Relation.SIBLING }),
      ],
      hardship: { medicalExpenseFen: -5, unsafeHousing: false, legalDispute: false, emergency: false, noSupport: false, financialAssetsFen: -5 },
      mode: AcceptanceMode.TOLERANT,
      missingMaterials: null,
      emergencyAdvanceFen: 100,
      categories: [AssistanceCategory.MEDICAL, AssistanceCategory.MEDICAL],
      note: '长'.repeat(1001),
    });
    const { application, errors } = validate(bad);
    expect(application).toBeNull();
    expect(errors.map((e) => ({ code: e.code, field: e.field }))).toEqual(
      expect.arrayContaining([
        { code: Code.INVALID_IDEMPOTENCY_KEY, field: ['input', 'idempotencyKey'] },
        { code: Code.INVALID_TOWNSHIP_CODE, field: ['input', 'townshipCode'] },
        { code: Code.INVALID_ID_NUMBER, field: ['input', 'applicant', 'idNumber'] },
        { code: Code.INVALID_PHONE, field: ['input', 'applicant', 'phone'] },
        { code: Code.NEGATIVE_AMOUNT, field: ['input', 'applicantMonthlyIncomeFen'] },
        { code: Code.INVALID_NAME, field: ['input', 'household', '0', 'person', 'name'] },
        { code: Code.NEGATIVE_AMOUNT, field: ['input', 'household', '0', 'monthlyIncomeFen'] },
        { code: Code.INVALID_ID_NUMBER, field: ['input', 'household', '1', 'person', 'idNumber'] },
        { code: Code.SELF_NOT_APPLICANT, field: ['input', 'household', '2', 'relation'] },
        { code: Code.DUPLICATE_PERSON, field: ['input', 'household', '3', 'person', 'idNumber'] },
        { code: Code.NEGATIVE_AMOUNT, field: ['input', 'hardship', 'medicalExpenseFen'] },
        { code: Code.NEGATIVE_AMOUNT, field: ['input', 'hardship', 'financialAssetsFen'] },
        { code: Code.MISSING_MATERIALS_REQUIRED, field: ['input', 'missingMaterials'] },
        { code: Code.EMERGENCY_ADVANCE_NOT_ALLOWED, field: ['input', 'emergencyAdvanceFen'] },
        { code: Code.DUPLICATE_CATEGORY, field: ['input', 'categories'] },
        { code: Code.TEXT_TOO_LONG, field: ['input', 'note'] },
      ]),
    );
    expect(errors).toHaveLength(16);
  });

  it('uses only the stable codes of intake.errors.ts', () => {
    const { errors } = validate(input({ townshipCode: 'x', applicantMonthlyIncomeFen: -1, categories: [] }));
    expect(errors.length).toBe(3);
    for (const e of errors) expect(Object.values(Code)).toContain(e.code);
  });
});

describe('validateApplication: township', () => {
  it.each(['37078310', '3707831040', '37078310a', '', '370 783 104'])('refuses %j as not 9 digits', (code) => {
    expect(problems(input({ townshipCode: code }))).toEqual(['INVALID_TOWNSHIP_CODE input.townshipCode']);
  });

  it('refuses a township outside the caller’s region, and accepts one inside', () => {
    expect(problems(input({ townshipCode: '370784001' }))).toEqual(['TOWNSHIP_OUTSIDE_REGION input.townshipCode']);
    expect(problems(input({ townshipCode: '370783104' }), '370783105')).toEqual(['TOWNSHIP_OUTSIDE_REGION input.townshipCode']);
    expect(problems(input({ townshipCode: '370783104' }), '370783104')).toEqual([]);
    expect(problems(input({ townshipCode: '370783001' }), '37')).toEqual([]);
  });
});

describe('validateApplication: identity numbers', () => {
  it('refuses a birth date after today, judged by the `today` given', () => {
    const baby = idNumber('20260303', 5);
    const i = input({ household: [member({ person: { name: '新生儿', idNumber: baby }, relation: Relation.CHILD })] });
    expect(validate(i, REGION, '2026-03-02').errors.map((e) => [e.code, e.field])).toEqual([
      [Code.INVALID_ID_NUMBER, ['input', 'household', '0', 'person', 'idNumber']],
    ]);
    expect(validate(i, REGION, '2026-03-03').errors).toEqual([]);
  });

  it('accepts a lower-case x and stores the number with X', () => {
    const { application, errors } = validate(input({ applicant: { name: '王秀英', idNumber: X_ID.toLowerCase() } }));
    expect(errors).toEqual([]);
    expect(application!.members[0].person.idNumber).toBe(X_ID);
  });

  it('refuses the same number twice: applicant and member, or two members', () => {
    expect(problems(input({ household: [member({ person: { name: '甲', idNumber: APPLICANT_ID }, relation: Relation.SPOUSE })] }))).toEqual([
      'DUPLICATE_PERSON input.household.0.person.idNumber',
    ]);
    const twice = input({
      household: [
        member({ person: { name: '甲', idNumber: SPOUSE_ID }, relation: Relation.SPOUSE }),
        member({ person: { name: '乙', idNumber: CHILD_ID }, relation: Relation.CHILD }),
        member({ person: { name: '丙', idNumber: SPOUSE_ID }, relation: Relation.OTHER }),
      ],
    });
    expect(problems(twice)).toEqual(['DUPLICATE_PERSON input.household.2.person.idNumber']);
  });

  it('sees a duplicate through the x/X spelling', () => {
    const i = input({
      applicant: { name: '王秀英', idNumber: X_ID },
      household: [member({ person: { name: '甲', idNumber: X_ID.toLowerCase() }, relation: Relation.SIBLING })],
    });
    expect(problems(i)).toEqual(['DUPLICATE_PERSON input.household.0.person.idNumber']);
  });
});

describe('validateApplication: amounts', () => {
  it.each([
    ['applicantMonthlyIncomeFen', { applicantMonthlyIncomeFen: -1 }, 'input.applicantMonthlyIncomeFen'],
    ['a member’s income', { household: [member({ person: { name: '甲', idNumber: SPOUSE_ID }, relation: Relation.SPOUSE, monthlyIncomeFen: -1 })] }, 'input.household.0.monthlyIncomeFen'],
    ['medical expenses', { hardship: { ...input().hardship, medicalExpenseFen: -1 } }, 'input.hardship.medicalExpenseFen'],
    ['financial assets', { hardship: { ...input().hardship, financialAssetsFen: -1 } }, 'input.hardship.financialAssetsFen'],
    ['the emergency advance', { mode: AcceptanceMode.EMERGENCY, emergencyAdvanceFen: -1 }, 'input.emergencyAdvanceFen'],
  ])('refuses a negative %s', (_what, overrides, path) => {
    expect(problems(input(overrides as Partial<SubmitApplicationInput>))).toEqual([`NEGATIVE_AMOUNT ${path}`]);
  });

  it('accepts zero everywhere', () => {
    const zero = input({ applicantMonthlyIncomeFen: 0, hardship: { ...input().hardship, medicalExpenseFen: 0, financialAssetsFen: 0 }, mode: AcceptanceMode.EMERGENCY, emergencyAdvanceFen: 0 });
    expect(problems(zero)).toEqual([]);
  });
});

describe('validateApplication: exactly one SELF, the applicant', () => {
  it('accepts a SELF entry that is the applicant and takes the applicant’s own facts from it', () => {
    const i = input({
      applicant: { name: '王秀英', idNumber: X_ID },
      applicantMonthlyIncomeFen: 0,
      household: [
        member({ person: { name: '王秀英', idNumber: X_ID.toLowerCase() }, relation: Relation.SELF, monthlyIncomeFen: 30_000, laborCapable: true, seriouslyIll: true }),
        member({ person: { name: '李强', idNumber: SPOUSE_ID }, relation: Relation.SPOUSE }),
      ],
    });
    const { application, errors } = validate(i);
    expect(errors).toEqual([]);
    expect(application!.members).toHaveLength(2);
    expect(application!.members[0]).toMatchObject({ relation: Relation.SELF, monthlyIncomeFen: 30_000, laborCapable: true, seriouslyIll: true });
    expect(application!.members[0].person.idNumber).toBe(X_ID);
    expect(application!.members[1].relation).toBe(Relation.SPOUSE);
  });

  it('refuses a second SELF', () => {
    const self = member({ person: { name: '王秀英', idNumber: APPLICANT_ID }, relation: Relation.SELF });
    expect(problems(input({ household: [self, member({ person: { name: '李强', idNumber: SPOUSE_ID }, relation: Relation.SPOUSE }), self] }))).toEqual([
      'MULTIPLE_SELF input.household.2.relation',
    ]);
  });

  it('refuses a SELF with another identity number', () => {
    expect(problems(input({ household: [member({ person: { name: '李强', idNumber: SPOUSE_ID }, relation: Relation.SELF })] }))).toEqual([
      'SELF_NOT_APPLICANT input.household.0.relation',
    ]);
  });

  it('refuses a SELF whose income contradicts applicantMonthlyIncomeFen', () => {
    const self = member({ person: { name: '王秀英', idNumber: APPLICANT_ID }, relation: Relation.SELF, monthlyIncomeFen: 50_000 });
    expect(problems(input({ applicantMonthlyIncomeFen: 60_000, household: [self] }))).toEqual(['CONFLICTING_INCOME input.household.0.monthlyIncomeFen']);
    expect(problems(input({ applicantMonthlyIncomeFen: 50_000, household: [self] }))).toEqual([]);
  });
});

describe('validateApplication: acceptance modes', () => {
  it('TOLERANT needs at least one missing material', () => {
    expect(problems(input({ mode: AcceptanceMode.TOLERANT }))).toEqual(['MISSING_MATERIALS_REQUIRED input.missingMaterials']);
    expect(problems(input({ mode: AcceptanceMode.TOLERANT, missingMaterials: [] }))).toEqual(['MISSING_MATERIALS_REQUIRED input.missingMaterials']);
    const { application } = validate(input({ mode: AcceptanceMode.TOLERANT, missingMaterials: [' 户口簿 ', '收入证明'] }));
    expect(application!.missingMaterials).toEqual(['户口簿', '收入证明']);
  });

  it('refuses blank and repeated materials at their index', () => {
    expect(problems(input({ mode: AcceptanceMode.TOLERANT, missingMaterials: ['户口簿', '  ', '户口簿'] }))).toEqual([
      'INVALID_MATERIAL input.missingMaterials.1',
      'INVALID_MATERIAL input.missingMaterials.2',
    ]);
  });

  it('EMERGENCY needs the advance amount', () => {
    expect(problems(input({ mode: AcceptanceMode.EMERGENCY }))).toEqual(['EMERGENCY_ADVANCE_REQUIRED input.emergencyAdvanceFen']);
    const { application } = validate(input({ mode: AcceptanceMode.EMERGENCY, emergencyAdvanceFen: 200_000 }));
    expect(application!.emergencyAdvanceFen).toBe(200_000);
  });

  it('allows missing materials only under TOLERANT, and an advance only under EMERGENCY', () => {
    expect(problems(input({ missingMaterials: ['户口簿'] }))).toEqual(['MISSING_MATERIALS_NOT_ALLOWED input.missingMaterials']);
    expect(problems(input({ missingMaterials: [] }))).toEqual(['MISSING_MATERIALS_NOT_ALLOWED input.missingMaterials']);
    expect(problems(input({ mode: AcceptanceMode.EMERGENCY, emergencyAdvanceFen: 1, missingMaterials: ['户口簿'] }))).toEqual([
      'MISSING_MATERIALS_NOT_ALLOWED input.missingMaterials',
    ]);
    expect(problems(input({ emergencyAdvanceFen: 1 }))).toEqual(['EMERGENCY_ADVANCE_NOT_ALLOWED input.emergencyAdvanceFen']);
    expect(problems(input({ mode: AcceptanceMode.TOLERANT, missingMaterials: ['户口簿'], emergencyAdvanceFen: 0 }))).toEqual([
      'EMERGENCY_ADVANCE_NOT_ALLOWED input.emergencyAdvanceFen',
    ]);
  });
});

describe('validateApplication: categories', () => {
  it('refuses an empty list and a category named twice', () => {
    expect(problems(input({ categories: [] }))).toEqual(['NO_CATEGORIES input.categories']);
    expect(problems(input({ categories: [AssistanceCategory.HOUSING, AssistanceCategory.MEDICAL, AssistanceCategory.HOUSING] }))).toEqual([
      'DUPLICATE_CATEGORY input.categories',
    ]);
  });

  it('keeps the categories named', () => {
    const { application } = validate(input({ categories: [AssistanceCategory.HOUSING, AssistanceCategory.LEGAL_AID] }));
    expect(application!.categories).toEqual([AssistanceCategory.HOUSING, AssistanceCategory.LEGAL_AID]);
  });
});

describe('validateApplication: other fields', () => {
  it('caps the household at 30 members besides the applicant', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => member({ person: { name: `成员${String.fromCodePoint(0x4e00 + i)}`, idNumber: idNumber('19900101', 100 + i) }, relation: Relation.OTHER }));
    expect(problems(input({ household: many(30) }))).toEqual([]);
    expect(problems(input({ household: many(31) }))).toEqual(['TOO_MANY_MEMBERS input.household']);
  });

  it('checks names, phones, the idempotency key and the note', () => {
    expect(problems(input({ applicant: { name: '王'.repeat(51), idNumber: APPLICANT_ID } }))).toEqual(['INVALID_NAME input.applicant.name']);
    expect(problems(input({ applicant: { name: '王秀英', idNumber: APPLICANT_ID, phone: '0536-5221234' } }))).toEqual([]);
    expect(problems(input({ applicant: { name: '王秀英', idNumber: APPLICANT_ID, phone: '1380013800' } }))).toEqual(['INVALID_PHONE input.applicant.phone']);
    expect(problems(input({ idempotencyKey: 'k'.repeat(100) }))).toEqual([]);
    expect(problems(input({ idempotencyKey: 'k'.repeat(101) }))).toEqual(['INVALID_IDEMPOTENCY_KEY input.idempotencyKey']);
    expect(problems(input({ idempotencyKey: '' }))).toEqual(['INVALID_IDEMPOTENCY_KEY input.idempotencyKey']);
    expect(problems(input({ note: '备'.repeat(1000) }))).toEqual([]);
    expect(problems(input({ note: '备'.repeat(1001) }))).toEqual(['TEXT_TOO_LONG input.note']);
  });
});

describe('the idempotency hash', () => {
  const hashOf = (i: SubmitApplicationInput) => validate(i).application!.inputHash;

  it('is equal for equal inputs, built separately', () => {
    expect(hashOf(input())).toBe(hashOf(input()));
    expect(hashOf(input({ categories: [AssistanceCategory.MEDICAL] }))).toBe(hashOf(input({ categories: [AssistanceCategory.MEDICAL] })));
  });

  it('is equal when inputs differ only in spelling that normalization removes', () => {
    const upper = input({ applicant: { name: '王秀英', idNumber: X_ID } });
    const lower = input({ applicant: { name: ' 王秀英 ', idNumber: X_ID.toLowerCase() }, townshipCode: '370783104 ' });
    expect(hashOf(lower)).toBe(hashOf(upper));
  });

  it('is what hashApplication computes over the application', () => {
    const { application } = validate(input());
    expect(hashApplication(application!)).toBe(application!.inputHash);
  });

  it.each([
    ['income', { applicantMonthlyIncomeFen: 60_001 }],
    ['a hardship fact', { hardship: { ...input().hardship, legalDispute: true } }],
    ['a member', { household: [input().household[0]] }],
    ['the categories', { categories: [AssistanceCategory.MEDICAL] }],
    ['the mode', { mode: AcceptanceMode.TOLERANT, missingMaterials: ['户口簿'] }],
    ['the channel', { channel: IntakeChannel.HOTLINE }],
    ['the note', { note: '再次来访' }],
    ['the township', { townshipCode: '370783105' }],
  ])('differs when %s differs', (_what, overrides) => {
    expect(hashOf(input(overrides as Partial<SubmitApplicationInput>))).not.toBe(hashOf(input()));
  });
});

describe('township codes name a township, not the county', () => {
  it('refuses a code ending in 000', () => {
    const { errors } = validateApplication(input({ townshipCode: '370783000' }), REGION, TODAY);
    expect(errors.map((e) => [e.code, e.field?.join('.')])).toEqual([[Code.INVALID_TOWNSHIP_CODE, 'input.townshipCode']]);
  });
});
