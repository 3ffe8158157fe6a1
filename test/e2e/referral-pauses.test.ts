import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, PROVIDE_SUPPLEMENT, REQUEST_SUPPLEMENT, RESOLVE, SUBMIT, WITHDRAW } from '../support/operations';

const PAUSES = 'status pauseType sla { state dueDate workingDaysLeft pausedWorkingDays } pauses { type reason evidenceRef startedOn startedBy deadline maxDays maxUnit state workingDays endedOn endedBy endEvidenceRef endNote }';
const READ = `query ($id: ID!) { referral(id: $id) { id ${PAUSES} timeline { type note } } }`;
const PAUSE = `mutation ($id: ID!, $type: PauseType!, $reason: String!, $evidenceRef: String!) {
  pauseReferral(id: $id, type: $type, reason: $reason, evidenceRef: $evidenceRef) { referral { id ${PAUSES} } userErrors { code field message } }
}`;
const RESUME = `mutation ($id: ID!, $evidenceRef: String, $note: String) {
  resumeReferral(id: $id, evidenceRef: $evidenceRef, note: $note) { referral { id ${PAUSES} } userErrors { code field message } }
}`;

// Typed pauses (暂停计时) with their evidence: a department stops the clock for a household visit, a
// financial check or an assessment and resumes it with the result; 补正 is a pause of its own kind,
// begun by a request for materials and ended by the township recording them; every pause has a
// maximum and warns once near it and once past it.
describeDb('typed pauses of a referral\'s clock', () => {
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
  async function acknowledgedOn(date: string): Promise<{ caseId: string; id: string }> {
    at(date);
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    expect((await env.gql(civil, ACK, { id: c.referrals[0].id })).data.acknowledgeReferral.userErrors).toEqual([]);
    return { caseId: c.id, id: c.referrals[0].id };
  }
  const read = async (id: string) => (await env.gql(admin, READ, { id })).data.referral;

  it('stops the clock for a household visit with its evidence and runs it again with the result', async () => {
    const r = await acknowledgedOn('2026-03-02'); // due 2026-03-23
    at('2026-03-03');
    const paused = await env.gql(civil, PAUSE, { id: r.id, type: 'HOUSEHOLD_VISIT', reason: '核实家庭实际居住情况', evidenceRef: '台头镇入户调查通知〔2026〕17号' });
    expect(paused.data.pauseReferral.userErrors).toEqual([]);
    expect(paused.data.pauseReferral.referral).toMatchObject({ status: 'PAUSED', pauseType: 'HOUSEHOLD_VISIT' });
    expect(paused.data.pauseReferral.referral.pauses).toEqual([
      {
        type: 'HOUSEHOLD_VISIT',
        reason: '核实家庭实际居住情况',
        evidenceRef: '台头镇入户调查通知〔2026〕17号',
        startedOn: '2026-03-03',
        startedBy: 'CIVIL_AFFAIRS',
        deadline: '2026-03-17', // ten working days
        maxDays: 10,
        maxUnit: 'WORKING_DAYS',
        state: 'ON_TRACK',
        workingDays: 0,
        endedOn: null,
        endedBy: null,
        endEvidenceRef: null,
        endNote: null,
      },
    ]);
    at('2026-03-10'); // five working days paused: 03-04 … 03-10
    const frozen = await read(r.id);
    expect(frozen.sla).toMatchObject({ dueDate: '2026-03-30', workingDaysLeft: 14, pausedWorkingDays: 5 });
    const resumed = await env.gql(civil, RESUME, { id: r.id, evidenceRef: '入户调查报告 RH-0317', note: '与申报一致' });
    expect(resumed.data.resumeReferral.userErrors).toEqual([]);
    const after = resumed.data.resumeReferral.referral;
    expect(after).toMatchObject({ status: 'IN_PROGRESS', pauseType: null, sla: { dueDate: '2026-03-30', pausedWorkingDays: 5 } });
    expect(after.pauses[0]).toMatchObject({ endedOn: '2026-03-10', endedBy: 'CIVIL_AFFAIRS', endEvidenceRef: '入户调查报告 RH-0317', endNote: '与申报一致', state: 'MET', workingDays: 5 });
    const notes = (await read(r.id)).timeline.filter((e: any) => e.type === 'REFERRAL_PAUSED' || e.type === 'REFERRAL_RESUMED').map((e: any) => e.note);
    expect(notes).toEqual([
      '入户调查，暂停计时：核实家庭实际居住情况（依据 台头镇入户调查通知〔2026〕17号），应于2026-03-17前结束',
      '入户调查结束，恢复计时（结果 入户调查报告 RH-0317）：与申报一致',
    ]);
  });

  it('refuses bad input field by field, a pause before acknowledgement and another department\'s referral, and writes nothing', async () => {
    const r = await acknowledgedOn('2026-03-04');
    const codes = async (variables: Record<string, unknown>, token = civil) => {
      const res = await env.gql(token, PAUSE, { id: r.id, type: 'ASSESSMENT', reason: '残疾等级评定', evidenceRef: 'PG-1', ...variables });
      return res.data.pauseReferral.userErrors.map((e: any) => [e.code, e.field]);
    };
    expect(await codes({ type: 'MATERIALS' })).toEqual([['PAUSE_TYPE_NOT_ALLOWED', ['type']]]);
    expect(await codes({ type: 'PUBLIC_NOTICE' })).toEqual([['PAUSE_TYPE_NOT_ALLOWED', ['type']]]);
    expect(await codes({ reason: '  ', evidenceRef: '' })).toEqual([
      ['INVALID_REASON', ['reason']],
      ['INVALID_EVIDENCE', ['evidenceRef']],
    ]);
    expect(await codes({ evidenceRef: 'x'.repeat(201) })).toEqual([['INVALID_EVIDENCE', ['evidenceRef']]]);
    // Not its referral: answered exactly as an unknown id.
    const foreign = await env.gql(medical, PAUSE, { id: r.id, type: 'ASSESSMENT', reason: '残疾等级评定', evidenceRef: 'PG-1' });
    const unknown = await env.gql(civil, PAUSE, { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', type: 'ASSESSMENT', reason: '残疾等级评定', evidenceRef: 'PG-1' });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(foreign.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    const resume = await env.gql(civil, RESUME, { id: r.id });
    expect(resume.data.resumeReferral.userErrors.map((e: any) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    expect(await read(r.id)).toMatchObject({ status: 'IN_PROGRESS', pauseType: null, pauses: [] });

    at('2026-03-04');
    const fresh = (await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) })).data.submitApplication.case.referrals[0].id;
    const early = await env.gql(civil, PAUSE, { id: fresh, type: 'ASSESSMENT', reason: '残疾等级评定', evidenceRef: 'PG-2' });
    expect(early.data.pauseReferral.userErrors.map((e: any) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    expect((await read(fresh)).pauses).toEqual([]);
  });

  it('lists paused referrals by the state of their running pause exactly as the pause judges it, and by the case owner', async () => {
    const owner = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-pauses');
    at('2026-07-06'); // after the period the report test counts
    const res = await env.gql(owner, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) });
    const id = res.data.submitApplication.case.referrals[0].id;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    await env.gql(civil, ACK, { id });
    const paused = await env.gql(civil, PAUSE, { id, type: 'HOUSEHOLD_VISIT', reason: '入户核实', evidenceRef: 'RH-0706' });
    const deadline = paused.data.pauseReferral.referral.pauses[0].deadline;
    expect(deadline).toBe('2026-07-20');
    const LIST = `query ($filter: ReferralFilter) { referrals(filter: $filter, first: 100) { edges { node { id } } } }`;
    const listed = async (filter: Record<string, unknown>) => ((await env.gql(admin, LIST, { filter })).data.referrals.edges as any[]).map((e) => e.node.id);
    for (const day of ['2026-07-16', '2026-07-17', '2026-07-18', '2026-07-20', '2026-07-21']) {
      at(day);
      const state = (await read(id)).pauses[0].state;
      for (const s of ['ON_TRACK', 'AT_RISK', 'OVERDUE']) expect([day, s, (await listed({ pauseState: [s] })).includes(id)]).toEqual([day, s, s === state]);
    }
    expect(await listed({ ownedBy: 'clerk-pauses', pauseState: ['OVERDUE'] })).toEqual([id]);
    expect(await listed({ ownedBy: 'someone-else', pauseState: ['OVERDUE'] })).toEqual([]);
    expect((await env.gql(admin, LIST, { filter: { ownedBy: '' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'ownedBy'] });
    await env.gql(civil, RESUME, { id, evidenceRef: 'RH-0706-结果' });
    expect(await listed({ pauseState: ['ON_TRACK', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED'] })).not.toContain(id);
  });

  it('warns a pause once as it nears its maximum and once past it, whatever the number of scans', async () => {
    const r = await acknowledgedOn('2026-04-01');
    at('2026-04-01');
    const paused = await env.gql(civil, PAUSE, { id: r.id, type: 'FINANCIAL_CHECK', reason: '提请核对平台核对', evidenceRef: 'HD-2026-0401' });
    expect(paused.data.pauseReferral.referral.pauses[0].deadline).toBe('2026-04-16'); // 清明 04-06 off
    at('2026-04-15');
    expect((await read(r.id)).pauses[0].state).toBe('AT_RISK');
    expect((await env.running.scanner.scan()).pauseWarnings).toBeGreaterThanOrEqual(1);
    expect((await env.running.scanner.scan()).pauseWarnings).toBe(0);
    at('2026-04-17');
    expect((await read(r.id)).pauses[0].state).toBe('OVERDUE');
    await env.running.scanner.scan();
    expect((await env.running.scanner.scan()).pauseWarnings).toBe(0);
    const warnings = (await read(r.id)).timeline.filter((e: any) => e.type.startsWith('PAUSE_'));
    expect(warnings).toEqual([
      { type: 'PAUSE_AT_RISK', note: '经济状况核对即将超过时限（2026-04-16前结束）' },
      { type: 'PAUSE_OVERDUE', note: '经济状况核对已超过时限（应于2026-04-16前结束）' },
    ]);
    // A decision ends the pause (the step overran: MISSED).
    const decided = await env.gql(civil, RESOLVE, { id: r.id, decision: 'REJECTED' });
    expect(decided.data.resolveReferral.userErrors).toEqual([]);
    expect((await read(r.id)).pauses[0]).toMatchObject({ endedOn: '2026-04-17', state: 'MISSED' });
  });

  it('keeps 补正 as it was, with a pause row the township must end by recording the materials', async () => {
    const r = await acknowledgedOn('2026-05-06');
    const req = await env.gql(civil, REQUEST_SUPPLEMENT, { id: r.id, materials: ['户口簿'], note: '户口簿页缺失' });
    expect(req.data.requestSupplement.userErrors).toEqual([]);
    expect(req.data.requestSupplement.referral.status).toBe('SUPPLEMENT_REQUESTED');
    const listed = await env.gql(admin, '{ referrals(first: 100, filter: { pauseType: [MATERIALS] }) { edges { node { id } } } }');
    expect(listed.data.referrals.edges.map((e: any) => e.node.id)).toContain(r.id);
    expect((await read(r.id)).pauses).toEqual([
      expect.objectContaining({ type: 'MATERIALS', reason: '需补充材料：户口簿（户口簿页缺失）', evidenceRef: null, startedOn: '2026-05-06', deadline: '2026-05-19', state: 'ON_TRACK' }),
    ]);
    at('2026-05-08');
    expect((await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: r.caseId, materials: ['户口簿'] })).data.provideSupplement.userErrors).toEqual([]);
    expect(await read(r.id)).toMatchObject({ status: 'IN_PROGRESS', pauseType: null });
    expect((await read(r.id)).pauses[0]).toMatchObject({ endedOn: '2026-05-08', endedBy: 'clerk-test', state: 'MET', workingDays: 2 });
    const after = await env.gql(admin, '{ referrals(first: 100, filter: { pauseType: [MATERIALS] }) { edges { node { id } } } }');
    expect(after.data.referrals.edges.map((e: any) => e.node.id)).not.toContain(r.id);
  });

  it('ends an open pause when the case is withdrawn', async () => {
    const r = await acknowledgedOn('2026-06-01');
    await env.gql(civil, PAUSE, { id: r.id, type: 'ASSESSMENT', reason: '生活自理能力评估', evidenceRef: 'PG-0601' });
    at('2026-06-03');
    expect((await env.gql(clerk, WITHDRAW, { id: r.caseId, reason: '申请人放弃' })).data.withdrawCase.userErrors).toEqual([]);
    expect(await read(r.id)).toMatchObject({ status: 'CANCELLED', pauseType: null });
    expect((await read(r.id)).pauses[0]).toMatchObject({ type: 'ASSESSMENT', deadline: '2026-06-30', endedOn: '2026-06-03', endedBy: 'SYSTEM' }); // as the cancellation is (the clerk's withdrawal is CASE_WITHDRAWN)
  });

  it('counts pauses by type in the report', async () => {
    const res = await env.gql(admin, 'query { slaReport(regionCode: "3707", from: "2026-03-01", to: "2026-06-30") { pauses { type started ended endedInTime openOverdue } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.slaReport.pauses).toEqual([
      { type: 'MATERIALS', started: 1, ended: 1, endedInTime: 1, openOverdue: 0 },
      { type: 'PUBLIC_NOTICE', started: 0, ended: 0, endedInTime: 0, openOverdue: 0 },
      { type: 'HOUSEHOLD_VISIT', started: 1, ended: 1, endedInTime: 1, openOverdue: 0 },
      { type: 'FINANCIAL_CHECK', started: 1, ended: 1, endedInTime: 0, openOverdue: 0 }, // decided a day past its deadline
      { type: 'ASSESSMENT', started: 1, ended: 1, endedInTime: 1, openOverdue: 0 },
    ]);
  });
});
