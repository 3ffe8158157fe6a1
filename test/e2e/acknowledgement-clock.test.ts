import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, SUBMIT, WITHDRAW } from '../support/operations';

const ACKNOWLEDGEMENT = 'acknowledgeBy acknowledgement { state acknowledgeBy acknowledgedOn workingDaysTaken workingDaysLeft provisional }';
const READ = `query ($id: ID!) { referral(id: $id) { id status ${ACKNOWLEDGEMENT} } }`;
const STATES = ['ON_TRACK', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED'];

// The acknowledgement clock (受理时限) of a PULL department's referral: two working days from the
// day it is accepted into the department's queue, on the official calendar (国庆 and its 补班
// Sunday), warned once each as AT_RISK and OVERDUE, and the SQL filter naming exactly the computed state.
describeDb('the acknowledgement clock (受理时限)', () => {
  let env: TestEnvironment;
  let clerk: string;
  let dashboard: string;
  let civil: string;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-09-18T09:00:00+08:00' });
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    dashboard = await env.token(Role.DASHBOARD, '3707');
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    admin = await env.token(Role.ADMIN, '');
  });
  afterAll(() => env.close());

  const at = (date: string) => env.clock.set(`${date}T10:00:00+08:00`);
  async function submitOn(date: string): Promise<{ caseId: string; id: string }> {
    at(date);
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    return { caseId: c.id, id: c.referrals[0].id };
  }
  const read = async (id: string) => (await env.gql(dashboard, READ, { id })).data.referral;
  async function acknowledge(id: string) {
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    const res = await env.gql(civil, ACK, { id });
    expect(res.data.acknowledgeReferral.userErrors).toEqual([]);
  }

  it('runs two working days from acceptance across 国庆, counting its 补班 Sunday, and ends MET or MISSED', async () => {
    const beforeMakeUp = await submitOn('2026-09-18'); // Friday: Sunday 09-20 is a working day (国庆节补班)
    expect((await read(beforeMakeUp.id)).acknowledgeBy).toBe('2026-09-21');
    const beforeHoliday = await submitOn('2026-09-30'); // Wednesday: 10-01 to 10-07 off
    expect(await read(beforeHoliday.id)).toMatchObject({
      acknowledgeBy: '2026-10-09',
      acknowledgement: { state: 'ON_TRACK', acknowledgeBy: '2026-10-09', acknowledgedOn: null, workingDaysTaken: 0, workingDaysLeft: 2, provisional: false },
    });
    const day = async (date: string) => {
      at(date);
      const { state, workingDaysLeft } = (await read(beforeHoliday.id)).acknowledgement;
      return [date, state, workingDaysLeft];
    };
    expect(await day('2026-10-05')).toEqual(['2026-10-05', 'ON_TRACK', 2]);
    expect(await day('2026-10-08')).toEqual(['2026-10-08', 'AT_RISK', 1]);
    expect(await day('2026-10-09')).toEqual(['2026-10-09', 'AT_RISK', 0]);
    expect(await day('2026-10-10')).toEqual(['2026-10-10', 'OVERDUE', -1]); // Saturday, a 补班 working day

    at('2026-10-12');
    await acknowledge(beforeHoliday.id);
    expect((await read(beforeHoliday.id)).acknowledgement).toEqual({
      state: 'MISSED',
      acknowledgeBy: '2026-10-09',
      acknowledgedOn: '2026-10-12',
      workingDaysTaken: 4, // 10-08, 10-09, 10-10, 10-12
      workingDaysLeft: -2,
      provisional: false,
    });
    expect((await read(beforeMakeUp.id)).acknowledgement.state).toBe('OVERDUE');
  });

  it('warns ACKNOWLEDGEMENT_AT_RISK and ACKNOWLEDGEMENT_OVERDUE once each, however often it scans', async () => {
    const watched = await submitOn('2026-11-02'); // Monday: acknowledge by Wednesday 11-04
    at('2026-11-03');
    const first = await env.running.scanner.scan();
    expect(first.acknowledgementWarnings).toBeGreaterThanOrEqual(1);
    expect((await env.running.scanner.scan()).acknowledgementWarnings).toBe(0);
    at('2026-11-05');
    await env.running.scanner.scan();
    expect((await env.running.scanner.scan()).acknowledgementWarnings).toBe(0);
    const timeline = await env.gql(admin, 'query ($id: ID!) { referral(id: $id) { timeline { type note } } }', { id: watched.id });
    const warnings = timeline.data.referral.timeline.filter((e: any) => e.type.startsWith('ACKNOWLEDGEMENT_'));
    expect(warnings).toEqual([
      { type: 'ACKNOWLEDGEMENT_AT_RISK', note: '即将超过受理时限（2026-11-04前受理）' },
      { type: 'ACKNOWLEDGEMENT_OVERDUE', note: '已超过受理时限（应于2026-11-04前受理）' },
    ]);
    // Every acknowledgement warning in the database: one per referral and kind.
    const counts = await env.running.services.uow.dataSource.query(
      "SELECT referral_id, type, COUNT(*) AS n FROM timeline_events WHERE type LIKE 'ACKNOWLEDGEMENT_%' GROUP BY referral_id, type",
    );
    expect(counts.every((row: any) => Number(row.n) === 1)).toBe(true);
  });

  it('ends a withdrawn case\'s unacknowledged referral on the day it was withdrawn', async () => {
    const onTime = await submitOn('2026-11-09');
    const late = await submitOn('2026-11-09');
    at('2026-11-10');
    expect((await env.gql(clerk, WITHDRAW, { id: onTime.caseId, reason: '申请人放弃' })).data.withdrawCase.userErrors).toEqual([]);
    at('2026-11-13');
    expect((await env.gql(clerk, WITHDRAW, { id: late.caseId, reason: '申请人放弃' })).data.withdrawCase.userErrors).toEqual([]);
    at('2026-11-20');
    expect((await read(onTime.id)).acknowledgement).toMatchObject({ state: 'MET', acknowledgedOn: null, workingDaysTaken: 1 });
    expect((await read(late.id)).acknowledgement).toMatchObject({ state: 'MISSED', acknowledgedOn: null, workingDaysTaken: 4 });
  });

  it('filters by acknowledgement state exactly as the state is computed, day by day', async () => {
    const a = await submitOn('2026-12-01');
    await submitOn('2026-12-02');
    const c = await submitOn('2026-12-03');
    at('2026-12-03');
    await acknowledge(a.id); // MET
    at('2026-12-09');
    await acknowledge(c.id); // MISSED
    for (const date of ['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-07', '2026-12-08', '2026-12-10']) {
      at(date);
      const all = await env.gql(dashboard, `{ referrals(first: 100) { edges { node { id acknowledgement { state } } } } }`);
      for (const state of STATES) {
        const res = await env.gql(dashboard, 'query ($s: [SlaState!]) { referrals(first: 100, filter: { acknowledgementState: $s }) { totalCount edges { node { id } } } }', { s: [state] });
        const want = all.data.referrals.edges.filter((e: any) => e.node.acknowledgement?.state === state).map((e: any) => e.node.id).sort();
        const got = res.data.referrals.edges.map((e: any) => e.node.id).sort();
        expect({ date, state, got }).toEqual({ date, state, got: want });
        expect(res.data.referrals.totalCount).toBe(want.length);
      }
    }
  });

  it('recomputes a provisional day when its year is published', async () => {
    const r = await submitOn('2026-12-31'); // Thursday; 2027 unpublished: Monday–Friday
    expect((await read(r.id)).acknowledgement).toMatchObject({ acknowledgeBy: '2027-01-04', provisional: true });
    const days = [
      { date: '2027-01-01', workday: false, name: '元旦' },
      { date: '2027-01-04', workday: false, name: '元旦' },
    ];
    const published = await env.gql(admin, 'mutation ($year: Int!, $days: [CalendarDayInput!]!) { publishWorkingCalendar(year: $year, days: $days) { date } }', { year: 2027, days });
    expect(published.errors).toBeUndefined();
    expect((await read(r.id)).acknowledgement).toMatchObject({ acknowledgeBy: '2027-01-06', provisional: false });
    const stored = await env.running.services.uow.dataSource.query('SELECT acknowledge_by, ack_provisional FROM referrals WHERE id = ?', [r.id]);
    expect([stored[0].acknowledge_by, Boolean(Number(stored[0].ack_provisional))]).toEqual(['2027-01-06', false]);
  });
});
