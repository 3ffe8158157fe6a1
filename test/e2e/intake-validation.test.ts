import { Role } from '../../src/access/roles';
import { checkCharacter } from '../../src/access/identity-number';
import { createTestEnvironment, TestEnvironment } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { CASE, SUBMIT } from '../support/operations';
import { freshIdNumber } from '../support/people';


/** A valid identity number ending in X, not used anywhere else in this file. */
function numberEndingInX(birth: string): string {
  for (let seq = 0; seq < 1000; seq++) {
    const first17 = `370781${birth}${String(seq).padStart(3, '0')}`;
    if (checkCharacter(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no X');
}

describeDb('submitApplication: validation, classification and case numbers over HTTP', () => {
  let env: TestEnvironment;
  let clerk: string;

  beforeAll(async () => {
    // Early in the morning, so that later tests can move the clock forward through the day.
    env = await createTestEnvironment({ now: '2026-03-02T07:00:00+08:00' });
    clerk = await env.token(Role.CLERK, '370783');
  });
  afterAll(() => env.close());

  const counts = () => env.rowCounts();

  async function submitOk(input: Record<string, unknown>) {
    const res = await env.gql(clerk, SUBMIT, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case;
  }

  it('reports every problem of one input together, answers case: null and writes nothing', async () => {
    await submitOk(application()); // something in the tables, so a stray write would show as a change
    const before = await counts();
    const spouse = freshIdNumber('19760520');
    const valid = freshIdNumber('19780312');
    const res = await env.gql(clerk, SUBMIT, {
      input: application({
        townshipCode: '370784001',
        applicant: { name: '王秀英', idNumber: valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1'), phone: '99' },
        applicantMonthlyIncomeFen: -1,
        household: [
          { person: { name: '李强', idNumber: spouse }, relation: 'SPOUSE', monthlyIncomeFen: -500 },
          { person: { name: '李小明', idNumber: '3707832012090100' }, relation: 'CHILD', schoolStage: 'PRIMARY' },
          { person: { name: '李强', idNumber: spouse }, relation: 'SIBLING' },
          { person: { name: '张三', idNumber: freshIdNumber('19900101') }, relation: 'SELF' },
        ],
        hardship: { medicalExpenseFen: -1 },
        mode: 'EMERGENCY',
        missingMaterials: ['户口簿'],
        categories: ['MEDICAL', 'HOUSING', 'MEDICAL'],
      }),
    });
    expect(res.errors).toBeUndefined();
    const { case: c, userErrors } = res.data.submitApplication;
    expect(c).toBeNull();
    const found = userErrors.map((e: any) => `${e.code} ${e.field.join('.')}`).sort();
    expect(found).toEqual([
      'DUPLICATE_CATEGORY input.categories',
      'DUPLICATE_PERSON input.household.2.person.idNumber',
      'EMERGENCY_ADVANCE_REQUIRED input.emergencyAdvanceFen',
      'INVALID_ID_NUMBER input.applicant.idNumber',
      'INVALID_ID_NUMBER input.household.1.person.idNumber',
      'INVALID_PHONE input.applicant.phone',
      'MISSING_MATERIALS_NOT_ALLOWED input.missingMaterials',
      'NEGATIVE_AMOUNT input.applicantMonthlyIncomeFen',
      'NEGATIVE_AMOUNT input.hardship.medicalExpenseFen',
      'NEGATIVE_AMOUNT input.household.0.monthlyIncomeFen',
      'SELF_NOT_APPLICANT input.household.3.relation',
      'TOWNSHIP_OUTSIDE_REGION input.townshipCode',
    ]);
    for (const e of userErrors) expect(e.message.length).toBeGreaterThan(5);
    expect(await counts()).toEqual(before);
  });

  it('answers a wrongly typed variable with BAD_USER_INPUT and writes nothing', async () => {
    const before = await counts();
    const base = application();
    const household = base.household as Array<Record<string, unknown>>;
    const cases: Array<Record<string, unknown>> = [
      { ...base, household: [{ ...household[0], monthlyIncomeFen: 1.5 }] },
      { ...base, applicantMonthlyIncomeFen: '60000' },
      { ...base, applicantMonthlyIncomeFen: 3_000_000_000 },
      { ...base, hardship: { medicalExpenseFen: 12.5 } },
      { ...base, mode: 'URGENT' },
    ];
    for (const input of cases) {
      const res = await env.gql(clerk, SUBMIT, { input });
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await counts()).toEqual(before);
  });

  it('accepts a lower-case x, stores X, and knows the person again by either spelling', async () => {
    const withX = numberEndingInX('19650709');
    const first = await submitOk(application({ applicant: { name: '刘桂兰', idNumber: withX.toLowerCase() } }));
    const read = await env.gql(clerk, CASE, { id: first.id });
    expect(read.data.case.applicant.idNumber).toBe(withX);
    expect(read.data.case.household[0]).toMatchObject({ relation: 'SELF', person: { idNumber: withX } });
    const rows = await env.running.services.uow.dataSource.query(
      `SELECT id_number_masked AS masked FROM persons WHERE id = '${first.applicant.id}'`,
    );
    expect(rows[0].masked).toBe(`${withX.slice(0, 6)}********${withX.slice(14)}`);
    expect(rows[0].masked.endsWith('X')).toBe(true);

    const again = await env.gql(clerk, SUBMIT, { input: application({ applicant: { name: '刘桂兰', idNumber: withX } }) });
    expect(again.data.submitApplication).toEqual({
      case: null,
      userErrors: [expect.objectContaining({ code: 'DUPLICATE_OPEN_CASE', field: ['input', 'applicant', 'idNumber'] })],
    });
    const emergency = await submitOk(
      application({ applicant: { name: '刘桂兰', idNumber: withX }, mode: 'EMERGENCY', emergencyAdvanceFen: 100_000, hardship: { emergency: true } }),
    );
    // A record per application; the blind index is what ties them to one resident.
    expect(emergency.applicant.id).not.toBe(first.applicant.id);
    const indexes = await env.running.services.uow.dataSource.query('SELECT DISTINCT id_number_index FROM persons WHERE id IN (?, ?)', [
      first.applicant.id,
      emergency.applicant.id,
    ]);
    expect(indexes).toHaveLength(1);
  });

  it('accepts the applicant listed again as SELF without counting them twice', async () => {
    const applicant = { name: '孙丽', idNumber: freshIdNumber('19820202') };
    const c = await submitOk(
      application({
        applicant,
        applicantMonthlyIncomeFen: 0,
        household: [
          { person: applicant, relation: 'SELF', monthlyIncomeFen: 50_000, laborCapable: true },
          { person: { name: '孙强', idNumber: freshIdNumber('19800303') }, relation: 'SPOUSE' },
        ],
        hardship: {},
      }),
    );
    expect(c.household.map((m: any) => [m.relation, m.monthlyIncomeFen, m.laborCapable])).toEqual([
      ['SELF', 50_000, true],
      ['SPOUSE', 0, false],
    ]);
    expect(c.perCapitaMonthlyIncomeFen).toBe(25_000);
    expect(c.referrals.map((r: any) => r.category).sort()).toEqual(['EMPLOYMENT', 'MINIMUM_LIVING']);
  });

  it('records the missing materials of a TOLERANT case', async () => {
    const c = await submitOk(application({ mode: 'TOLERANT', missingMaterials: [' 户口簿 ', '收入证明'] }));
    expect(c.mode).toBe('TOLERANT');
    expect(c.missingMaterials).toEqual(['户口簿', '收入证明']);
    expect(c.emergencyAdvanceFen).toBeNull();
    expect(c.timeline[0]).toMatchObject({ type: 'CASE_ACCEPTED', note: expect.stringContaining('户口簿') });
    const read = await env.gql(clerk, CASE, { id: c.id });
    expect(read.data.case.missingMaterials).toEqual(['户口簿', '收入证明']);
  });

  it('derives the categories when none are named, with the urban or rural line by township', async () => {
    // 950 yuan a head: below the urban line (1010), above the rural one (838).
    const facts = { household: [], applicantMonthlyIncomeFen: 95_000, hardship: { legalDispute: true } };
    const urban = await submitOk(application({ ...facts, townshipCode: '370783001' }));
    expect(urban.referrals.map((r: any) => [r.category, r.department]).sort()).toEqual([
      ['LEGAL_AID', 'JUDICIAL'],
      ['MINIMUM_LIVING', 'CIVIL_AFFAIRS'],
    ]);
    const rural = await submitOk(application({ ...facts, townshipCode: '370783104' }));
    expect(rural.referrals.map((r: any) => [r.category, r.department])).toEqual([['LEGAL_AID', 'JUDICIAL']]);
  });

  it('refers exactly the categories named, and no derived ones', async () => {
    // The facts alone would give MINIMUM_LIVING, MEDICAL and EDUCATION.
    const c = await submitOk(application({ categories: ['HOUSING', 'CHARITY'] }));
    expect(c.referrals.map((r: any) => [r.category, r.department]).sort()).toEqual([
      ['CHARITY', 'CHARITY'],
      ['HOUSING', 'HOUSING'],
    ]);
    expect(c.timeline.filter((e: any) => e.type === 'REFERRAL_CREATED')).toHaveLength(2);
  });

  it('refuses with NO_CATEGORIES when nothing applies or an empty list is named, writing nothing', async () => {
    const before = await counts();
    const wellOff = application({ household: [], applicantMonthlyIncomeFen: 500_000, hardship: {} });
    const res = await env.gql(clerk, SUBMIT, { input: wellOff });
    expect(res.data.submitApplication).toEqual({
      case: null,
      userErrors: [expect.objectContaining({ code: 'NO_CATEGORIES', field: ['input', 'categories'] })],
    });
    const empty = await env.gql(clerk, SUBMIT, { input: application({ categories: [] }) });
    expect(empty.data.submitApplication).toEqual({
      case: null,
      userErrors: [expect.objectContaining({ code: 'NO_CATEGORIES', field: ['input', 'categories'] })],
    });
    expect(await counts()).toEqual(before);
    // Naming a category for the same facts is accepted.
    const named = await submitOk({ ...wellOff, idempotencyKey: `${wellOff.idempotencyKey}-b`, categories: ['EMPLOYMENT'] });
    expect(named.referrals.map((r: any) => r.category)).toEqual(['EMPLOYMENT']);
  });

  it('numbers cases township + acceptance date in CST + a 4-digit daily sequence per township', async () => {
    const at = async (instant: string, townshipCode: string) => {
      env.clock.set(instant);
      return submitOk(application({ townshipCode }));
    };
    // 07:30 CST on 2 March is still 1 March in UTC.
    const early = await at('2026-03-02T07:30:00+08:00', '370783105');
    expect(early.caseNo).toBe('370783105202603020001');
    // 23:30 CST = 15:30Z, the same day either way.
    const late = await at('2026-03-02T23:30:00+08:00', '370783105');
    expect(late.caseNo).toBe('370783105202603020002');
    expect(late.acceptedAt).toBe('2026-03-02T23:30:00.000+08:00');
    // 00:10 CST on 3 March is 16:10Z on 2 March: a new day and a new sequence in CST.
    const next = await at('2026-03-03T00:10:00+08:00', '370783105');
    expect(next.caseNo).toBe('370783105202603030001');
    expect(next.acceptedAt).toBe('2026-03-03T00:10:00.000+08:00');
    // Another township counts on its own.
    const other = await at('2026-03-03T00:20:00+08:00', '370783106');
    expect(other.caseNo).toBe('370783106202603030001');
    const third = await at('2026-03-03T08:00:00+08:00', '370783105');
    expect(third.caseNo).toMatch(/^370783105\d{8}\d{4}$/);
    expect(third.caseNo).toBe('370783105202603030002');
  });
});
