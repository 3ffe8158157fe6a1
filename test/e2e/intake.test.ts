import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { CASE, SUBMIT } from '../support/operations';
import { freshIdNumber } from '../support/people';

describeDb('submitApplication (一门受理)', () => {
  let env: TestEnvironment;
  let clerk: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00' });
    clerk = await env.token(Role.CLERK, TOWNSHIP);
  });
  afterAll(() => env.close());

  it('accepts one application and writes case, household, referrals and timeline together', async () => {
    const res = await env.gql(clerk, SUBMIT, { input: application() });
    expect(res.errors).toBeUndefined();
    const { case: c, userErrors } = res.data.submitApplication;
    expect(userErrors).toEqual([]);
    expect(c.caseNo).toMatch(/^370783104202603020\d{3}$/);
    expect(c.status).toBe('OPEN');
    expect(c.acceptedAt).toBe('2026-03-02T09:30:00.000+08:00');
    expect(c.household.map((m: any) => m.relation)).toEqual(['SELF', 'SPOUSE', 'CHILD']);
    expect(c.perCapitaMonthlyIncomeFen).toBe(20000);
    expect(c.referrals.map((r: any) => r.category).sort()).toEqual(['EDUCATION', 'MEDICAL', 'MINIMUM_LIVING']);
    expect(c.referrals.every((r: any) => r.status === 'PENDING')).toBe(true);
    // 15 working days after Monday 2026-03-02 (not counted): Monday 2026-03-23.
    expect(c.sla).toEqual({ state: 'ON_TRACK', dueDate: '2026-03-23', workingDaysUsed: 0, workingDaysLeft: 15, pausedWorkingDays: 0, provisional: false });
    expect(c.timeline[0].type).toBe('CASE_ACCEPTED');
    expect(c.timeline.slice(1).map((e: any) => e.type)).toEqual(['REFERRAL_CREATED', 'REFERRAL_CREATED', 'REFERRAL_CREATED']);
    expect(c.applicant.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('numbers cases per township and day, unique under concurrent submissions', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => env.gql(clerk, SUBMIT, { input: application() })));
    const numbers = results.map((r) => r.data.submitApplication.case.caseNo);
    expect(new Set(numbers).size).toBe(12);
  });

  it('returns the first case for a resubmission with the same key and writes nothing', async () => {
    const input = application();
    const first = await env.gql(clerk, SUBMIT, { input });
    const before = await env.running.services.uow.dataSource.query('SELECT COUNT(*) AS n FROM timeline_events');
    const again = await Promise.all([env.gql(clerk, SUBMIT, { input }), env.gql(clerk, SUBMIT, { input })]);
    const after = await env.running.services.uow.dataSource.query('SELECT COUNT(*) AS n FROM timeline_events');
    expect(again.map((r) => r.data.submitApplication.case.id)).toEqual([first.data.submitApplication.case.id, first.data.submitApplication.case.id]);
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('refuses the same key with a different input', async () => {
    const input = application();
    await env.gql(clerk, SUBMIT, { input });
    const res = await env.gql(clerk, SUBMIT, { input: { ...input, applicantMonthlyIncomeFen: 1 } });
    expect(res.data.submitApplication).toEqual({
      case: null,
      userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })],
    });
  });

  it('refuses a second open case for the same applicant, except in EMERGENCY mode', async () => {
    const first = application();
    await env.gql(clerk, SUBMIT, { input: first });
    const second = await env.gql(clerk, SUBMIT, { input: application({ applicant: first.applicant }) });
    expect(second.data.submitApplication.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_OPEN_CASE', field: ['input', 'applicant', 'idNumber'] }),
    ]);
    const emergency = await env.gql(clerk, SUBMIT, {
      input: application({ applicant: first.applicant, mode: 'EMERGENCY', emergencyAdvanceFen: 200000, hardship: { emergency: true } }),
    });
    expect(emergency.data.submitApplication.userErrors).toEqual([]);
    expect(emergency.data.submitApplication.case.emergencyAdvanceFen).toBe(200000);
  });

  it('lets exactly one of two concurrent submissions for one applicant open a case', async () => {
    const applicant = { name: '赵六', idNumber: freshIdNumber('19700101') };
    const results = await Promise.all([0, 1, 2].map(() => env.gql(clerk, SUBMIT, { input: application({ applicant }) })));
    const codes = results.map((r) => r.data.submitApplication.userErrors.map((e: any) => e.code).join());
    expect(codes.filter((c) => c === '').length).toBe(1);
    expect(codes.filter((c) => c === 'DUPLICATE_OPEN_CASE').length).toBe(2);
  });

  it('reads the case back with case(id)', async () => {
    const sub = await env.gql(clerk, SUBMIT, { input: application() });
    const res = await env.gql(clerk, CASE, { id: sub.data.submitApplication.case.id });
    expect(res.data.case.caseNo).toBe(sub.data.submitApplication.case.caseNo);
  });
});
