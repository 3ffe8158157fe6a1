import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP, NOTICE_OUTSIDE_HUB } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';
import { CASE_REGISTER, REGISTER_HOUSEHOLD, REGISTER_HOUSEHOLDS, expectCountsAgree } from '../support/register-operations';

describeDb('the low-income register filled by civil-affairs decisions', () => {
  let env: TestEnvironment;
  let clerk: string;
  let civil: string;
  let medical: string;
  let dashboard: string;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await env.token(Role.CLERK, TOWNSHIP);
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-sys');
    medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL, 'medical-sys');
    dashboard = await env.token(Role.DASHBOARD, '370783');
    admin = await env.token(Role.ADMIN, '');
  });
  afterAll(async () => {
    // Whatever the file did to the register, the writer's counts followed it.
    await expectCountsAgree(env.running.services.uow.dataSource);
    await env.close();
  });

  async function submit(overrides: Record<string, unknown> = {}) {
    const res = await env.gql(clerk, SUBMIT, { input: application(overrides) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case;
  }

  /** Claims, acknowledges and decides the case's referral of `category` as civil affairs. */
  async function decide(c: any, category: string, decision: 'APPROVED' | 'REJECTED', amountFen: number | null = null, token = civil, department = Department.CIVIL_AFFAIRS) {
    const ref = c.referrals.find((r: any) => r.category === category);
    await env.gql(token, CLAIM, { department, limit: 100 });
    expect((await env.gql(token, ACK, { id: ref.id })).data.acknowledgeReferral.userErrors).toEqual([]);
    const res = await env.gql(token, RESOLVE, { id: ref.id, decision, amountFen, note: decision === 'APPROVED' ? '经入户调查属实' : null });
    expect(res.data.resolveReferral.userErrors).toEqual([]);
  }

  it('enters an approved 低保 household with its members, basis and review date, and points case and household at each other', async () => {
    const applicantId = freshIdNumber('19780312');
    const c = await submit({ applicant: { name: '王秀英', idNumber: applicantId, phone: '13800138000' } });
    await decide(c, 'MINIMUM_LIVING', 'APPROVED', 45_000);

    const linked = await env.gql(clerk, CASE_REGISTER, { id: c.id });
    expect(linked.data.case.townshipName).toBe('台头镇');
    const householdId = linked.data.case.registerHousehold.id;
    expect(linked.data.case.registerHousehold.tier).toBe('MINIMUM_LIVING');

    const read = await env.gql(clerk, REGISTER_HOUSEHOLD, { id: householdId });
    const h = read.data.registerHousehold;
    expect(h).toMatchObject({ townshipCode: TOWNSHIP, townshipName: '台头镇', countyName: '寿光市', headName: '王秀英', memberCount: 3, tier: 'MINIMUM_LIVING', tierSince: '2026-03-02' });
    expect(h.members.map((m: any) => [m.name, m.relation, m.leftOn])).toEqual([['王秀英', 'SELF', null], ['李强', 'SPOUSE', null], ['李小明', 'CHILD', null]]);
    // Read by id by the window: whole, and logged.
    expect(h.members[0].idNumber).toBe(applicantId);
    expect(h.cases.map((x: any) => x.id)).toEqual([c.id]);
    expect(h.tiers).toHaveLength(1);
    expect(h.tiers[0]).toMatchObject({
      tier: 'MINIMUM_LIVING',
      effectiveFrom: '2026-03-02',
      effectiveTo: null,
      perCapitaIncomeFen: 20_000,
      standardFen: 83_800,
      source: 'DECISION',
      monthlyAmountFen: 45_000,
      // No labour-capable member out of work: the stable household's 12 months.
      nextReviewDate: '2027-03-02',
      createdBy: 'civil-sys',
      case: { id: c.id },
    });
    expect(h.tiers[0].reasons).toEqual(['家庭3人，月人均收入200.00元，低于农村低保标准838.00元（山东省2024年平均标准）。', '民政部门意见：经入户调查属实']);
    const logged = await env.running.services.uow.dataSource.query("SELECT COUNT(*) AS n FROM access_log WHERE person_id = ? AND purpose = 'READ_ID_NUMBER'", [h.members[0].id]);
    expect(Number(logged[0].n)).toBe(1);
  });

  it('a later decision ends the old tier and starts the new one; nothing is overwritten', async () => {
    const applicantId = freshIdNumber('19500101');
    const first = await submit({ applicant: { name: '赵大山', idNumber: applicantId }, household: [], applicantMonthlyIncomeFen: 10_000, categories: ['MINIMUM_LIVING'] });
    await decide(first, 'MINIMUM_LIVING', 'APPROVED', 60_000);
    env.clock.set('2026-06-15T10:00:00+08:00');
    const second = await submit({ applicant: { name: '赵大山', idNumber: applicantId }, household: [], applicantMonthlyIncomeFen: 0, categories: ['EXTREME_POVERTY'] });
    await decide(second, 'EXTREME_POVERTY', 'APPROVED', 120_000);

    const found = await env.gql(civil, REGISTER_HOUSEHOLDS, { filter: { idNumber: applicantId } });
    expect(found.data.registerHouseholds.totalCount).toBe(1);
    const id = found.data.registerHouseholds.edges[0].node.id;
    const h = (await env.gql(civil, REGISTER_HOUSEHOLD, { id })).data.registerHousehold;
    expect(h).toMatchObject({ tier: 'EXTREME_POVERTY', tierSince: '2026-06-15', nextReviewDate: '2026-09-15', memberCount: 1 });
    expect(h.tiers.map((t: any) => [t.tier, t.effectiveFrom, t.effectiveTo, t.monthlyAmountFen])).toEqual([
      ['EXTREME_POVERTY', '2026-06-15', null, 120_000],
      ['MINIMUM_LIVING', '2026-03-02', '2026-06-15', 60_000],
    ]);
    expect(h.tiers[0].reasons[0]).toContain('三无');
    expect(h.cases.map((x: any) => x.id)).toEqual([second.id, first.id]);
    env.clock.set('2026-03-02T09:30:00+08:00');
  });

  it('enters nothing for a rejection or for another department\'s approval', async () => {
    const before = await env.rowCounts();
    const c = await submit();
    await decide(c, 'MINIMUM_LIVING', 'REJECTED');
    await decide(c, 'MEDICAL', 'APPROVED', 10_000, medical, Department.MEDICAL);
    const after = await env.rowCounts();
    expect(after.register_households).toBe(before.register_households);
    expect(after.register_tiers).toBe(before.register_tiers);
    expect((await env.gql(clerk, CASE_REGISTER, { id: c.id })).data.case.registerHousehold).toBeNull();
  });

  it('reads the register by role and region: masked in lists and for dashboards, refused to other departments', async () => {
    const list = await env.gql(clerk, REGISTER_HOUSEHOLDS, { filter: { tier: ['MINIMUM_LIVING'] }, first: 100 });
    expect(list.errors).toBeUndefined();
    const nodes = list.data.registerHouseholds.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => n.tier === 'MINIMUM_LIVING' && n.townshipName === '台头镇')).toBe(true);
    expect(nodes.flatMap((n: any) => n.members).every((m: any) => /^\d{6}\*{8}[\dX]{4}$/.test(m.idNumber))).toBe(true);

    const id = nodes[0].id;
    const seen = await env.gql(dashboard, REGISTER_HOUSEHOLD, { id });
    expect(seen.data.registerHousehold.members.every((m: any) => m.idNumber.includes('*'))).toBe(true);

    const refused = await env.gql(medical, REGISTER_HOUSEHOLDS, {});
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await env.gql(medical, REGISTER_HOUSEHOLD, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Another township's clerk: FORBIDDEN for this household and for an unknown one alike.
    const elsewhere = await env.token(Role.CLERK, '370783100');
    expect((await env.gql(elsewhere, REGISTER_HOUSEHOLD, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await env.gql(elsewhere, REGISTER_HOUSEHOLD, { id: '01ZZZZZZZZZZZZZZZZZZZZZZZZ' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await env.gql(elsewhere, REGISTER_HOUSEHOLDS, {})).data.registerHouseholds.totalCount).toBe(0);
    expect((await env.gql(admin, REGISTER_HOUSEHOLD, { id: '01ZZZZZZZZZZZZZZZZZZZZZZZZ' })).data.registerHousehold).toBeNull();
    const outside = await env.gql(clerk, REGISTER_HOUSEHOLDS, { filter: { regionCode: '370784' } });
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('pages the register by keyset and names a bad filter field', async () => {
    const all = await env.gql(admin, REGISTER_HOUSEHOLDS, { first: 100 });
    const ids = all.data.registerHouseholds.edges.map((e: any) => e.node.id);
    const page1 = await env.gql(admin, REGISTER_HOUSEHOLDS, { first: 1 });
    expect(page1.data.registerHouseholds.pageInfo.hasNextPage).toBe(ids.length > 1);
    const page2 = await env.gql(admin, REGISTER_HOUSEHOLDS, { first: 100, after: page1.data.registerHouseholds.pageInfo.endCursor });
    expect([page1.data.registerHouseholds.edges[0].node.id, ...page2.data.registerHouseholds.edges.map((e: any) => e.node.id)]).toEqual(ids);

    const bad = await env.gql(admin, REGISTER_HOUSEHOLDS, { filter: { idNumber: '370783' } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.field).toEqual(['filter', 'idNumber']);
    const due = await env.gql(admin, REGISTER_HOUSEHOLDS, { filter: { reviewDueBy: '2026-12-31' } });
    expect(due.data.registerHouseholds.edges.every((e: any) => e.node.nextReviewDate <= '2026-12-31')).toBe(true);
    expect(due.data.registerHouseholds.totalCount).toBeGreaterThan(0);
    // Earliest review first, and paged in that order by cursor.
    const dates = due.data.registerHouseholds.edges.map((e: any) => e.node.nextReviewDate);
    expect(dates).toEqual([...dates].sort());
    const one = await env.gql(admin, REGISTER_HOUSEHOLDS, { filter: { reviewDueBy: '2026-12-31' }, first: 1 });
    const rest = await env.gql(admin, REGISTER_HOUSEHOLDS, { filter: { reviewDueBy: '2026-12-31' }, first: 100, after: one.data.registerHouseholds.pageInfo.endCursor });
    expect([...one.data.registerHouseholds.edges, ...rest.data.registerHouseholds.edges].map((e: any) => e.node.id)).toEqual(due.data.registerHouseholds.edges.map((e: any) => e.node.id));
  });

  it('counts the list only when totalCount is asked for, from the per-county counts', async () => {
    const statements = async (query: string) => {
      const before = env.running.statements.count;
      const res = await env.gql(admin, query, { first: 5 });
      expect(res.errors).toBeUndefined();
      return { n: env.running.statements.count - before, data: res.data.registerHouseholds };
    };
    const withCount = await statements('query($first: Int) { registerHouseholds(first: $first) { totalCount edges { node { id } } } }');
    const without = await statements('query($first: Int) { registerHouseholds(first: $first) { edges { node { id } } } }');
    expect(withCount.data.totalCount).toBeGreaterThan(0);
    // The whole country's count: the writer's per-county counts, and the households out of every tier.
    expect(without.n).toBe(withCount.n - 2);
  });
});
