import { Writable } from 'node:stream';
import { Department, Role } from '../../src/access/roles';
import { loadConfig } from '../../src/config';
import { createHub } from '../../src/server';
import { createTestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, SUBMIT } from '../support/operations';

const NOTICE = 'id department clock level supervisorRegion dueDate raisedOn respondBy status answeredOn answeredBy answerReason promisedDate answeredOnTime closedOn caseOwner escalatedTo { id level status }';
const LIST = `query ($filter: SupervisionNoticeFilter) { supervisionNotices(filter: $filter, first: 100) { totalCount edges { node { ${NOTICE} referral { id } } } } }`;
const ONE = `query ($id: ID!) { supervisionNotice(id: $id) { ${NOTICE} timeline { type note } } }`;
const ANSWER = `mutation ($id: ID!, $reason: String!, $promisedDate: Date!) {
  answerSupervisionNotice(id: $id, reason: $reason, promisedDate: $promisedDate) { notice { ${NOTICE} } userErrors { code field message } }
}`;

// 督办: an OVERDUE acknowledgement or resolution raises a notice to the county; the department answers
// with a reason and a promised date, or the notice escalates to the city; a notice whose step is
// done is closed. Every notice is single per referral, clock and level, also with two hub processes.
describeDb('supervision notices (督办)', () => {
  let env: TestEnvironment;
  let clerk: string;
  let civil: string;
  let medical: string;
  let county: string;
  let elsewhere: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00' });
    clerk = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-wang');
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
    county = await env.token(Role.DASHBOARD, '370783');
    elsewhere = await env.token(Role.DASHBOARD, '370784');
  });
  afterAll(() => env.close());

  const at = (date: string) => env.clock.set(`${date}T10:00:00+08:00`);
  const scan = () => env.running.scanner.scan();
  async function submitOn(date: string): Promise<{ caseId: string; id: string }> {
    at(date);
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return { caseId: res.data.submitApplication.case.id, id: res.data.submitApplication.case.referrals[0].id };
  }
  const notices = async (token: string, filter: Record<string, unknown> = {}) => (await env.gql(token, LIST, { filter })).data.supervisionNotices.edges.map((e: any) => e.node);
  const of = async (referralId: string, token = county) => (await notices(token)).filter((n: any) => n.referral.id === referralId);

  it('raises one county notice for an acknowledgement past its day, whatever the number of processes and scans', async () => {
    const r = await submitOn('2026-03-02'); // acknowledge by 03-04
    at('2026-03-04');
    await scan();
    expect(await of(r.id)).toEqual([]); // due today: not overdue yet
    at('2026-03-05');
    const other = await createHub({
      config: loadConfig({ HUB_DATABASE_URL: env.db.url, HUB_JWT_SECRET: TEST_JWT_SECRET, HUB_DATA_KEY: TEST_DATA_KEY }),
      clock: env.clock,
      logDestination: new Writable({ write: (_c, _e, done) => done() }),
      jobs: new Set(),
    });
    try {
      // Two processes at once on MariaDB; on SQLite (one writer per file) one after the other.
      const both = env.db.kind === 'sqlite' ? [await scan(), await other.scanner.scan(), await scan()] : await Promise.all([scan(), other.scanner.scan(), scan()]);
      expect(both.reduce((n, x) => n + x.followUp.raised, 0)).toBe(1);
    } finally {
      await other.close();
    }
    expect((await scan()).followUp.raised).toBe(0);
    expect(await of(r.id)).toEqual([
      expect.objectContaining({
        department: 'CIVIL_AFFAIRS',
        clock: 'ACKNOWLEDGEMENT',
        level: 'COUNTY',
        supervisorRegion: '370783',
        dueDate: '2026-03-04',
        raisedOn: '2026-03-05',
        respondBy: '2026-03-10', // three working days
        status: 'OPEN',
        answeredOnTime: null,
        caseOwner: 'clerk-wang',
        escalatedTo: null,
      }),
    ]);
    // The department sees its own; another department and another county see none of it.
    expect((await of(r.id, civil)).length).toBe(1);
    expect(await of(r.id, medical)).toEqual([]);
    expect(await of(r.id, elsewhere)).toEqual([]);
    const [n] = await of(r.id);
    expect((await env.gql(medical, ONE, { id: n.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('takes the department\'s answer once, refuses bad input field by field, and escalates when the promise passes', async () => {
    const r = (await notices(civil, { status: ['OPEN'], clock: 'ACKNOWLEDGEMENT' }))[0];
    at('2026-03-06');
    const bad = await env.gql(civil, ANSWER, { id: r.id, reason: ' ', promisedDate: '2026-03-05' });
    expect(bad.data.answerSupervisionNotice.userErrors.map((e: any) => [e.code, e.field])).toEqual([
      ['INVALID_REASON', ['reason']],
      ['INVALID_PROMISED_DATE', ['promisedDate']],
    ]);
    const foreign = await env.gql(medical, ANSWER, { id: r.id, reason: '系统故障', promisedDate: '2026-03-09' });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await env.gql(civil, ANSWER, { id: r.id, reason: '业务系统升级，未及时领取', promisedDate: '2026-03-09' });
    expect(ok.data.answerSupervisionNotice.userErrors).toEqual([]);
    expect(ok.data.answerSupervisionNotice.notice).toMatchObject({ status: 'ANSWERED', answeredOn: '2026-03-06', answeredBy: 'CIVIL_AFFAIRS', promisedDate: '2026-03-09', answeredOnTime: true });
    const again = await env.gql(civil, ANSWER, { id: r.id, reason: '再次反馈', promisedDate: '2026-03-09' });
    expect(again.data.answerSupervisionNotice.userErrors.map((e: any) => e.code)).toEqual(['NOT_OPEN']);

    at('2026-03-09');
    expect((await scan()).followUp.escalated).toBe(0); // the promised day itself
    at('2026-03-10'); // still not acknowledged: the promise passed
    expect((await scan()).followUp.escalated).toBe(1);
    expect((await scan()).followUp.escalated).toBe(0);
    const county1 = (await env.gql(county, ONE, { id: r.id })).data.supervisionNotice;
    expect(county1).toMatchObject({ status: 'ESCALATED', closedOn: '2026-03-10', escalatedTo: { level: 'CITY', status: 'OPEN' } });
    expect(county1.timeline.map((e: any) => e.type)).toEqual(['SUPERVISION_RAISED', 'SUPERVISION_ANSWERED', 'SUPERVISION_ESCALATED']);
    const city = (await env.gql(county, ONE, { id: county1.escalatedTo.id })).data.supervisionNotice;
    expect(city).toMatchObject({ level: 'CITY', supervisorRegion: '3707', respondBy: '2026-03-13', status: 'OPEN', dueDate: '2026-03-04' });
    expect(city.timeline.map((e: any) => e.note)).toEqual(['受理超时，市级督办，请于2026-03-13前反馈原因和办结时间']);

    // The city is the top: unanswered past its day, it stays open.
    at('2026-03-16');
    expect((await scan()).followUp.escalated).toBe(0);
    // Acknowledged at last: the next scan closes what is still open.
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    expect((await env.gql(civil, ACK, { id: r.referral.id })).data.acknowledgeReferral.userErrors).toEqual([]);
    expect((await scan()).followUp.closed).toBeGreaterThanOrEqual(1);
    expect((await env.gql(county, ONE, { id: city.id })).data.supervisionNotice).toMatchObject({ status: 'CLOSED', closedOn: '2026-03-16' });
  });

  it('escalates a notice nobody answered, and raises one for a resolution past its due date', async () => {
    const r = await submitOn('2026-04-01'); // acknowledge by 04-03, due 04-23
    at('2026-04-02');
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    expect((await env.gql(civil, ACK, { id: r.id })).data.acknowledgeReferral.userErrors).toEqual([]);
    at('2026-04-24');
    await scan();
    const [raised] = await of(r.id);
    expect(raised).toMatchObject({ clock: 'RESOLUTION', level: 'COUNTY', dueDate: '2026-04-23', respondBy: '2026-04-29', status: 'OPEN' });
    at('2026-04-29');
    expect((await scan()).followUp.escalated).toBe(0);
    at('2026-04-30');
    await scan();
    const both = await of(r.id);
    expect(both.map((n: any) => [n.level, n.status]).sort()).toEqual([
      ['CITY', 'OPEN'],
      ['COUNTY', 'ESCALATED'],
    ]);
    expect(both.find((n: any) => n.level === 'COUNTY').answeredOnTime).toBeNull();
  });

  it('counts the notices in the report per department', async () => {
    const res = await env.gql(county, 'query { slaReport(regionCode: "370783", from: "2026-03-01", to: "2026-04-30") { notices { department raised answeredOnTime escalated open } } }');
    expect(res.errors).toBeUndefined();
    const rows = res.data.slaReport.notices;
    expect(rows).toHaveLength(7); // every department
    // Three overdue steps — the first referral's acknowledgement (March) and resolution (due 03-23, found in
    // April), the second's resolution — one answered in time, all three escalated; two city notices wait.
    expect(rows.find((r: any) => r.department === 'CIVIL_AFFAIRS')).toEqual({ department: 'CIVIL_AFFAIRS', raised: 3, answeredOnTime: 1, escalated: 3, open: 2 });
    expect(rows.find((r: any) => r.department === 'MEDICAL')).toEqual({ department: 'MEDICAL', raised: 0, answeredOnTime: 0, escalated: 0, open: 0 });
  });
});
