import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';
import { freshIdNumber } from '../support/people';

const SUGGEST = `query Suggest($input: SubmitApplicationInput!) {
  suggestCategories(input: $input) { category department reason }
}`;


describeDb('suggestCategories (分层分类, explained)', () => {
  let env: TestEnvironment;
  let clerk: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00' });
    clerk = await env.token(Role.CLERK, '370783');
  });
  afterAll(() => env.close());

  const counts = () => env.rowCounts();

  async function suggest(input: Record<string, unknown>, token: string | null = clerk) {
    const res = await env.gql(token, SUGGEST, { input });
    expect(res.errors).toBeUndefined();
    return res.data.suggestCategories as Array<{ category: string; department: string; reason: string }>;
  }

  it('suggests each category with its department and a Chinese reason naming the figures', async () => {
    // Rural town, three people, 600 yuan a month in all: 200 yuan a head, below the rural line of 838.
    expect(await suggest(application())).toEqual([
      { category: 'MINIMUM_LIVING', department: 'CIVIL_AFFAIRS', reason: '家庭3人，月人均收入200.00元，低于农村低保标准838.00元（山东省2024年平均标准）。' },
      { category: 'MEDICAL', department: 'MEDICAL', reason: '近12个月自付医疗费用12500.00元。' },
      { category: 'EDUCATION', department: 'EDUCATION', reason: '家庭中有1名在学成员。' },
    ]);
  });

  it('uses the urban line in a sub-district (街道)', async () => {
    const input = application({ townshipCode: '370783001', household: [], applicantMonthlyIncomeFen: 95_000, hardship: {} });
    expect(await suggest(input)).toEqual([
      { category: 'MINIMUM_LIVING', department: 'CIVIL_AFFAIRS', reason: '家庭1人，月人均收入950.00元，低于城市低保标准1010.00元（山东省2024年平均标准）。' },
    ]);
    // The same household in a town is above the rural line: nothing to suggest.
    expect(await suggest({ ...input, townshipCode: '370783104' })).toEqual([]);
  });

  it('suggests CHARITY just above the 低保 line with an uncovered need, naming both lines', async () => {
    const input = application({ household: [], applicantMonthlyIncomeFen: 100_000, hardship: { unsafeHousing: true } });
    const found = await suggest(input);
    expect(found.map((s) => [s.category, s.department])).toEqual([
      ['HOUSING', 'HOUSING'],
      ['CHARITY', 'CHARITY'],
    ]);
    const charity = found[1].reason;
    expect(charity).toContain('1000.00元');
    expect(charity).toContain('838.00元');
    expect(charity).toContain('1257.00元');
    expect(charity).toContain('住房困难');
  });

  it('suggests every category of DESIGN.md from the facts that call for it', async () => {
    const input = application({
      household: [
        { person: { name: '周强', idNumber: freshIdNumber('19790101') }, relation: 'SPOUSE', laborCapable: true },
        { person: { name: '周小红', idNumber: freshIdNumber('20100101') }, relation: 'CHILD', schoolStage: 'JUNIOR_SECONDARY' },
      ],
      hardship: { medicalExpenseFen: 80_000, unsafeHousing: true, legalDispute: true, emergency: true, noSupport: true },
    });
    const found = await suggest(input);
    expect(found.map((s) => [s.category, s.department])).toEqual([
      ['MINIMUM_LIVING', 'CIVIL_AFFAIRS'],
      ['EXTREME_POVERTY', 'CIVIL_AFFAIRS'],
      ['TEMPORARY', 'CIVIL_AFFAIRS'],
      ['MEDICAL', 'MEDICAL'],
      ['EDUCATION', 'EDUCATION'],
      ['HOUSING', 'HOUSING'],
      ['EMPLOYMENT', 'EMPLOYMENT'],
      ['LEGAL_AID', 'JUDICIAL'],
    ]);
    expect(found.find((s) => s.category === 'MEDICAL')!.reason).toContain('800.00元');
    expect(found.find((s) => s.category === 'EMPLOYMENT')!.reason).toContain('1名有劳动能力但未就业');
    for (const s of found) expect(s.reason).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('uses the default standard outside the regions it has data for', async () => {
    const beijing = await env.token(Role.CLERK, '110105');
    const found = await suggest(application({ townshipCode: '110105001', household: [], applicantMonthlyIncomeFen: 50_000, hardship: {} }), beijing);
    expect(found).toEqual([
      { category: 'MINIMUM_LIVING', department: 'CIVIL_AFFAIRS', reason: '家庭1人，月人均收入500.00元，低于城市低保标准1010.00元（默认标准（山东省2024年平均标准））。' },
    ]);
  });

  it('suggests what submitApplication then refers', async () => {
    const input = application({ hardship: { legalDispute: true, medicalExpenseFen: 5_000 } });
    const suggested = (await suggest(input)).map((s) => s.category).sort();
    expect(suggested).toEqual(['EDUCATION', 'LEGAL_AID', 'MEDICAL', 'MINIMUM_LIVING']);
    const res = await env.gql(clerk, SUBMIT, { input });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    expect(res.data.submitApplication.case.referrals.map((r: any) => r.category).sort()).toEqual(suggested);
  });

  it('answers an empty list when nothing applies', async () => {
    expect(await suggest(application({ household: [], applicantMonthlyIncomeFen: 500_000, hardship: {} }))).toEqual([]);
  });

  it('writes nothing, for good input and bad', async () => {
    await env.gql(clerk, SUBMIT, { input: application() }); // non-empty tables
    const before = await counts();
    await suggest(application());
    await suggest(application({ mode: 'TOLERANT', missingMaterials: ['户口簿'] }));
    await suggest(application({ mode: 'EMERGENCY', emergencyAdvanceFen: 50_000, hardship: { emergency: true } }));
    const bad = await env.gql(clerk, SUGGEST, { input: application({ townshipCode: '370784001' }) });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  it('answers bad input with BAD_USER_INPUT naming the field', async () => {
    const outside = await env.gql(clerk, SUGGEST, { input: application({ townshipCode: '370784001' }) });
    expect(outside.data).toBeNull();
    expect(outside.errors).toHaveLength(1);
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'townshipCode'] });

    const child = freshIdNumber('20120901');
    const badChild = child.slice(0, 17) + (child[17] === '5' ? '6' : '5');
    const member = await env.gql(clerk, SUGGEST, {
      input: application({ household: [{ person: { name: '李小明', idNumber: badChild }, relation: 'CHILD' }] }),
    });
    expect(member.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'household', '0', 'person', 'idNumber'] });
    // The message is about the rule, not an echo of the number.
    expect(member.errors![0].message).not.toContain(badChild);

    const mode = await env.gql(clerk, SUGGEST, { input: application({ mode: 'TOLERANT' }) });
    expect(mode.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'missingMaterials'] });

    // Several problems: the field is the first, the message names them all.
    const several = await env.gql(clerk, SUGGEST, { input: application({ townshipCode: '37078', applicantMonthlyIncomeFen: -1 }) });
    expect(several.errors).toHaveLength(1);
    expect(several.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'townshipCode'] });
    expect(several.errors![0].message).toContain('input.townshipCode');
    expect(several.errors![0].message).toContain('input.applicantMonthlyIncomeFen');
  });

  it('answers a wrongly typed variable with BAD_USER_INPUT', async () => {
    const res = await env.gql(clerk, SUGGEST, { input: application({ applicantMonthlyIncomeFen: 1.5 }) });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is for clerks and administrators only', async () => {
    const admin = await env.token(Role.ADMIN, '37');
    expect((await suggest(application(), admin)).map((s) => s.category)).toEqual(['MINIMUM_LIVING', 'MEDICAL', 'EDUCATION']);

    const department = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-sys');
    const dashboard = await env.token(Role.DASHBOARD, '370783');
    for (const token of [department, dashboard]) {
      // Bad input too: the role is checked first, so the answer says nothing about the input.
      for (const input of [application(), application({ townshipCode: '370784001' })]) {
        const res = await env.gql(token, SUGGEST, { input });
        expect(res.data).toBeNull();
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].extensions?.code).toBe('FORBIDDEN');
        expect(res.errors![0].message).not.toMatch(/township|370784001|input\./i);
      }
    }
  });

  it('answers UNAUTHENTICATED without a token, or with a bad one', async () => {
    const none = await env.gql(null, SUGGEST, { input: application() });
    expect(none.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.data ?? null).toBeNull();
    const forged = `${clerk.slice(0, -4)}AAAA`;
    const bad = await env.gql(forged, SUGGEST, { input: application({ townshipCode: TOWNSHIP }) });
    expect(bad.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
