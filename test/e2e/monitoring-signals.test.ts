import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, NOTICE_OUTSIDE_HUB, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';

const REPORT = `mutation ($signals: [MonitoringSignalInput!]!) { reportMonitoringSignals(signals: $signals) {
  accepted duplicates refused results { index sourceRef outcome signalId matched userErrors { code field } }
} }`;
const LIST = `query ($filter: MonitoringSignalFilter) { monitoringSignals(filter: $filter, first: 100) {
  totalCount edges { node { id sourceDepartment sourceRef kind idNumberMasked townshipCode observedOn amountFen periodMonths householdId matchedAt } }
} }`;

// 信息收集: departments' systems report monitoring signals in batches; each is accepted, refused with
// its reasons on its own path, or ignored as a repeat; the person is matched to the register and the
// intake by the blind index at once, or when they appear later (the scan's matching pass).
describeDb('monitoring signals in (信息收集)', () => {
  let env: TestEnvironment;
  let medical: string;
  let civil: string;
  let clerk: string;
  let admin: string;
  const idOf = {
    spouse: freshIdNumber('19760520'),
    stranger: freshIdNumber('19500101'),
    later: freshIdNumber('19600606'),
  };

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    admin = await env.token(Role.ADMIN, '');
    // A 低保 household in the register, its spouse among the members.
    const input = application({ categories: ['MINIMUM_LIVING'] });
    (input.household as any[])[0].person.idNumber = idOf.spouse;
    const res = await env.gql(clerk, SUBMIT, { input });
    const referralId = res.data.submitApplication.case.referrals[0].id;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    await env.gql(civil, ACK, { id: referralId });
    expect((await env.gql(civil, RESOLVE, { id: referralId, decision: 'APPROVED', amountFen: 63800 })).data.resolveReferral.userErrors).toEqual([]);
  });
  afterAll(() => env.close());

  const signal = (over: Record<string, unknown>) => ({ kind: 'MEDICAL_EXPENSE', idNumber: idOf.spouse, townshipCode: TOWNSHIP, observedOn: '2026-02-27', amountFen: 4_500_000, periodMonths: 12, ...over });
  const report = async (token: string, signals: unknown[]) => env.gql(token, REPORT, { signals });
  const rows = async () => Number((await env.running.services.uow.dataSource.query('SELECT COUNT(*) AS n FROM monitoring_signals'))[0].n);

  it('accepts, refuses with every reason on its path, and matches the person it knows', async () => {
    const res = await report(medical, [
      signal({ sourceRef: 'YB-2026-0001' }),
      signal({ sourceRef: 'YB-2026-0002', idNumber: idOf.stranger, kind: 'HOSPITALISATION', amountFen: null, periodMonths: null }),
      signal({ sourceRef: 'YB-2026-0003', amountFen: null, periodMonths: 13, townshipCode: '110101001', observedOn: '2026-03-03' }),
      signal({ sourceRef: 'YB-2026-0004', kind: 'DEATH', amountFen: null, periodMonths: null, months: 2 }),
      signal({ sourceRef: 'YB-2026-0001' }),
      signal({ sourceRef: 'bad ref', idNumber: '370783197803120014' }),
    ]);
    expect(res.errors).toBeUndefined();
    const out = res.data.reportMonitoringSignals;
    expect([out.accepted, out.duplicates, out.refused]).toEqual([2, 0, 4]);
    const [known, stranger, wrong, death, twice, garbled] = out.results;
    expect(known).toMatchObject({ index: 0, outcome: 'ACCEPTED', matched: true, userErrors: [] });
    expect(stranger).toMatchObject({ index: 1, outcome: 'ACCEPTED', matched: false });
    expect(wrong.userErrors).toEqual([
      { code: 'TOWNSHIP_OUTSIDE_REGION', field: ['signals', '2', 'townshipCode'] },
      { code: 'INVALID_OBSERVED_ON', field: ['signals', '2', 'observedOn'] },
      { code: 'MISSING_FACT', field: ['signals', '2', 'amountFen'] },
      { code: 'FACT_OUT_OF_RANGE', field: ['signals', '2', 'periodMonths'] },
    ]);
    expect(death.userErrors).toEqual([{ code: 'FACT_NOT_ALLOWED', field: ['signals', '3', 'months'] }]);
    expect(twice).toMatchObject({ outcome: 'REFUSED', userErrors: [{ code: 'DUPLICATE_IN_BATCH', field: ['signals', '4', 'sourceRef'] }] });
    expect(garbled.userErrors.map((e: any) => e.field[2]).sort()).toEqual(['idNumber', 'sourceRef']);
    expect(await rows()).toBe(2);

    const listed = (await env.gql(admin, LIST, { filter: { matched: true } })).data.monitoringSignals.edges.map((e: any) => e.node);
    expect(listed).toEqual([
      expect.objectContaining({ id: known.signalId, sourceDepartment: 'MEDICAL', kind: 'MEDICAL_EXPENSE', amountFen: 4_500_000, periodMonths: 12, householdId: expect.any(String), idNumberMasked: expect.stringMatching(/^\d{6}\*+/) }),
    ]);
  });

  it('ignores a repeat of a source reference, also from two calls at once, and keeps one row', async () => {
    const before = await rows();
    const again = (await report(medical, [signal({ sourceRef: 'YB-2026-0001' })])).data.reportMonitoringSignals;
    expect(again.results[0]).toMatchObject({ outcome: 'DUPLICATE', signalId: expect.any(String), matched: true });
    const both = await Promise.all([report(medical, [signal({ sourceRef: 'YB-2026-0100' })]), report(medical, [signal({ sourceRef: 'YB-2026-0100' })])]);
    const outcomes = both.map((r) => r.data.reportMonitoringSignals.results[0].outcome).sort();
    expect(outcomes).toEqual(['ACCEPTED', 'DUPLICATE']);
    expect(new Set(both.map((r) => r.data.reportMonitoringSignals.results[0].signalId)).size).toBe(1);
    // The same reference from another department is another signal.
    expect((await report(civil, [signal({ sourceRef: 'YB-2026-0100', kind: 'DEATH', amountFen: null, periodMonths: null })])).data.reportMonitoringSignals.accepted).toBe(1);
    expect(await rows()).toBe(before + 2);
  });

  it('keeps a signal about someone unknown with its township and matches it once the person appears', async () => {
    const res = await report(medical, [signal({ sourceRef: 'YB-2026-0200', idNumber: idOf.later, kind: 'HOSPITALISATION', amountFen: null, periodMonths: null })]);
    const id = res.data.reportMonitoringSignals.results[0].signalId;
    expect((await env.running.scanner.scan()).followUp.signalsMatched).toBe(0);
    const unmatched = (await env.gql(clerk, LIST, { filter: { matched: false } })).data.monitoringSignals.edges.map((e: any) => e.node.id);
    expect(unmatched).toContain(id);
    const input = application({ categories: ['TEMPORARY'], hardship: { emergency: true } });
    (input.applicant as any).idNumber = idOf.later;
    expect((await env.gql(clerk, SUBMIT, { input })).data.submitApplication.userErrors).toEqual([]);
    expect((await env.running.scanner.scan()).followUp.signalsMatched).toBe(1);
    expect((await env.running.scanner.scan()).followUp.signalsMatched).toBe(0);
    const matched = (await env.gql(clerk, LIST, { filter: { matched: true } })).data.monitoringSignals.edges.map((e: any) => e.node);
    expect(matched.find((s: any) => s.id === id)).toMatchObject({ householdId: null, matchedAt: expect.any(String) });
  });

  it('takes 1 to 1,000 signals a call, from a department only, and shows a department only its own', async () => {
    const tooMany = await report(medical, Array.from({ length: 1001 }, (_, i) => signal({ sourceRef: `YB-X-${i}` })));
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['signals'] });
    expect((await report(medical, [])).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['signals'] });
    expect((await report(clerk, [signal({ sourceRef: 'C-1' })])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = (await env.gql(civil, LIST, {})).data.monitoringSignals.edges.map((e: any) => e.node.sourceDepartment);
    expect(new Set(own)).toEqual(new Set(['CIVIL_AFFAIRS']));
    const elsewhere = await env.token(Role.CLERK, '370783001');
    expect((await env.gql(elsewhere, LIST, {})).data.monitoringSignals.totalCount).toBe(0);
  });
});
