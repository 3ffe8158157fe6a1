import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, GraphqlResult, TestEnvironment, TOWNSHIP } from './environment';
import { application } from './applications';
import { SUBMIT } from './operations';
import { freshIdNumber } from './people';

// What the access tests share (DESIGN.md "Access"; test/e2e/access-*.test.ts): one hub, a token
// per role, region and department, and one case in TOWNSHIP referred to CIVIL_AFFAIRS, MEDICAL
// and EDUCATION, with the checks that a refusal leaks nothing.

export const COUNTY = TOWNSHIP.slice(0, 6); // 370783 寿光市
export const OTHER_COUNTY = '370784';
export const PHONE = '13912345678';

export const Q = {
  case: `query($id: ID!) { case(id: $id) { id } }`,
  caseByNo: `query($no: String!) { caseByNo(caseNo: $no) { id } }`,
  cases: `query($filter: CaseFilter) { cases(filter: $filter, first: 100) { totalCount edges { node { id townshipCode } } } }`,
  referral: `query($id: ID!) { referral(id: $id) { id department status } }`,
  referrals: `query($filter: ReferralFilter) { referrals(filter: $filter, first: 100) { totalCount edges { node { id department case { id townshipCode } } } } }`,
  slaReport: `query($region: String!) { slaReport(regionCode: $region, from: "2026-03-01", to: "2026-03-31") { regionCode casesOpened } }`,
  workingCalendar: `{ workingCalendar(year: 2026) { date workday } }`,
  addWorkingDays: `{ addWorkingDays(from: "2026-03-02", days: 15) }`,
  publish: `mutation { publishWorkingCalendar(year: 2027, days: []) { date } }`,
  withdraw: `mutation($id: ID!) { withdrawCase(id: $id, reason: "申请人撤回") { case { id } userErrors { code } } }`,
  entities: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Case { id } ... on Referral { id } ... on Person { id } } }`,
  people: `query($id: ID!) { case(id: $id) { applicant { id idNumber phone } household { person { id idNumber phone } } } }`,
  throughReferral: `query($id: ID!) { referral(id: $id) { id case { id referrals { id department } timeline { type actor referral { id } }
    applicant { id idNumber phone } household { person { id idNumber } } } } }`,
};

export interface AccessFixture {
  env: TestEnvironment;
  /** Tokens by who holds them: clerk, clerkNextTownship, clerkOther, dashboard, dashboardOther, admin, civil, medical, housing, medicalOther. */
  t: Record<string, string>;
  main: any;
  input: any;
  ref(department: string): string;
  sql(text: string, params?: unknown[]): Promise<any[]>;
  count(table: string): Promise<number>;
  wholeNumbers(): string[];
  codes(res: GraphqlResult): unknown[] | undefined;
  expectNothingLeaked(res: GraphqlResult): void;
  expectRefused(res: GraphqlResult, code: 'UNAUTHENTICATED' | 'FORBIDDEN'): void;
}

/** Registers the hub's start and stop around the calling describe; the fields are set once it started. */
export function accessFixture(): AccessFixture {
  const f = {
    t: {} as Record<string, string>,
    ref: (department: string) => f.main.referrals.find((r: any) => r.department === department).id as string,
    sql: (text: string, params: unknown[] = []) => f.env.running.services.uow.dataSource.query(text, params) as Promise<any[]>,
    count: async (table: string) => Number((await f.sql(`SELECT COUNT(*) AS n FROM ${table}`))[0].n),
    wholeNumbers: () => [f.input.applicant.idNumber, ...f.input.household.map((m: any) => m.person.idNumber)],
    codes: (res: GraphqlResult) => res.errors?.map((e) => e.extensions?.code),
    /** Everything that must never appear in an error: ids, numbers, names, SQL, stack traces. */
    expectNothingLeaked(res: GraphqlResult) {
      const { main, input } = f;
      const secrets = [main.id, main.caseNo, ...main.referrals.map((r: any) => r.id), input.applicant.name, input.applicant.idNumber, PHONE,
        ...input.household.map((m: any) => m.person.idNumber), ...input.household.map((m: any) => m.person.name)];
      for (const error of res.errors ?? []) {
        const text = JSON.stringify(error);
        for (const secret of secrets) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/select |insert |sqlite|mysql|maria|\.ts:\d|node_modules|stack|Error:/i);
        // UNAUTHENTICATED also says which of NO_TOKEN, EXPIRED or INVALID applies, and nothing more.
        expect(Object.keys(error.extensions ?? {})).toEqual(error.extensions?.code === 'UNAUTHENTICATED' ? ['code', 'reason'] : ['code']);
      }
    },
    expectRefused(res: GraphqlResult, code: 'UNAUTHENTICATED' | 'FORBIDDEN') {
      expect(f.codes(res)).toEqual([code]);
      f.expectNothingLeaked(res);
    },
  } as AccessFixture;

  beforeAll(async () => {
    const env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00' });
    f.env = env;
    const t = f.t;
    t.clerk = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-104');
    t.clerkNextTownship = await env.token(Role.CLERK, '370783105', undefined, 'clerk-105');
    t.clerkOther = await env.token(Role.CLERK, `${OTHER_COUNTY}001`, undefined, 'clerk-other');
    t.dashboard = await env.token(Role.DASHBOARD, COUNTY, undefined, 'dash-county');
    t.dashboardOther = await env.token(Role.DASHBOARD, OTHER_COUNTY, undefined, 'dash-other');
    t.admin = await env.token(Role.ADMIN, '', undefined, 'admin-1');
    t.civil = await env.token(Role.DEPARTMENT, COUNTY, Department.CIVIL_AFFAIRS, 'civil-sys');
    t.medical = await env.token(Role.DEPARTMENT, COUNTY, Department.MEDICAL, 'medical-sys');
    t.housing = await env.token(Role.DEPARTMENT, COUNTY, Department.HOUSING, 'housing-sys');
    t.medicalOther = await env.token(Role.DEPARTMENT, OTHER_COUNTY, Department.MEDICAL, 'medical-other');
    f.input = application({ applicant: { name: '王秀英', idNumber: freshIdNumber('19780312'), phone: PHONE } });
    const res = await env.gql(t.clerk, SUBMIT, { input: f.input });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    f.main = res.data.submitApplication.case;
    expect(f.main.referrals.map((r: any) => r.department).sort()).toEqual(['CIVIL_AFFAIRS', 'EDUCATION', 'MEDICAL']);
  });
  afterAll(() => f.env.close());
  return f;
}
