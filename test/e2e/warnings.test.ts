import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, NOTICE_OUTSIDE_HUB, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';

const REPORT = `mutation ($signals: [MonitoringSignalInput!]!) { reportMonitoringSignals(signals: $signals) { accepted results { outcome matched userErrors { code field } } } }`;
const WARNINGS = `query ($filter: WarningFilterInput) { warnings(filter: $filter, first: 100) {
  totalCount edges { node { id householdId level status raisedOn verifyBy decideBy hits { rule level action department reason } } }
} }`;

// 数据比对 → 预警: signals about members of register households are read by the warning rules;
// a household's first hit opens its warning, later ones join it (raising its level and bringing its
// verification day nearer), and two signals at once never open two warnings for one household.
describeDb('warnings folded per household (预警)', () => {
  let env: TestEnvironment;
  let clerk: string;
  let civil: string;
  let medical: string;
  let employment: string;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-09-29T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
    employment = await env.token(Role.DEPARTMENT, '370783', Department.EMPLOYMENT);
    admin = await env.token(Role.ADMIN, '');
  });
  afterAll(() => env.close());

  /** A household entered in the register by an approval; the identity numbers of its members. */
  async function household(category: string, alone = false): Promise<{ householdId: string; ids: string[] }> {
    const input = application({ categories: [category], ...(alone ? { household: [] } : {}) });
    const ids = [(input.applicant as any).idNumber, ...((input.household as any[]) ?? []).map((m) => m.person.idNumber)];
    const res = await env.gql(clerk, SUBMIT, { input });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const referralId = res.data.submitApplication.case.referrals[0].id;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    await env.gql(civil, ACK, { id: referralId });
    expect((await env.gql(civil, RESOLVE, { id: referralId, decision: 'APPROVED', amountFen: 50000 })).data.resolveReferral.userErrors).toEqual([]);
    const c = await env.gql(admin, 'query ($id: ID!) { case(id: $id) { registerHousehold { id } } }', { id: res.data.submitApplication.case.id });
    return { householdId: c.data.case.registerHousehold.id, ids };
  }
  let ref = 0;
  const signal = (kind: string, idNumber: string, facts: Record<string, number> = {}) => ({ sourceRef: `S-${++ref}`, kind, idNumber, townshipCode: TOWNSHIP, observedOn: '2026-09-28', ...facts });
  const report = async (token: string, signals: unknown[]) => {
    const res = await env.gql(token, REPORT, { signals });
    expect(res.errors).toBeUndefined();
    return res.data.reportMonitoringSignals;
  };
  const warningsOf = async (householdId: string) =>
    ((await env.gql(admin, WARNINGS, {})).data.warnings.edges as any[]).map((e) => e.node).filter((w) => w.householdId === householdId);

  it('opens a warning on the first hit with deadlines across National Day, and folds later hits into it', async () => {
    const h = await household('MINIMUM_LIVING');
    expect((await report(medical, [signal('HOSPITALISATION', h.ids[1])])).accepted).toBe(1);
    expect(await warningsOf(h.householdId)).toEqual([]); // a signal no rule fires on raises nothing

    await report(medical, [signal('MEDICAL_EXPENSE', h.ids[1], { amountFen: 2_000_001, periodMonths: 12 })]);
    let [w] = await warningsOf(h.householdId);
    // Orange: 5 working days to verify (30 Sep, 8, 9, 10 (a Saturday worked), 12 Oct); 15 to decide.
    expect(w).toMatchObject({ level: 'ORANGE', status: 'NEW', raisedOn: '2026-09-29', verifyBy: '2026-10-12', decideBy: '2026-10-26' });
    expect(w.hits).toEqual([expect.objectContaining({ rule: 'MEDICAL_BURDEN', level: 'ORANGE', action: 'HOME_VISIT', department: null })]);

    await report(employment, [signal('UNEMPLOYMENT_REGISTERED', h.ids[0])]);
    await report(civil, [signal('DEATH', h.ids[2])]);
    const all = await warningsOf(h.householdId);
    expect(all).toHaveLength(1);
    [w] = all;
    expect(w).toMatchObject({ level: 'ORANGE', verifyBy: '2026-10-12' }); // yellow hits do not lower it
    expect(w.hits.map((x: any) => [x.rule, x.action, x.department])).toEqual([
      ['MEDICAL_BURDEN', 'HOME_VISIT', null],
      ['UNEMPLOYED_IN_REGISTER', 'REFERRAL', 'EMPLOYMENT'],
      ['DEATH_IN_ASSISTED_HOUSEHOLD', 'REREVIEW', null],
    ]);
  });

  it('raises a warning\'s level and brings its verification day nearer when a more urgent hit joins', async () => {
    const h = await household('EXTREME_POVERTY', true);
    await report(employment, [signal('UNEMPLOYMENT_REGISTERED', h.ids[0])]);
    expect(await warningsOf(h.householdId)).toEqual([expect.objectContaining({ level: 'YELLOW', verifyBy: '2026-10-19' })]);
    await report(civil, [signal('NO_UTILITY_USE', h.ids[0], { months: 3 })]);
    expect(await warningsOf(h.householdId)).toEqual([expect.objectContaining({ level: 'RED', verifyBy: '2026-10-09' })]);
  });

  it('opens one warning for a household however many signals arrive at once', async () => {
    const h = await household('MINIMUM_LIVING');
    const calls = await Promise.all([
      report(medical, [signal('MEDICAL_EXPENSE', h.ids[0], { amountFen: 3_000_000, periodMonths: 6 })]),
      report(employment, [signal('UNEMPLOYMENT_REGISTERED', h.ids[1])]),
      report(civil, [signal('DEATH', h.ids[2])]),
    ]);
    expect(calls.map((c) => c.accepted)).toEqual([1, 1, 1]);
    const ws = await warningsOf(h.householdId);
    expect(ws).toHaveLength(1);
    expect(ws[0].level).toBe('ORANGE');
    expect(ws[0].hits.map((x: any) => x.rule).sort()).toEqual(['DEATH_IN_ASSISTED_HOUSEHOLD', 'MEDICAL_BURDEN', 'UNEMPLOYED_IN_REGISTER']);
  });

  it('raises the warning of a signal kept unmatched once the person enters the register, and keeps warnings to the region', async () => {
    const later = freshIdNumber('19700707');
    await report(employment, [signal('UNEMPLOYMENT_REGISTERED', later)]);
    const input = application({ categories: ['MINIMUM_LIVING'], household: [] });
    (input.applicant as any).idNumber = later;
    const res = await env.gql(clerk, SUBMIT, { input });
    const referralId = res.data.submitApplication.case.referrals[0].id;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    await env.gql(civil, ACK, { id: referralId });
    await env.gql(civil, RESOLVE, { id: referralId, decision: 'APPROVED', amountFen: 50000 });
    const householdId = (await env.gql(admin, 'query ($id: ID!) { case(id: $id) { registerHousehold { id } } }', { id: res.data.submitApplication.case.id })).data.case.registerHousehold.id;
    expect(await warningsOf(householdId)).toEqual([]);
    expect((await env.running.scanner.scan()).followUp.signalsMatched).toBe(1);
    expect(await warningsOf(householdId)).toEqual([expect.objectContaining({ level: 'YELLOW', hits: [expect.objectContaining({ rule: 'UNEMPLOYED_IN_REGISTER' })] })]);

    const elsewhere = await env.token(Role.CLERK, '370783001');
    expect((await env.gql(elsewhere, WARNINGS, {})).data.warnings.totalCount).toBe(0);
    expect((await env.gql(medical, WARNINGS, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
