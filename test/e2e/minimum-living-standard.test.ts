import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';

const STANDARD = `query Standard($townshipCode: String!) {
  minimumLivingStandard(townshipCode: $townshipCode) { townshipCode monthlyFen urban lowIncomeMonthlyFen source }
}`;
const SUGGEST = `query Suggest($input: SubmitApplicationInput!) { suggestCategories(input: $input) { category } }`;
const SUB_DISTRICT = '370783001';

// The 低保 line of a township, for a form that compares per-capita income with it as it is typed:
// the very line classification applies, to anyone signed in, anywhere (public policy data).
describeDb('minimumLivingStandard (低保标准)', () => {
  let env: TestEnvironment;
  let clerk: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00' });
    clerk = await env.token(Role.CLERK, '370783');
  });
  afterAll(() => env.close());

  const standard = (townshipCode: string, token: string | null = clerk, lang?: string) => env.gql(token, STANDARD, { townshipCode }, { lang });

  it('gives the rural standard for a town and the urban one for a sub-district, with the 低保边缘 line', async () => {
    const rural = await standard(TOWNSHIP);
    expect(rural.errors).toBeUndefined();
    expect(rural.data.minimumLivingStandard).toEqual({
      townshipCode: TOWNSHIP,
      monthlyFen: 83_800,
      urban: false,
      lowIncomeMonthlyFen: 125_700,
      source: '山东省2024年平均标准',
    });
    const urban = await standard(SUB_DISTRICT);
    expect(urban.data.minimumLivingStandard).toEqual({
      townshipCode: SUB_DISTRICT,
      monthlyFen: 101_000,
      urban: true,
      lowIncomeMonthlyFen: 151_500,
      source: '山东省2024年平均标准',
    });
    const elsewhere = await standard(' 440305001 ');
    expect(elsewhere.data.minimumLivingStandard).toMatchObject({ townshipCode: '440305001', urban: true, source: '默认标准（山东省2024年平均标准）' });
  });

  it('is the line suggestCategories applies: 低保 below it, 低保边缘 from it up to the low-income line', async () => {
    for (const townshipCode of [TOWNSHIP, SUB_DISTRICT]) {
      const { monthlyFen, lowIncomeMonthlyFen } = (await standard(townshipCode)).data.minimumLivingStandard;
      const categories = async (income: number) => {
        // One person with medical expenses: per-capita income is the applicant's own.
        const input = application({ townshipCode, applicantMonthlyIncomeFen: income, household: [], hardship: { medicalExpenseFen: 100 } });
        const res = await env.gql(clerk, SUGGEST, { input });
        expect(res.errors).toBeUndefined();
        return res.data.suggestCategories.map((s: { category: string }) => s.category);
      };
      expect(await categories(monthlyFen - 1)).toEqual(['MINIMUM_LIVING', 'MEDICAL']);
      expect(await categories(monthlyFen)).toEqual(['MEDICAL', 'CHARITY']);
      expect(await categories(lowIncomeMonthlyFen - 1)).toEqual(['MEDICAL', 'CHARITY']);
      expect(await categories(lowIncomeMonthlyFen)).toEqual(['MEDICAL']);
    }
  });

  it('answers every signed-in caller, whatever the region; nobody without a token', async () => {
    const callers = [
      await env.token(Role.DEPARTMENT, '4403', Department.MEDICAL),
      await env.token(Role.DASHBOARD, '11'),
      await env.token(Role.CLERK, '440305001'),
      await env.token(Role.ADMIN, ''),
    ];
    for (const token of callers) {
      const res = await standard(TOWNSHIP, token);
      expect(res.errors).toBeUndefined();
      expect(res.data.minimumLivingStandard.monthlyFen).toBe(83_800);
    }
    const anonymous = await standard(TOWNSHIP, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeNull();
  });

  it('refuses anything but a 9-digit township code on the field, Chinese first, English on request', async () => {
    for (const bad of ['37078310', '3707831040', '370783000', '37078310x', '']) {
      const res = await standard(bad);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['townshipCode'] });
      expect(res.errors?.[0].message).toBe('乡镇（街道）代码应为9位行政区划代码，且后三位不能是000。');
      expect(res.data).toBeNull();
    }
    const en = await standard('3707', clerk, 'en');
    expect(en.errors?.[0].message).toBe('The township code must be the 9-digit administrative-division code of a township or sub-district.');
  });
});
