import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP, NOTICE_OUTSIDE_HUB } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, SUBMIT, WITHDRAW } from '../support/operations';

const REPORT = `query Report($regionCode: String!, $from: Date!, $to: Date!) {
  slaReport(regionCode: $regionCode, from: $from, to: $to) {
    regionCode casesOpened casesClosed
    townships { townshipCode opened closed openOverdue openAtRisk }
  }
}`;
const SUB_DISTRICT = '370783001';
const QUIET_TOWNSHIP = '370783106'; // its only case was withdrawn before the period
const NEXT_COUNTY = '370784101';
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

// SlaReport.townships: the report's case figures per township, with the period semantics of
// casesOpened/casesClosed and the open cases counted by their clock as cases(filter: { slaState }) does.
describeDb('slaReport per township', () => {
  let env: TestEnvironment;
  let clerk: string;
  let dashboard: string;

  const at = (date: string) => env.clock.set(`${date}T10:00:00+08:00`);
  async function submit(townshipCode: string, categories = ['MEDICAL']): Promise<string> {
    const res = await env.gql(clerk, SUBMIT, { input: application({ townshipCode, categories }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case.id;
  }
  async function withdraw(id: string) {
    const res = await env.gql(clerk, WITHDRAW, { id, reason: '申请人撤回' });
    expect(res.data.withdrawCase.userErrors).toEqual([]);
  }

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-02-26T10:00:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await env.token(Role.CLERK, '3707');
    dashboard = await env.token(Role.DASHBOARD, '3707');
    at('2026-02-26'); // due 03-18: overdue on 03-24, opened before the period
    await submit(TOWNSHIP);
    const quiet = await submit(QUIET_TOWNSHIP);
    at('2026-02-27');
    await withdraw(quiet);
    at('2026-03-02'); // due 03-23: overdue on 03-24
    await submit(TOWNSHIP);
    await submit(TOWNSHIP, ['MINIMUM_LIVING']); // closed on 03-10
    await submit(NEXT_COUNTY);
    at('2026-03-05'); // due 03-26: at risk on 03-24
    await submit(TOWNSHIP);
    await submit(SUB_DISTRICT);
    at('2026-03-10');
    const civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    const claimed = await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 1 });
    const referral = claimed.data.claimReferrals.referrals[0];
    await env.gql(civil, ACK, { id: referral.id });
    const resolved = await env.gql(civil, RESOLVE, { id: referral.id, decision: 'APPROVED', amountFen: 83800 });
    expect(resolved.data.resolveReferral.referral.case.status).toBe('CLOSED');
    at('2026-03-18'); // on track on 03-24
    await submit(TOWNSHIP);
    const withdrawn = await submit(TOWNSHIP);
    at('2026-03-19');
    await withdraw(withdrawn);
    at('2026-03-24');
  }, 60_000);
  afterAll(() => env.close());

  const report = (token: string | null, regionCode: string, period = MARCH) => env.gql(token, REPORT, { regionCode, ...period });

  it('counts per township what the region counts: opened and closed in the period, open cases overdue or at risk now', async () => {
    const res = await env.gql(dashboard, REPORT.replace('townships { townshipCode', 'townships { townshipCode townshipName'), { regionCode: '370783', ...MARCH });
    expect(res.errors).toBeUndefined();
    const r = res.data.slaReport;
    expect(r.townships).toEqual([
      // Named from the national division codes, not a hand-kept list.
      { townshipCode: SUB_DISTRICT, townshipName: '圣城街道', opened: 1, closed: 0, openOverdue: 0, openAtRisk: 1 },
      { townshipCode: TOWNSHIP, townshipName: '台头镇', opened: 5, closed: 1, openOverdue: 2, openAtRisk: 1 },
    ]);
    const sum = (key: string) => r.townships.reduce((n: number, t: any) => n + t[key], 0);
    expect({ opened: sum('opened'), closed: sum('closed') }).toEqual({ opened: r.casesOpened, closed: r.casesClosed });
  });

  it('agrees with the slaState filter of cases, township by township', async () => {
    const res = await report(dashboard, '3707');
    expect(res.data.slaReport.townships.map((t: any) => t.townshipCode)).toEqual([SUB_DISTRICT, TOWNSHIP, NEXT_COUNTY]);
    for (const t of res.data.slaReport.townships) {
      for (const [state, key] of [['OVERDUE', 'openOverdue'], ['AT_RISK', 'openAtRisk']]) {
        const cases = await env.gql(dashboard, 'query($f: CaseFilter) { cases(filter: $f) { totalCount } }', {
          f: { regionCode: t.townshipCode, status: ['OPEN'], slaState: [state] },
        });
        expect({ township: t.townshipCode, state, n: cases.data.cases.totalCount }).toEqual({ township: t.townshipCode, state, n: t[key] });
      }
    }
  });

  it('follows the period: a case accepted or closed outside it counts only while it is open', async () => {
    const february = await report(dashboard, '370783', { from: '2026-02-01', to: '2026-02-28' });
    expect(february.data.slaReport.townships).toEqual([
      { townshipCode: SUB_DISTRICT, opened: 0, closed: 0, openOverdue: 0, openAtRisk: 1 },
      { townshipCode: TOWNSHIP, opened: 1, closed: 0, openOverdue: 2, openAtRisk: 1 },
      { townshipCode: QUIET_TOWNSHIP, opened: 1, closed: 0, openOverdue: 0, openAtRisk: 0 },
    ]);
  });

  it('runs one more statement when the townships are asked for, none when not', async () => {
    const statements = async (query: string) => {
      const before = env.running.statements.count;
      const res = await env.gql(dashboard, query, { regionCode: '370783', ...MARCH });
      expect(res.errors).toBeUndefined();
      return env.running.statements.count - before;
    };
    const without = await statements(REPORT.replace('townships { townshipCode opened closed openOverdue openAtRisk }', ''));
    expect(await statements(REPORT)).toBe(without + 1);
  });

  it('keeps the report’s access rules', async () => {
    const townshipClerk = await env.token(Role.CLERK, SUB_DISTRICT);
    const own = await report(townshipClerk, SUB_DISTRICT);
    expect(own.data.slaReport.townships).toEqual([{ townshipCode: SUB_DISTRICT, opened: 1, closed: 0, openOverdue: 0, openAtRisk: 1 }]);
    expect((await report(townshipClerk, '370783')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const department = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
    const refused = await report(department, '370783');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    expect((await report(null, '370783')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await report(dashboard, '37078');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['regionCode'] });
    expect(bad.errors?.[0].message).toMatch(/^regionCode 应为/);
  });
});
