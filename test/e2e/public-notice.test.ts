import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';

const READ = `query ($id: ID!) { referral(id: $id) {
  id status pauseType outcome { decision amountFen decidedAt }
  publicNotice { startsOn endsOn running text objections { id summary status decidedOn decisionNote } }
  case { id status registerHousehold { id tier } }
} }`;
const OBJECT = `mutation ($referralId: ID!, $summary: String!) { recordNoticeObjection(referralId: $referralId, summary: $summary) { referral { id } userErrors { code field } } }`;
const DECIDE = `mutation ($id: ID!, $sustained: Boolean!, $note: String) { decideNoticeObjection(id: $id, sustained: $sustained, note: $note) { referral { id status } userErrors { code field } } }`;

// 公示: a 低保 or 特困 approval goes on public notice for 7 days before it takes effect; objections
// are recorded during it; it takes effect when the notice is over with none open, and a sustained
// objection withdraws it. Other decisions take effect at once, as before.
describeDb('the public notice (公示) of 低保 and 特困 approvals', () => {
  let env: TestEnvironment;
  let clerk: string;
  let civil: string;
  let medical: string;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00' });
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
    admin = await env.token(Role.ADMIN, '');
  });
  afterAll(() => env.close());

  const at = (date: string) => env.clock.set(`${date}T10:00:00+08:00`);
  const read = async (id: string) => (await env.gql(admin, READ, { id })).data.referral;
  async function approvedOn(date: string, category = 'MINIMUM_LIVING', village?: string): Promise<string> {
    at(date);
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: [category], ...(village ? { village } : {}) }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const id = res.data.submitApplication.case.referrals[0].id;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    expect((await env.gql(civil, ACK, { id })).data.acknowledgeReferral.userErrors).toEqual([]);
    const resolved = await env.gql(civil, RESOLVE, { id, decision: 'APPROVED', amountFen: 83800 });
    expect(resolved.data.resolveReferral.userErrors).toEqual([]);
    return id;
  }
  const scan = () => env.running.scanner.scan();

  it('puts a 低保 approval on notice for 7 days with a notice that shows only what practice shows, then lets it take effect once', async () => {
    const id = await approvedOn('2026-03-02', 'MINIMUM_LIVING', ' 东城村 ');
    const on = await read(id);
    expect(on).toMatchObject({ status: 'PAUSED', pauseType: 'PUBLIC_NOTICE', outcome: null, case: { status: 'OPEN', registerHousehold: null } });
    expect(on.publicNotice).toMatchObject({ startsOn: '2026-03-03', endsOn: '2026-03-09', running: true, objections: [] });
    expect(on.publicNotice.text).toContain('申请人：王**　所在地：台头镇东城村　');
    expect(on.publicNotice.text).toContain('月保障金额：838.00元');
    expect(on.publicNotice.text).toContain('公示期：2026-03-03至2026-03-09');
    expect(on.publicNotice.text).not.toContain('王秀英');
    expect(on.publicNotice.text).not.toMatch(/\d{17}[\dX]/);

    at('2026-03-09'); // the last day of the notice
    expect((await scan()).followUp.noticesEnded).toBe(0);
    at('2026-03-10');
    expect((await scan()).followUp.noticesEnded).toBe(1);
    expect((await scan()).followUp.noticesEnded).toBe(0);
    const after = await read(id);
    expect(after).toMatchObject({ status: 'RESOLVED', pauseType: null, outcome: { decision: 'APPROVED', amountFen: 83800 }, case: { status: 'CLOSED', registerHousehold: { tier: 'MINIMUM_LIVING' } } });
    expect(after.publicNotice.running).toBe(false);
  });

  it('waits for an objection to be decided, and takes effect once it is dismissed', async () => {
    const id = await approvedOn('2026-04-01');
    at('2026-04-03');
    const objected = await env.gql(clerk, OBJECT, { referralId: id, summary: '村民反映其子女在外地有稳定收入' });
    expect(objected.data.recordNoticeObjection.userErrors).toEqual([]);
    at('2026-04-10');
    expect((await scan()).followUp.noticesEnded).toBe(0); // over, but an objection is open
    const [objection] = (await read(id)).publicNotice.objections;
    expect(objection).toMatchObject({ summary: '村民反映其子女在外地有稳定收入', status: 'RECEIVED' });
    const dismissed = await env.gql(civil, DECIDE, { id: objection.id, sustained: false, note: '经核查子女已另立户且无赡养能力' });
    expect(dismissed.data.decideNoticeObjection.userErrors).toEqual([]);
    expect((await env.gql(civil, DECIDE, { id: objection.id, sustained: false })).data.decideNoticeObjection.userErrors.map((e: any) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    expect((await scan()).followUp.noticesEnded).toBe(1);
    expect(await read(id)).toMatchObject({ status: 'RESOLVED', outcome: { decision: 'APPROVED' } });
  });

  it('withdraws the approval when an objection is sustained, and the department decides again', async () => {
    const id = await approvedOn('2026-05-06', 'EXTREME_POVERTY');
    expect((await read(id)).publicNotice.text).toContain('特困人员救助供养审批公示');
    at('2026-05-07');
    await env.gql(clerk, OBJECT, { referralId: id, summary: '申请人另有住房出租收入' });
    const [objection] = (await read(id)).publicNotice.objections;
    const codes = async (token: string, variables: Record<string, unknown>) => (await env.gql(token, DECIDE, { id: objection.id, ...variables })).data?.decideNoticeObjection?.userErrors.map((e: any) => [e.code, e.field]);
    expect(await codes(civil, { sustained: true })).toEqual([['INVALID_REASON', ['note']]]);
    expect((await env.gql(medical, DECIDE, { id: objection.id, sustained: true, note: 'x' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sustained = await env.gql(civil, DECIDE, { id: objection.id, sustained: true, note: '核实有出租收入，需重新核算' });
    expect(sustained.data.decideNoticeObjection.userErrors).toEqual([]);
    expect(await read(id)).toMatchObject({ status: 'IN_PROGRESS', pauseType: null, outcome: null, case: { status: 'OPEN' } });
    at('2026-05-20');
    expect((await scan()).followUp.noticesEnded).toBe(0);
    const rejected = await env.gql(civil, RESOLVE, { id, decision: 'REJECTED' });
    expect(rejected.data.resolveReferral.userErrors).toEqual([]);
    expect(await read(id)).toMatchObject({ status: 'RESOLVED', outcome: { decision: 'REJECTED' }, case: { status: 'CLOSED', registerHousehold: null } });
  });

  it('refuses an objection that is empty or comes when nothing is on notice, and leaves other approvals as they were', async () => {
    const id = await approvedOn('2026-06-01');
    expect((await env.gql(clerk, OBJECT, { referralId: id, summary: '  ' })).data.recordNoticeObjection.userErrors).toEqual([{ code: 'INVALID_REASON', field: ['summary'] }]);
    // Without a village the notice names the township alone; a village that is not one line of at most 30 is refused on its field.
    expect((await read(id)).publicNotice.text).toContain('所在地：台头镇　');
    const refused = await env.gql(clerk, SUBMIT, { input: application({ village: '东城村\n二组' }) });
    expect(refused.data.submitApplication.userErrors.map((e: any) => [e.code, e.field])).toEqual([['INVALID_VILLAGE', ['input', 'village']]]);
    for (const village of ['东城村\u2028二组', '东城\t村', '村'.repeat(31)]) {
      const bad = await env.gql(clerk, SUBMIT, { input: application({ village }) });
      expect(bad.data.submitApplication.userErrors.map((e: any) => e.code)).toEqual(['INVALID_VILLAGE']);
    }
    // Thirty characters, one of them outside the basic plane, is thirty.
    expect((await env.gql(clerk, SUBMIT, { input: application({ village: `𠀀${'村'.repeat(29)}`, categories: ['TEMPORARY'], hardship: { emergency: true } }) })).data.submitApplication.userErrors).toEqual([]);
    at('2026-06-01');
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) });
    const temporary = res.data.submitApplication.case.referrals[0].id;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    await env.gql(civil, ACK, { id: temporary });
    expect((await env.gql(civil, RESOLVE, { id: temporary, decision: 'APPROVED', amountFen: 50000 })).data.resolveReferral.referral.status).toBe('RESOLVED');
    expect((await env.gql(clerk, OBJECT, { referralId: temporary, summary: '有异议' })).data.recordNoticeObjection.userErrors).toEqual([{ code: 'ILLEGAL_TRANSITION', field: ['referralId'] }]);
    expect((await read(temporary)).publicNotice).toBeNull();
  });
});
