import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, REQUEST_SUPPLEMENT, RESOLVE, SUBMIT } from '../support/operations';

const SLA = 'sla { state dueDate workingDaysLeft pausedWorkingDays }';

describeDb('SLA: state at read time, filters, and the once-only warnings scan', () => {
  let env: TestEnvironment;
  let clerk: string;
  let dashboard: string;
  let civil: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00' });
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    dashboard = await env.token(Role.DASHBOARD, '3707');
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
  });
  afterAll(() => env.close());

  async function submitOn(at: string, categories = ['TEMPORARY']) {
    env.clock.set(at);
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories, hardship: { emergency: true } }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case;
  }

  async function referralStates() {
    const res = await env.gql(dashboard, `{ referrals(first: 100) { edges { node { id status ${SLA} } } } }`);
    return new Map(res.data.referrals.edges.map((e: any) => [e.node.id, e.node]));
  }

  it('moves from ON_TRACK to AT_RISK to OVERDUE as working days pass, and filters agree', async () => {
    const early = await submitOn('2026-03-02T09:00:00+08:00'); // due 2026-03-23
    const late = await submitOn('2026-03-16T09:00:00+08:00'); // due 2026-04-07 (清明 04-06 is a holiday)
    const paused = await submitOn('2026-03-02T10:00:00+08:00'); // paused with 10 working days left
    const finishedLate = await submitOn('2026-03-02T11:00:00+08:00');

    env.clock.set('2026-03-09T09:00:00+08:00');
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    for (const c of [paused, finishedLate]) await env.gql(civil, ACK, { id: c.referrals[0].id });
    const req = await env.gql(civil, REQUEST_SUPPLEMENT, { id: paused.referrals[0].id, materials: ['医院证明'] });
    expect(req.data.requestSupplement.referral.sla.workingDaysLeft).toBe(10);

    env.clock.set('2026-03-24T09:00:00+08:00'); // Tuesday: early is overdue, late has 9 left
    const resolved = await env.gql(civil, RESOLVE, { id: finishedLate.referrals[0].id, decision: 'APPROVED', amountFen: 50000 });
    expect(resolved.data.resolveReferral.referral.sla.state).toBe('MISSED');

    const states = await referralStates();
    expect((states.get(early.referrals[0].id) as any).sla).toMatchObject({ state: 'OVERDUE', dueDate: '2026-03-23', workingDaysLeft: -1 });
    expect((states.get(late.referrals[0].id) as any).sla).toMatchObject({ state: 'ON_TRACK', dueDate: '2026-04-07' });
    expect((states.get(paused.referrals[0].id) as any).sla).toMatchObject({ state: 'ON_TRACK', workingDaysLeft: 10, pausedWorkingDays: 11 });

    env.clock.set('2026-04-02T09:00:00+08:00'); // Thursday: late has 2 working days left (04-03, 04-07)
    const later = await referralStates();
    expect((later.get(late.referrals[0].id) as any).sla).toMatchObject({ state: 'AT_RISK', workingDaysLeft: 2 });

    // Every slaState filter returns exactly the referrals whose computed state it names.
    for (const state of ['ON_TRACK', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED']) {
      const res = await env.gql(dashboard, `query($s: [SlaState!]) { referrals(first: 100, filter: { slaState: $s }) { totalCount edges { node { id sla { state } } } } }`, { s: [state] });
      const expected = [...later.values()].filter((n: any) => n.sla.state === state).map((n: any) => n.id).sort();
      const got = res.data.referrals.edges.map((e: any) => e.node.id).sort();
      expect({ state, got }).toEqual({ state, got: expected });
      expect(res.data.referrals.totalCount).toBe(expected.length);
    }
    const cases = await env.gql(dashboard, `{ cases(first: 100) { edges { node { id sla { state } } } } }`);
    for (const state of ['ON_TRACK', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED']) {
      const res = await env.gql(dashboard, `query($s: [SlaState!]) { cases(first: 100, filter: { slaState: $s }) { edges { node { id } } } }`, { s: [state] });
      const expected = cases.data.cases.edges.filter((e: any) => e.node.sla.state === state).map((e: any) => e.node.id).sort();
      expect({ state, got: res.data.cases.edges.map((e: any) => e.node.id).sort() }).toEqual({ state, got: expected });
    }
  });

  it('appends SLA_AT_RISK and SLA_OVERDUE once each, however often it scans', async () => {
    env.clock.set('2026-04-02T09:00:00+08:00');
    const first = await env.running.scanner.scan();
    expect(first.referralWarnings).toBeGreaterThan(0);
    const again = await env.running.scanner.scan();
    expect(again).toMatchObject({ referralWarnings: 0, caseWarnings: 0 });
    const counts = await env.running.services.uow.dataSource.query(
      "SELECT COALESCE(referral_id, case_id) AS subject, type, COUNT(*) AS n FROM timeline_events WHERE type LIKE 'SLA_%' GROUP BY COALESCE(referral_id, case_id), type",
    );
    expect(counts.length).toBe(first.referralWarnings + first.caseWarnings);
    expect(counts.every((row: any) => Number(row.n) === 1)).toBe(true);
    expect(counts.some((row: any) => row.type === 'SLA_OVERDUE')).toBe(true);
    expect(counts.some((row: any) => row.type === 'SLA_AT_RISK')).toBe(true);
  });
});
