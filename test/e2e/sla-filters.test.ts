import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, PROVIDE_SUPPLEMENT, REQUEST_SUPPLEMENT, RESOLVE, SUBMIT, WITHDRAW } from '../support/operations';

const STATES = ['ON_TRACK', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED'];

// The SQL filters (and so the scan and slaReport) must name exactly the state computed at read
// time, on every day: working days, weekends, holidays, with pauses that began on a due date or on
// a day off, decisions taken while paused, withdrawn cases and cases half done.
describeDb('SLA filters agree with the computed state on every day', () => {
  let env: TestEnvironment;
  let clerk: string;
  let dashboard: string;
  let civil: string;
  let medical: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-06T09:00:00+08:00' }); // Friday; due Friday 03-27
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    dashboard = await env.token(Role.DASHBOARD, '3707');
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
  });
  afterAll(() => env.close());

  const at = (date: string) => env.clock.set(`${date}T10:00:00+08:00`);
  async function submit() {
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY', 'MEDICAL'], hardship: { emergency: true, medicalExpenseFen: 100 } }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    const ref = (d: string) => c.referrals.find((r: any) => r.department === d).id;
    return { id: c.id, civil: ref('CIVIL_AFFAIRS'), medical: ref('MEDICAL') };
  }
  async function ok(res: any) {
    const payload = Object.values(res.data)[0] as any;
    expect(payload.userErrors).toEqual([]);
  }

  async function expectAgreement(day: string) {
    at(day);
    const refs = await env.gql(dashboard, '{ referrals(first: 100) { edges { node { id sla { state } } } } }');
    const cases = await env.gql(dashboard, '{ cases(first: 100) { edges { node { id sla { state } } } } }');
    for (const state of STATES) {
      const r = await env.gql(dashboard, 'query($s: [SlaState!]) { referrals(first: 100, filter: { slaState: $s }) { edges { node { id } } } }', { s: [state] });
      const c = await env.gql(dashboard, 'query($s: [SlaState!]) { cases(first: 100, filter: { slaState: $s }) { edges { node { id } } } }', { s: [state] });
      const want = (list: any) => list.data[Object.keys(list.data)[0]].edges.filter((e: any) => e.node.sla.state === state).map((e: any) => e.node.id).sort();
      const got = (list: any) => list.data[Object.keys(list.data)[0]].edges.map((e: any) => e.node.id).sort();
      expect({ day, state, referrals: got(r) }).toEqual({ day, state, referrals: want(refs) });
      expect({ day, state, cases: got(c) }).toEqual({ day, state, cases: want(cases) });
    }
  }

  it('holds from before the due date through a weekend and the 清明 holiday', async () => {
    const onDueDate = await submit(); // paused on its due date, 0 days left
    const afterDue = await submit(); // paused on the Saturday after its due date
    const early = await submit(); // paused with 5 days left
    const decided = await submit(); // resolved while paused
    const withdrawn = await submit();
    const half = await submit(); // medical resolved on time, civil left open
    at('2026-03-09');
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    await env.gql(medical, CLAIM, { department: 'MEDICAL', limit: 100 });
    for (const c of [onDueDate, afterDue, early, decided, half]) await ok(await env.gql(civil, ACK, { id: c.civil }));
    await ok(await env.gql(medical, ACK, { id: half.medical }));
    await ok(await env.gql(medical, RESOLVE, { id: half.medical, decision: 'APPROVED', amountFen: 1000 }));
    at('2026-03-20');
    await ok(await env.gql(civil, REQUEST_SUPPLEMENT, { id: early.civil, materials: ['身份证复印件'] }));
    await ok(await env.gql(civil, REQUEST_SUPPLEMENT, { id: decided.civil, materials: ['诊断书'] }));
    at('2026-03-25');
    await ok(await env.gql(civil, RESOLVE, { id: decided.civil, decision: 'REJECTED' }));
    await ok(await env.gql(clerk, WITHDRAW, { id: withdrawn.id, reason: '申请人放弃' }));
    at('2026-03-27');
    await ok(await env.gql(civil, REQUEST_SUPPLEMENT, { id: onDueDate.civil, materials: ['户口簿'] }));
    at('2026-03-28');
    await ok(await env.gql(civil, REQUEST_SUPPLEMENT, { id: afterDue.civil, materials: ['户口簿'] }));

    for (const day of ['2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-03', '2026-04-04', '2026-04-06', '2026-04-07', '2026-04-10']) {
      await expectAgreement(day);
    }
    at('2026-04-07');
    await ok(await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: early.id, materials: ['身份证复印件'] }));
    for (const day of ['2026-04-07', '2026-04-11', '2026-04-20']) await expectAgreement(day);
  });
});
