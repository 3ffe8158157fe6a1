import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT, WITHDRAW } from '../support/operations';

const LIST = `query List($filter: CaseFilter, $first: Int, $after: String) {
  cases(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id caseNo status } } }
}`;
const OTHER_TOWNSHIP = '370783001';

// CaseFilter.department: the cases with at least one referral to a department — a supervisor's
// "what went to medical insurance" — combined with the other filters, paged and counted.
describeDb('cases filtered by department', () => {
  let env: TestEnvironment;
  let countyClerk: string;
  let dashboard: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-06-01T09:00:00+08:00' });
    countyClerk = await env.token(Role.CLERK, '370783');
    dashboard = await env.token(Role.DASHBOARD, '3707');
    const submit = async (name: string, categories: string[], townshipCode = TOWNSHIP) => {
      env.clock.set(new Date(Date.parse('2026-06-01T09:00:00+08:00') + Object.keys(ids).length * 60_000).toISOString());
      const res = await env.gql(countyClerk, SUBMIT, { input: application({ categories, townshipCode }) });
      expect(res.data.submitApplication.userErrors).toEqual([]);
      ids[name] = res.data.submitApplication.case.id;
    };
    await submit('civilAndMedical', ['MINIMUM_LIVING', 'MEDICAL']);
    await submit('education', ['EDUCATION']);
    await submit('medicalElsewhere', ['MEDICAL'], OTHER_TOWNSHIP);
    for (let i = 0; i < 4; i++) await submit(`medical${i}`, ['MEDICAL']);
    await submit('housingWithdrawn', ['HOUSING', 'EDUCATION']);
    const withdrawn = await env.gql(countyClerk, WITHDRAW, { id: ids.housingWithdrawn, reason: '申请人撤回' });
    expect(withdrawn.data.withdrawCase.userErrors).toEqual([]);
  }, 60_000);
  afterAll(() => env.close());

  const list = (token: string, filter: Record<string, unknown>, first = 50, after?: string) => env.gql(token, LIST, { filter, first, after });
  const idsOf = (res: any) => res.data.cases.edges.map((e: any) => e.node.id).sort();
  const expected = (...names: string[]) => names.map((n) => ids[n]).sort();

  it('finds the cases with a referral to the department, and counts all of them', async () => {
    const medical = await list(dashboard, { department: 'MEDICAL' });
    expect(medical.errors).toBeUndefined();
    expect(idsOf(medical)).toEqual(expected('civilAndMedical', 'medicalElsewhere', 'medical0', 'medical1', 'medical2', 'medical3'));
    expect(medical.data.cases.totalCount).toBe(6);
    const civil = await list(dashboard, { department: 'CIVIL_AFFAIRS' });
    expect(idsOf(civil)).toEqual(expected('civilAndMedical'));
    expect(civil.data.cases.totalCount).toBe(1);
    const none = await list(dashboard, { department: 'JUDICIAL' });
    expect(none.data.cases).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('pages through the filtered cases newest first, without gaps or repeats, the count the same on every page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res: any = await list(dashboard, { department: 'MEDICAL' }, 4, after);
      expect(res.data.cases.totalCount).toBe(6);
      seen.push(...res.data.cases.edges.map((e: any) => e.node.id));
      if (!res.data.cases.pageInfo.hasNextPage) break;
      after = res.data.cases.pageInfo.endCursor;
    }
    const newestFirst = ['medical3', 'medical2', 'medical1', 'medical0', 'medicalElsewhere', 'civilAndMedical'].map((n) => ids[n]);
    expect(seen).toEqual(newestFirst);
  });

  it('combines with the region, status and the other filters; a withdrawn case counts by its cancelled referrals', async () => {
    const township = await list(dashboard, { department: 'MEDICAL', regionCode: OTHER_TOWNSHIP });
    expect(idsOf(township)).toEqual(expected('medicalElsewhere'));
    expect(township.data.cases.totalCount).toBe(1);
    const housing = await list(dashboard, { department: 'HOUSING' });
    expect(idsOf(housing)).toEqual(expected('housingWithdrawn'));
    const housingOpen = await list(dashboard, { department: 'HOUSING', status: ['OPEN'] });
    expect(housingOpen.data.cases.totalCount).toBe(0);
    const education = await list(countyClerk, { department: 'EDUCATION', status: ['OPEN'], slaState: ['ON_TRACK'], acceptedFrom: '2026-06-01' });
    expect(idsOf(education)).toEqual(expected('education'));
    expect(education.data.cases.totalCount).toBe(1);
    // The township's own clerk sees only its township, whatever the department asked for.
    const townshipClerk = await env.token(Role.CLERK, OTHER_TOWNSHIP);
    expect(idsOf(await list(townshipClerk, { department: 'MEDICAL' }))).toEqual(expected('medicalElsewhere'));
  });

  it('costs no more statements than the list without it', async () => {
    const statements = async (filter: Record<string, unknown>) => {
      const before = env.running.statements.count;
      await list(dashboard, filter);
      return env.running.statements.count - before;
    };
    expect(await statements({ department: 'MEDICAL' })).toBe(await statements({}));
  });

  it('keeps the access rules: departments still cannot list cases, nobody sees outside the region', async () => {
    const medicalSystem = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
    const own = await list(medicalSystem, { department: 'MEDICAL' });
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(own.data).toBeNull();
    const outside = await list(await env.token(Role.DASHBOARD, '3708'), { department: 'MEDICAL', regionCode: '370783' });
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(idsOf(await list(await env.token(Role.DASHBOARD, '3708'), { department: 'MEDICAL' }))).toEqual([]);
    const anonymous = await list('', { department: 'MEDICAL' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('names the field holding an unknown department', async () => {
    const res = await list(dashboard, { department: 'TAXES' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'department'] });
    expect(res.errors?.[0].message).toMatch(/^输入有误（filter\.department）/);
  });
});
