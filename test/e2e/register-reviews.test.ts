import { Department, Role } from '../../src/access/roles';
import { ReviewScheduler } from '../../src/register/review/review-scheduler';
import { createTestEnvironment, TestEnvironment, NOTICE_OUTSIDE_HUB } from '../support/environment';
import { describeDb } from '../support/test-database';
import { freshIdNumber } from '../support/people';
import { approvedCase } from '../support/register-decision';
import { CASE_REGISTER, RECORD_REVIEW, REGISTER_HOUSEHOLD, REGISTER_REVIEWS, expectCountsAgree } from '../support/register-operations';

// 定期复核 end to end: a household entered by a decision falls due for review, the review job makes
// its task once (however many runs, however late), warns it AT_RISK then OVERDUE, and the
// township's outcome moves the register on.

describeDb('periodic reviews of the low-income register (定期复核)', () => {
  let env: TestEnvironment;
  let clerk: string;
  let civil: string;
  let medical: string;
  let dashboard: string;
  let elsewhere: string;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await env.token(Role.CLERK, '370783104', undefined, 'clerk-taitou');
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-sys');
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL, 'medical-sys');
    dashboard = await env.token(Role.DASHBOARD, '370783');
    elsewhere = await env.token(Role.CLERK, '370783001');
    admin = await env.token(Role.ADMIN, '');
  });
  afterAll(async () => {
    // Whatever the file did to the register, the writer's counts followed it.
    await expectCountsAgree(env.running.services.uow.dataSource);
    await env.close();
  });

  const run = () => env.running.services.reviewScheduler.run();

  /** A one-person 特困 household approved today (reviewed every 3 months); its register id. */
  async function extremePovertyHousehold(name: string, idNumber = freshIdNumber('19480101')): Promise<string> {
    const c = await approvedCase(env, clerk, civil, { applicant: { name, idNumber }, household: [], applicantMonthlyIncomeFen: 0, categories: ['EXTREME_POVERTY'] }, 'EXTREME_POVERTY', 120_000);
    return (await env.gql(clerk, CASE_REGISTER, { id: c.id })).data.case.registerHousehold.id;
  }

  async function tasksOf(householdId: string, token = clerk, extra: Record<string, unknown> = {}) {
    const res = await env.gql(token, REGISTER_REVIEWS, { filter: { householdId, status: ['OPEN', 'DONE', 'SUPERSEDED'], ...extra } });
    expect(res.errors).toBeUndefined();
    return res.data.registerReviews;
  }

  async function record(input: Record<string, unknown>, token = clerk) {
    const res = await env.gql(token, RECORD_REVIEW, { input });
    expect(res.errors).toBeUndefined();
    return res.data.recordReviewOutcome;
  }

  let first: string;
  let firstTask: string;

  it('makes one task per household when its review falls due, however many runs and however late, with its deadline counted from the due date', async () => {
    const firstId = freshIdNumber('19480101');
    first = await extremePovertyHousehold('孙桂兰', firstId);
    expect((await env.gql(clerk, REGISTER_HOUSEHOLD, { id: first })).data.registerHousehold.nextReviewDate).toBe('2026-06-02');

    env.clock.set('2026-06-01T20:00:00+08:00');
    await run();
    expect((await tasksOf(first)).totalCount).toBe(0);

    // The job was down until the 10th; then two schedulers (as two hub processes would) and a
    // second run of the first all at once.
    env.clock.set('2026-06-10T08:00:00+08:00');
    const s = env.running.services;
    const other = new ReviewScheduler(s.uow, s.calendar, s.sla, env.clock);
    const runs = await Promise.all([run(), other.run(), run()]);
    expect(runs.reduce((n, r) => n + r.created, 0)).toBe(1);
    const rows = await s.uow.dataSource.query('SELECT COUNT(*) AS n FROM register_reviews WHERE household_id = ?', [first]);
    expect(Number(rows[0].n)).toBe(1);

    const listed = await tasksOf(first);
    expect(listed.totalCount).toBe(1);
    const task = listed.edges[0].node;
    firstTask = task.id;
    // 20 working days after 2026-06-02 on the official calendar (端午节 6/19 off): 2026-07-01,
    // not 20 working days after the late run.
    expect(task).toMatchObject({
      tier: 'EXTREME_POVERTY',
      townshipName: '台头镇',
      dueDate: '2026-06-02',
      deadlineDate: '2026-07-01',
      deadlineProvisional: false,
      status: 'OPEN',
      outcome: null,
      slaState: 'ON_TRACK',
      workingDaysLeft: 14,
      atRiskAt: null,
      household: { id: first, tier: 'EXTREME_POVERTY', nextReviewDate: '2026-06-02' },
    });
    // The task list is a browsing read: identity numbers masked; one task read by id shows them whole.
    const members = `members { idNumber }`;
    const listed2 = await env.gql(clerk, `query { registerReviews(filter: { status: [OPEN] }) { edges { node { id household { ${members} } } } } }`);
    const mine = listed2.data.registerReviews.edges.find((e: any) => e.node.id === firstTask).node;
    expect(mine.household.members[0].idNumber).not.toBe(firstId);
    expect(mine.household.members[0].idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const byId = await env.gql(clerk, `query($id: ID!) { registerReview(id: $id) { household { ${members} } } }`, { id: firstTask });
    expect(byId.data.registerReview.household.members[0].idNumber).toBe(firstId);
    // The household page shows its tasks.
    const page = await env.gql(civil, `query H($id: ID!) { registerHousehold(id: $id) { reviews { id status dueDate } } }`, { id: first });
    expect(page.data.registerHousehold.reviews).toEqual([{ id: firstTask, status: 'OPEN', dueDate: '2026-06-02' }]);
  });

  it('warns AT_RISK and then OVERDUE once each, and lists tasks by state', async () => {
    env.clock.set('2026-06-25T09:00:00+08:00');
    await run();
    expect((await tasksOf(first)).edges[0].node).toMatchObject({ slaState: 'ON_TRACK', workingDaysLeft: 4, atRiskAt: null });

    env.clock.set('2026-06-26T09:00:00+08:00');
    expect((await run()).atRisk).toBeGreaterThanOrEqual(1);
    const risky = (await tasksOf(first)).edges[0].node;
    expect(risky).toMatchObject({ slaState: 'AT_RISK', workingDaysLeft: 3, atRiskAt: '2026-06-26T09:00:00.000+08:00' });
    env.clock.set('2026-06-26T15:00:00+08:00');
    await run();
    expect((await tasksOf(first)).edges[0].node.atRiskAt).toBe('2026-06-26T09:00:00.000+08:00');
    expect((await tasksOf(first, clerk, { slaState: ['AT_RISK'], status: null })).totalCount).toBe(1);
    expect((await tasksOf(first, clerk, { slaState: ['ON_TRACK', 'OVERDUE'], status: null })).totalCount).toBe(0);

    env.clock.set('2026-07-02T09:00:00+08:00');
    await run();
    expect((await tasksOf(first)).edges[0].node).toMatchObject({ slaState: 'OVERDUE', workingDaysLeft: -1, overdueAt: '2026-07-02T09:00:00.000+08:00' });
    expect((await tasksOf(first, clerk, { slaState: ['OVERDUE'], status: null })).totalCount).toBe(1);
    // A dashboard reads the tasks of its county.
    expect((await tasksOf(first, dashboard, { slaState: ['OVERDUE'], status: null })).totalCount).toBe(1);
  });

  it('refuses bad outcomes field by field and writes nothing; outside the region or without the right it is FORBIDDEN', async () => {
    const changed = await record({ reviewId: firstTask, outcome: 'TIER_CHANGED', completedOn: '2026-07-03', note: 'x'.repeat(501) });
    expect(changed.review).toBeNull();
    expect(changed.userErrors.map((e: any) => [e.code, e.field])).toEqual([
      ['DATE_IN_FUTURE', ['input', 'completedOn']],
      ['NOTE_TOO_LONG', ['input', 'note']],
      ['TIER_REQUIRED', ['input', 'tier']],
      ['INCOME_REQUIRED', ['input', 'perCapitaIncomeFen']],
    ]);
    expect((await record({ reviewId: firstTask, outcome: 'EXITED' })).userErrors.map((e: any) => e.code)).toEqual(['EXIT_REASON_REQUIRED']);
    expect((await record({ reviewId: firstTask, outcome: 'EXITED', exitReason: 'OTHER', note: ' ' })).userErrors.map((e: any) => [e.code, e.field])).toEqual([['NOTE_REQUIRED', ['input', 'note']]]);
    expect((await record({ reviewId: firstTask, outcome: 'CONTINUED', tier: 'WATCHED', exitReason: 'DECEASED' })).userErrors.map((e: any) => [e.code, e.field])).toEqual([
      ['NOT_FOR_OUTCOME', ['input', 'tier']],
      ['NOT_FOR_OUTCOME', ['input', 'exitReason']],
    ]);
    expect((await record({ reviewId: firstTask, outcome: 'TIER_CHANGED', tier: 'EXTREME_POVERTY', perCapitaIncomeFen: 0 })).userErrors.map((e: any) => [e.code, e.field])).toEqual([['TIER_UNCHANGED', ['input', 'tier']]]);
    expect((await record({ reviewId: firstTask, outcome: 'CONTINUED', completedOn: '2026-03-01' })).userErrors.map((e: any) => [e.code, e.field])).toEqual([['DATE_BEFORE_TIER', ['input', 'completedOn']]]);

    for (const token of [medical, dashboard, elsewhere]) {
      const res = await env.gql(token, RECORD_REVIEW, { input: { reviewId: firstTask, outcome: 'CONTINUED' } });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // Another township's clerk sees neither the task nor that it exists.
    expect((await env.gql(elsewhere, `query R($id: ID!) { registerReview(id: $id) { id } }`, { id: firstTask })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await env.gql(elsewhere, `query R($id: ID!) { registerReview(id: $id) { id } }`, { id: '01JUNKNOWN0000000000000000' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await env.gql(medical, REGISTER_REVIEWS, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const still = (await tasksOf(first)).edges[0].node;
    expect(still).toMatchObject({ status: 'OPEN', outcome: null, household: { nextReviewDate: '2026-06-02' } });
  });

  it('continued: the task is done (late: MISSED) and the next review moves on by the tier\'s interval from the day of the review', async () => {
    const done = await record({ reviewId: firstTask, outcome: 'CONTINUED', completedOn: '2026-07-02', note: '入户核查，情况无变化' });
    expect(done.userErrors).toEqual([]);
    expect(done.review).toMatchObject({
      status: 'DONE',
      outcome: 'CONTINUED',
      completedOn: '2026-07-02',
      completedBy: 'clerk-taitou',
      note: '入户核查，情况无变化',
      slaState: 'MISSED',
      household: { tier: 'EXTREME_POVERTY', nextReviewDate: '2026-10-02' },
    });
    const again = await record({ reviewId: firstTask, outcome: 'CONTINUED' });
    expect(again.userErrors.map((e: any) => [e.code, e.field])).toEqual([['REVIEW_NOT_OPEN', ['input', 'reviewId']]]);
    const h = (await env.gql(civil, REGISTER_HOUSEHOLD, { id: first })).data.registerHousehold;
    expect(h.tiers.map((t: any) => [t.tier, t.effectiveTo, t.nextReviewDate])).toEqual([['EXTREME_POVERTY', null, '2026-10-02']]);
    expect((await tasksOf(first, clerk, { slaState: ['MISSED'], status: null })).totalCount).toBe(1);
    expect((await tasksOf(first, clerk, { slaState: ['MET'], status: null })).totalCount).toBe(0);
  });

  it('tier changed: the next period\'s task starts a new tier with its basis, ending the old one on that day', async () => {
    env.clock.set('2026-10-09T10:00:00+08:00');
    await run();
    const open = (await tasksOf(first, civil, { status: ['OPEN'] })).edges.map((e: any) => e.node);
    expect(open).toHaveLength(1);
    // After 国庆 (10/1–10/7 off, 10/10 worked): 20 working days from 10/02.
    expect(open[0]).toMatchObject({ dueDate: '2026-10-02', deadlineDate: '2026-11-03', slaState: 'ON_TRACK' });

    const changed = await record({ reviewId: open[0].id, outcome: 'TIER_CHANGED', tier: 'MINIMUM_LIVING', perCapitaIncomeFen: 30_000, monthlyAmountFen: 50_000, note: '子女外出务工，收入有所增加' }, civil);
    expect(changed.userErrors).toEqual([]);
    expect(changed.review).toMatchObject({ status: 'DONE', outcome: 'TIER_CHANGED', completedOn: '2026-10-09', slaState: 'MET', household: { tier: 'MINIMUM_LIVING', nextReviewDate: '2027-10-09' } });
    expect(changed.review.newTier).toMatchObject({
      tier: 'MINIMUM_LIVING',
      effectiveFrom: '2026-10-09',
      effectiveTo: null,
      perCapitaIncomeFen: 30_000,
      standardFen: 83_800,
      source: 'REVIEW',
      monthlyAmountFen: 50_000,
      nextReviewDate: '2027-10-09',
      createdBy: 'civil-sys',
    });
    expect(changed.review.newTier.reasons).toEqual(['定期复核（应复核日期2026-10-02）调整为低保对象', '复核意见：子女外出务工，收入有所增加']);
    const h = (await env.gql(civil, REGISTER_HOUSEHOLD, { id: first })).data.registerHousehold;
    expect(h.tiers.map((t: any) => [t.tier, t.effectiveFrom, t.effectiveTo, t.source])).toEqual([
      ['MINIMUM_LIVING', '2026-10-09', null, 'REVIEW'],
      ['EXTREME_POVERTY', '2026-03-02', '2026-10-09', 'DECISION'],
    ]);
  });

  it('exited: the tier ends on the day of the review with its reason and the household has no next review', async () => {
    const second = await extremePovertyHousehold('周德厚');
    env.clock.set('2027-01-12T09:00:00+08:00');
    await run();
    const task = (await tasksOf(second)).edges[0].node;
    // 2027's calendar is not published here: the deadline counts plain weekdays and says so.
    expect(task).toMatchObject({ dueDate: '2027-01-09', deadlineDate: '2027-02-05', deadlineProvisional: true });
    // Once 2027 is published (here with a day off on Monday 2027-02-01), the open task's deadline follows it.
    const published = await env.gql(admin, `mutation($year: Int!, $days: [CalendarDayInput!]!) { publishWorkingCalendar(year: $year, days: $days) { date } }`, {
      year: 2027,
      days: [{ date: '2027-02-01', workday: false, name: '测试休息日' }],
    });
    expect(published.errors).toBeUndefined();
    expect((await tasksOf(second)).edges[0].node).toMatchObject({ id: task.id, deadlineDate: '2027-02-08', deadlineProvisional: false });
    const exited = await record({ reviewId: task.id, outcome: 'EXITED', exitReason: 'DECEASED', note: '本人已于2027年1月5日去世' });
    expect(exited.userErrors).toEqual([]);
    expect(exited.review.household).toMatchObject({ tier: null, nextReviewDate: null });
    const h = (await env.gql(civil, REGISTER_HOUSEHOLD, { id: second })).data.registerHousehold;
    expect(h.tiers[0]).toMatchObject({ tier: 'EXTREME_POVERTY', effectiveTo: '2027-01-12', exitReason: 'DECEASED', exitNote: '本人已于2027年1月5日去世' });
    // No tier, nothing to review: later runs make no task for it.
    env.clock.set('2027-06-01T09:00:00+08:00');
    await run();
    expect((await tasksOf(second)).totalCount).toBe(1);
  });

  it('a decision that ends the tier under review supersedes its open task', async () => {
    const idNumber = freshIdNumber('19520202');
    const third = await extremePovertyHousehold('吴春花', idNumber);
    env.clock.set('2027-09-02T09:00:00+08:00');
    await run();
    const task = (await tasksOf(third)).edges[0].node;
    expect(task).toMatchObject({ status: 'OPEN', dueDate: '2027-09-01' });

    await approvedCase(env, clerk, civil, { applicant: { name: '吴春花', idNumber }, household: [], applicantMonthlyIncomeFen: 10_000, categories: ['MINIMUM_LIVING'] }, 'MINIMUM_LIVING', 60_000);
    const after = (await tasksOf(third)).edges[0].node;
    expect(after).toMatchObject({ id: task.id, status: 'SUPERSEDED', slaState: null, household: { tier: 'MINIMUM_LIVING', nextReviewDate: '2028-09-02' } });
    expect((await record({ reviewId: task.id, outcome: 'CONTINUED' })).userErrors[0].code).toBe('REVIEW_NOT_OPEN');
    await run();
    expect((await tasksOf(third)).totalCount).toBe(1);
  });

  it('counts the register by tier and township, and the reviews done on time, for the dashboard', async () => {
    const FIGURES = `query F($regionCode: String, $from: Date, $to: Date) { registerFigures(regionCode: $regionCode, from: $from, to: $to) {
      byTier { tier households people } byTownship { townshipCode townshipName households people byTier { tier households } }
      reviews { onTrack atRisk overdue doneOnTime doneLate } } }`;
    const all = await env.gql(dashboard, FIGURES, {});
    expect(all.errors).toBeUndefined();
    expect(all.data.registerFigures).toEqual({
      byTier: [{ tier: 'MINIMUM_LIVING', households: 2, people: 2 }],
      byTownship: [{ townshipCode: '370783104', townshipName: '台头镇', households: 2, people: 2, byTier: [{ tier: 'MINIMUM_LIVING', households: 2 }] }],
      // The first task late, the next two on time; the superseded one counts nowhere.
      reviews: { onTrack: 0, atRisk: 0, overdue: 0, doneOnTime: 2, doneLate: 1 },
    });
    // The list's count of a county comes from the writer's per-county counts (and the few out of every tier).
    const counted = async (filter: Record<string, unknown>) => (await env.gql(dashboard, 'query($f: RegisterFilter) { registerHouseholds(filter: $f, first: 1) { totalCount } }', { f: filter })).data.registerHouseholds.totalCount;
    expect(await counted({})).toBe(3);
    expect(await counted({ tier: ['MINIMUM_LIVING'] })).toBe(2);
    expect(await counted({ tier: ['EXTREME_POVERTY', 'WATCHED'] })).toBe(0);
    expect(await counted({ regionCode: '370783104' })).toBe(3);
    expect(await counted({ regionCode: '370783001' })).toBe(0);
    const autumn = await env.gql(dashboard, FIGURES, { from: '2026-10-01', to: '2026-12-31' });
    expect(autumn.data.registerFigures.reviews).toMatchObject({ doneOnTime: 1, doneLate: 0 });
    expect((await env.gql(dashboard, FIGURES, { regionCode: '370783001' })).data.registerFigures.byTier).toEqual([]);
    const reversed = await env.gql(dashboard, FIGURES, { from: '2026-12-31', to: '2026-10-01' });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['from'] });
    expect((await env.gql(medical, FIGURES, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await env.gql(dashboard, FIGURES, { regionCode: '3101' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
