import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';

const READ = `query ($id: ID!) { referral(id: $id) {
  id status outcome { decision }
  refusalNotice { id refusedOn noticeDays tellBy toldOn toldMeans evidenceRef toldBy clock { state workingDaysLeft provisional } }
  timeline { type note }
} }`;
const TOLD = `mutation ($referralId: ID!, $toldOn: Date!, $means: ToldMeans, $evidenceRef: String) {
  recordApplicantTold(referralId: $referralId, toldOn: $toldOn, means: $means, evidenceRef: $evidenceRef) { referral { id refusalNotice { toldOn clock { state } } } userErrors { code field } }
}`;
const LIST = `query ($filter: RefusalNoticeFilterInput, $first: Int, $after: String) { refusalNotices(filter: $filter, first: $first, after: $after) {
  totalCount edges { node { id tellBy clock { state } referral { id case { owner } } } } pageInfo { hasNextPage endCursor }
} }`;

const OTHER_TOWNSHIP = '370783001'; // 圣城街道, same county

// 不予批准书面告知: a refusal is told to the applicant within 3 working days of the decision
// (《最低生活保障审核确认办法》), on the official calendar; the township records it; the scan warns
// once when the day comes near and once when it passes; the list's state filter agrees with the clock.
describeDb('telling the applicant of a refusal within its working days', () => {
  let env: TestEnvironment;
  let clerk: string;
  let clerkElsewhere: string;
  let civil: string;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-09-29T09:00:00+08:00' });
    clerk = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-refusals');
    clerkElsewhere = await env.token(Role.CLERK, OTHER_TOWNSHIP, undefined, 'clerk-001');
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    admin = await env.token(Role.ADMIN, '');
  });
  afterAll(() => env.close());

  const at = (date: string) => env.clock.set(`${date}T10:00:00+08:00`);
  const read = async (id: string) => (await env.gql(admin, READ, { id })).data.referral;
  const scan = () => env.running.scanner.scan();
  const listed = async (filter: Record<string, unknown>, token = admin) => {
    const res = await env.gql(token, LIST, { filter, first: 100 });
    expect(res.errors).toBeUndefined();
    return res.data.refusalNotices.edges.map((e: any) => e.node.id) as string[];
  };
  async function decidedOn(date: string, decision: 'APPROVED' | 'REJECTED'): Promise<string> {
    at(date);
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const id = res.data.submitApplication.case.referrals[0].id;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    expect((await env.gql(civil, ACK, { id })).data.acknowledgeReferral.userErrors).toEqual([]);
    const resolved = await env.gql(civil, RESOLVE, { id, decision, ...(decision === 'APPROVED' ? { amountFen: 50000 } : { note: '家庭人均收入高于当地低保标准' }) });
    expect(resolved.data.resolveReferral.userErrors).toEqual([]);
    return id;
  }

  it('gives a refusal three working days across the National Day holiday, warns once at risk and once overdue, and records the telling once', async () => {
    const id = await decidedOn('2026-09-29', 'REJECTED');
    // Decided Tuesday 29 September: 30 September, then 8 and 9 October (1–7 October are the holiday).
    expect((await read(id)).refusalNotice).toMatchObject({ id, refusedOn: '2026-09-29', noticeDays: 3, tellBy: '2026-10-09', toldOn: null, clock: { state: 'ON_TRACK', workingDaysLeft: 3 } });

    at('2026-10-07');
    expect((await scan()).refusalNoticeWarnings).toBe(0);
    at('2026-10-08');
    expect((await read(id)).refusalNotice.clock).toMatchObject({ state: 'AT_RISK', workingDaysLeft: 1 });
    expect((await scan()).refusalNoticeWarnings).toBe(1);
    expect((await scan()).refusalNoticeWarnings).toBe(0);
    at('2026-10-10'); // a Saturday worked in place of the holiday
    expect((await scan()).refusalNoticeWarnings).toBe(1);
    expect((await scan()).refusalNoticeWarnings).toBe(0);
    const warned = (await read(id)).timeline.filter((e: any) => e.type.startsWith('REFUSAL_NOTICE'));
    expect(warned).toEqual([
      { type: 'REFUSAL_NOTICE_AT_RISK', note: '不予批准的结果即将超过告知时限（2026-10-09前告知申请人）' },
      { type: 'REFUSAL_NOTICE_OVERDUE', note: '不予批准的结果未按时告知申请人（应于2026-10-09前告知）' },
    ]);
    expect(await listed({ state: ['OVERDUE'], ownedBy: 'clerk-refusals' }, clerk)).toContain(id);

    const errors = async (variables: Record<string, unknown>, token = clerk) => (await env.gql(token, TOLD, { referralId: id, ...variables })).data.recordApplicantTold.userErrors;
    expect(await errors({ toldOn: '2026-10-11', evidenceRef: '告字〔2026〕18号' })).toEqual([{ code: 'INVALID_DATE', field: ['toldOn'] }]);
    expect(await errors({ toldOn: '2026-09-28', evidenceRef: '告字〔2026〕18号' })).toEqual([{ code: 'INVALID_DATE', field: ['toldOn'] }]);
    expect(await errors({ toldOn: '2026-10-10' })).toEqual([{ code: 'INVALID_EVIDENCE', field: ['evidenceRef'] }]);
    expect(await errors({ toldOn: '2026-10-10', means: 'PHONE', evidenceRef: 'a\nb' })).toEqual([{ code: 'INVALID_EVIDENCE', field: ['evidenceRef'] }]);
    const forbidden = async (token: string) => (await env.gql(token, TOLD, { referralId: id, toldOn: '2026-10-10', evidenceRef: 'x' })).errors?.[0]?.extensions?.code;
    expect(await forbidden(civil)).toBe('FORBIDDEN');
    expect(await forbidden(clerkElsewhere)).toBe('FORBIDDEN');
    expect((await read(id)).refusalNotice.toldOn).toBeNull(); // nothing written by the refused attempts

    const told = await env.gql(clerk, TOLD, { referralId: id, toldOn: '2026-10-10', evidenceRef: ' 告字〔2026〕18号 ' });
    expect(told.data.recordApplicantTold).toEqual({ referral: { id, refusalNotice: { toldOn: '2026-10-10', clock: { state: 'MISSED' } } }, userErrors: [] });
    expect(await errors({ toldOn: '2026-10-10', evidenceRef: '告字〔2026〕18号' })).toEqual([{ code: 'ILLEGAL_TRANSITION', field: ['referralId'] }]);
    const after = await read(id);
    expect(after.refusalNotice).toMatchObject({ toldMeans: 'IN_WRITING', evidenceRef: '告字〔2026〕18号', toldBy: 'clerk-refusals' });
    expect(after.timeline.at(-1)).toEqual({ type: 'APPLICANT_TOLD', note: '已于2026-10-10书面告知申请人不予批准的结果及理由（告字〔2026〕18号）' });
    at('2026-10-20');
    expect((await scan()).refusalNoticeWarnings).toBe(0);
    expect(await listed({ told: true })).toContain(id);
    expect(await listed({ told: false })).not.toContain(id);
  });

  it('starts no clock for an approval, and answers for a referral without a refusal by naming it', async () => {
    const id = await decidedOn('2026-11-02', 'APPROVED');
    expect((await read(id)).refusalNotice).toBeNull();
    expect((await env.gql(clerk, TOLD, { referralId: id, toldOn: '2026-11-02', means: 'IN_PERSON' })).data.recordApplicantTold.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['referralId'] }]);
  });

  it('lists by state exactly as the clock judges each day, pages by the earliest deadline, and keeps a clerk to her township', async () => {
    const early = await decidedOn('2026-11-09', 'REJECTED'); // Monday: tell by Thursday 12 November
    const late = await decidedOn('2026-11-11', 'REJECTED'); // Wednesday: tell by Monday 16 November
    at('2026-11-12');
    expect((await env.gql(clerk, TOLD, { referralId: early, toldOn: '2026-11-12', means: 'IN_PERSON' })).data.recordApplicantTold.userErrors).toEqual([]);
    const states = ['ON_TRACK', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED'];
    for (const day of ['2026-11-12', '2026-11-13', '2026-11-14', '2026-11-16', '2026-11-17']) {
      at(day);
      for (const id of [early, late]) {
        const state = (await read(id)).refusalNotice.clock.state;
        for (const s of states) expect([day, id === early, s, (await listed({ state: [s] })).includes(id)]).toEqual([day, id === early, s, s === state]);
      }
    }
    const first = await env.gql(admin, LIST, { filter: { told: null }, first: 1 });
    const second = await env.gql(admin, LIST, { filter: {}, first: 1, after: first.data.refusalNotices.pageInfo.endCursor });
    const tellBys = [first, second].map((r) => r.data.refusalNotices.edges[0].node.tellBy);
    expect(tellBys).toEqual([...tellBys].sort());
    expect(await listed({}, clerkElsewhere)).toEqual([]);
    // A list masks identity numbers for everyone, like the case list.
    const numbers = await env.gql(clerk, `{ refusalNotices(first: 5) { edges { node { referral { case { applicant { idNumber } } } } } } }`);
    const shown = numbers.data.refusalNotices.edges.map((e: any) => e.node.referral.case.applicant.idNumber as string);
    expect(shown.length).toBeGreaterThan(0);
    for (const n of shown) expect(n).toMatch(/^\d{6}\*+/);
    expect((await env.gql(clerk, LIST, { filter: { ownedBy: ' ' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'ownedBy'] });
  });
});
