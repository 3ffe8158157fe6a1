import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP, NOTICE_OUTSIDE_HUB } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CASE, CLAIM, PROVIDE_SUPPLEMENT, REQUEST_SUPPLEMENT, RESOLVE, SUBMIT, WITHDRAW } from '../support/operations';

describeDb('referral lifecycle: claim → acknowledge → supplement → resolve → case closed', () => {
  let env: TestEnvironment;
  let clerk: string;
  let civil: string;
  let medical: string;
  let education: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-sys');
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL, 'medical-sys');
    education = await env.token(Role.DEPARTMENT, '370783', Department.EDUCATION, 'edu-sys');
  });
  afterAll(() => env.close());

  async function submit(overrides: Record<string, unknown> = {}) {
    const res = await env.gql(clerk, SUBMIT, { input: application(overrides) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case;
  }

  async function claimAll(token: string, department: Department) {
    const res = await env.gql(token, CLAIM, { department, limit: 100 });
    expect(res.data.claimReferrals.userErrors).toEqual([]);
    return res.data.claimReferrals.referrals;
  }

  it('runs a whole case to CLOSED, pausing the clock while materials are outstanding', async () => {
    const c = await submit();
    const civilRef = c.referrals.find((r: any) => r.department === 'CIVIL_AFFAIRS');
    const claimed = await claimAll(civil, Department.CIVIL_AFFAIRS);
    expect(claimed.map((r: any) => r.id)).toContain(civilRef.id);
    expect(claimed.find((r: any) => r.id === civilRef.id).status).toBe('DELIVERED');

    const ack = await env.gql(civil, ACK, { id: civilRef.id, externalRef: 'MZ-2026-0001' });
    expect(ack.data.acknowledgeReferral.referral).toMatchObject({ status: 'IN_PROGRESS', externalRef: 'MZ-2026-0001' });

    // Wednesday 2026-03-04: ask for materials. Monday 2026-03-09: the window records them.
    env.clock.set('2026-03-04T10:00:00+08:00');
    const req = await env.gql(civil, REQUEST_SUPPLEMENT, { id: civilRef.id, materials: ['收入证明', '户口簿'], note: '请补充' });
    expect(req.data.requestSupplement.referral).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', outstandingMaterials: ['收入证明', '户口簿'] });

    env.clock.set('2026-03-06T10:00:00+08:00');
    let read = await env.gql(clerk, CASE, { id: c.id });
    let sla = read.data.case.referrals.find((r: any) => r.id === civilRef.id).sla;
    expect(sla).toMatchObject({ pausedWorkingDays: 2, dueDate: '2026-03-25', workingDaysLeft: 13 });

    env.clock.set('2026-03-09T10:00:00+08:00');
    const part = await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: c.id, materials: ['收入证明'] });
    expect(part.data.provideSupplement.userErrors).toEqual([]);
    const stillPaused = part.data.provideSupplement.case.referrals.find((r: any) => r.id === civilRef.id);
    expect(stillPaused).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', outstandingMaterials: ['户口簿'] });
    const done = await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: c.id, materials: ['户口簿'] });
    const resumed = done.data.provideSupplement.case.referrals.find((r: any) => r.id === civilRef.id);
    // Paused 03-04 → 03-09: working days 05, 06, 09 = 3; due 2026-03-23 + 3 = 2026-03-26.
    expect(resumed).toMatchObject({ status: 'IN_PROGRESS', outstandingMaterials: [] });
    expect(resumed.sla).toMatchObject({ pausedWorkingDays: 3, dueDate: '2026-03-26', state: 'ON_TRACK' });

    const resolved = await env.gql(civil, RESOLVE, { id: civilRef.id, decision: 'APPROVED', amountFen: 83800, note: '纳入低保' });
    expect(resolved.data.resolveReferral.referral.outcome).toMatchObject({ decision: 'APPROVED', amountFen: 83800, note: '纳入低保' });
    expect(resolved.data.resolveReferral.referral.sla.state).toBe('MET');

    for (const [token, department] of [[medical, Department.MEDICAL], [education, Department.EDUCATION]] as const) {
      const [r] = (await claimAll(token, department)).filter((x: any) => x.case.id === c.id);
      await env.gql(token, ACK, { id: r.id });
      const res = await env.gql(token, RESOLVE, { id: r.id, decision: department === Department.MEDICAL ? 'APPROVED' : 'REJECTED' });
      expect(res.data.resolveReferral.userErrors).toEqual([]);
    }
    read = await env.gql(clerk, CASE, { id: c.id });
    expect(read.data.case.status).toBe('CLOSED');
    expect(read.data.case.closedAt).toBe('2026-03-09T10:00:00.000+08:00');
    expect(read.data.case.sla.state).toBe('MET');
    sla = read.data.case.sla;
    expect(sla.pausedWorkingDays).toBe(3);
    const types = read.data.case.timeline.map((e: any) => e.type);
    expect(types[0]).toBe('CASE_ACCEPTED');
    expect(types[types.length - 1]).toBe('CASE_CLOSED');
    expect(types).toEqual(expect.arrayContaining(['REFERRAL_DELIVERED', 'REFERRAL_ACKNOWLEDGED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENT_PROVIDED', 'REFERRAL_RESOLVED']));
  });

  it('refuses illegal transitions with ILLEGAL_TRANSITION', async () => {
    const c = await submit({ categories: ['HOUSING'], hardship: { unsafeHousing: true } });
    const id = c.referrals[0].id;
    const housing = await env.token(Role.DEPARTMENT, '370783', Department.HOUSING);
    const early = await env.gql(housing, ACK, { id });
    expect(early.data.acknowledgeReferral).toEqual({ referral: null, userErrors: [expect.objectContaining({ code: 'ILLEGAL_TRANSITION', field: ['id'] })] });
    const resolveEarly = await env.gql(housing, RESOLVE, { id, decision: 'APPROVED' });
    expect(resolveEarly.data.resolveReferral.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
  });

  it('lets exactly one of two concurrent transitions win', async () => {
    const c = await submit({ categories: ['EMPLOYMENT'] });
    const id = c.referrals[0].id;
    const employment = await env.token(Role.DEPARTMENT, '370783', Department.EMPLOYMENT);
    await claimAll(employment, Department.EMPLOYMENT);
    await env.gql(employment, ACK, { id });
    // Two requests for materials race (the second would be illegal once the first is in), then
    // three decisions race (only one may decide).
    const requests = await Promise.all([
      env.gql(employment, REQUEST_SUPPLEMENT, { id, materials: ['劳动合同'] }),
      env.gql(employment, REQUEST_SUPPLEMENT, { id, materials: ['失业证明'] }),
    ]);
    expect(requests.filter((r) => r.data.requestSupplement.userErrors.length === 0)).toHaveLength(1);
    expect(requests.map((r) => r.data.requestSupplement.userErrors[0]?.code).filter(Boolean)).toEqual(['ILLEGAL_TRANSITION']);
    const results = await Promise.all([
      env.gql(employment, RESOLVE, { id, decision: 'APPROVED' }),
      env.gql(employment, RESOLVE, { id, decision: 'REJECTED' }),
      env.gql(employment, RESOLVE, { id, decision: 'APPROVED', amountFen: 100 }),
    ]);
    const wins = results.filter((r) => r.data.resolveReferral.userErrors.length === 0);
    expect(wins).toHaveLength(1);
    expect(wins[0].data.resolveReferral.referral.outstandingMaterials).toEqual([]);
    const events = await env.running.services.uow.dataSource.query(
      "SELECT COUNT(*) AS n FROM timeline_events WHERE referral_id = ? AND type IN ('REFERRAL_RESOLVED', 'SUPPLEMENT_REQUESTED')",
      [id],
    );
    expect(Number(events[0].n)).toBe(2); // one SUPPLEMENT_REQUESTED, one REFERRAL_RESOLVED
  });

  it('withdraws a case: open referrals are cancelled and the case is WITHDRAWN', async () => {
    const input = application();
    const c = (await env.gql(clerk, SUBMIT, { input })).data.submitApplication.case;
    const res = await env.gql(clerk, WITHDRAW, { id: c.id, reason: '申请人撤回申请' });
    expect(res.data.withdrawCase.userErrors).toEqual([]);
    expect(res.data.withdrawCase.case.status).toBe('WITHDRAWN');
    expect(res.data.withdrawCase.case.referrals.every((r: any) => r.status === 'CANCELLED')).toBe(true);
    const again = await env.gql(clerk, WITHDRAW, { id: c.id, reason: '再次撤回' });
    expect(again.data.withdrawCase.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: ['id'] });
    // An unknown id answers like a case of another region: a clerk cannot probe which ids exist.
    const missing = await env.gql(clerk, WITHDRAW, { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', reason: '撤回' });
    expect(missing.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const blank = await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: c.id, materials: ['户口簿'] });
    expect(blank.data.provideSupplement.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: ['caseId'] });
    // The applicant may apply again once the case is no longer open.
    const fresh = await env.gql(clerk, SUBMIT, { input: application({ applicant: input.applicant }) });
    expect(fresh.data.submitApplication.userErrors).toEqual([]);
  });

  it('records TOLERANT materials at the window without pausing, and refuses materials nobody asked for', async () => {
    const c = await submit({ mode: 'TOLERANT', missingMaterials: ['户口簿', '银行流水'] });
    expect(c.missingMaterials).toEqual(['户口簿', '银行流水']);
    const unknown = await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: c.id, materials: ['户口簿', '结婚证'] });
    expect(unknown.data.provideSupplement).toEqual({
      case: null,
      userErrors: [expect.objectContaining({ code: 'UNKNOWN_MATERIAL', field: ['materials', '1'] })],
    });
    const ok = await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: c.id, materials: ['户口簿'] });
    expect(ok.data.provideSupplement.case.missingMaterials).toEqual(['银行流水']);
    expect(ok.data.provideSupplement.case.sla.pausedWorkingDays).toBe(0);
    expect(ok.data.provideSupplement.case.timeline.map((e: any) => e.type)).toContain('MATERIALS_PROVIDED');
    const empty = await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: c.id, materials: [] });
    expect(empty.data.provideSupplement.userErrors[0]).toMatchObject({ code: 'NO_MATERIALS', field: ['materials'] });
  });

  it('checks a decision: no negative amounts, no amount on a rejection, all problems at once', async () => {
    const c = await submit({ categories: ['CHARITY'] });
    const charity = await env.token(Role.DEPARTMENT, '370783', Department.CHARITY);
    const [r] = (await claimAll(charity, Department.CHARITY)).filter((x: any) => x.case.id === c.id);
    await env.gql(charity, ACK, { id: r.id });
    const negative = await env.gql(charity, RESOLVE, { id: r.id, decision: 'APPROVED', amountFen: -1, note: 'x'.repeat(1001) });
    expect(negative.data.resolveReferral.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['NEGATIVE_AMOUNT', 'amountFen'],
      ['TEXT_TOO_LONG', 'note'],
    ]);
    const rejected = await env.gql(charity, RESOLVE, { id: r.id, decision: 'REJECTED', amountFen: 500 });
    expect(rejected.data.resolveReferral.userErrors[0]).toMatchObject({ code: 'AMOUNT_NOT_ALLOWED', field: ['amountFen'] });
    const still = await env.gql(charity, `query($id: ID!) { referral(id: $id) { status outcome { decision } } }`, { id: r.id });
    expect(still.data.referral).toEqual({ status: 'IN_PROGRESS', outcome: null });
  });

  it('shows each mutation of one document the rows as it left them', async () => {
    const c = await submit({ categories: ['LEGAL_AID'] });
    const judicial = await env.token(Role.DEPARTMENT, '370783', Department.JUDICIAL);
    await claimAll(judicial, Department.JUDICIAL);
    const id = c.referrals[0].id;
    const res = await env.gql(
      judicial,
      `mutation($id: ID!) {
        a: acknowledgeReferral(id: $id) { referral { status outcome { decision } } userErrors { code } }
        b: resolveReferral(id: $id, decision: APPROVED) { referral { status outcome { decision } case { status } } userErrors { code } }
      }`,
      { id },
    );
    expect(res.data.a.referral).toEqual({ status: 'IN_PROGRESS', outcome: null });
    expect(res.data.b.referral).toEqual({ status: 'RESOLVED', outcome: { decision: 'APPROVED' }, case: { status: 'CLOSED' } });
  });
});
