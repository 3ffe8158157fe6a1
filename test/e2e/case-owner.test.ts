import { CaseOwner1763870400016 } from '../../migrations/1763870400016-case-owner';
import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, GraphqlResult, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT, WITHDRAW } from '../support/operations';

// 首问负责 (first-asked ownership): the accepting clerk owns the case, may hand it to another clerk
// with a reason (on the timeline), and lists the cases she owns. README "Ownership of a case".

const TRANSFER = `mutation Transfer($id: ID!, $to: String!, $reason: String!) {
  transferCaseOwnership(id: $id, to: $to, reason: $reason) {
    case { id owner status timeline { type actor note } }
    userErrors { field message code }
  }
}`;
const OWNER = `query Owner($id: ID!) { case(id: $id) { id owner } }`;
const OWNED = `query Owned($filter: CaseFilter, $after: String) {
  cases(filter: $filter, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id owner status sla { state } } } }
}`;
// The shared submission, asking for the owner too.
const SUBMIT_OWNED = SUBMIT.replace('id caseNo', 'id owner caseNo');
const UNKNOWN_CASE = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const OTHER_TOWNSHIP = '370783001'; // 圣城街道, same county

describeDb('first-asked ownership of a case (首问负责)', () => {
  let env: TestEnvironment;
  let clerkA: string;
  let clerkB: string;
  let colleague: string;
  let clerkElsewhere: string;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00' });
    clerkA = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-a');
    clerkB = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-b');
    colleague = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-c');
    clerkElsewhere = await env.token(Role.CLERK, OTHER_TOWNSHIP, undefined, 'clerk-001');
    admin = await env.token(Role.ADMIN, '', undefined, 'admin-1');
  });
  afterAll(() => env.close());

  async function submit(token: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; owner: string }> {
    const res = await env.gql(token, SUBMIT_OWNED, { input: application(overrides) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case;
  }
  const transfer = (token: string, id: string, to: string, reason: string) => env.gql(token, TRANSFER, { id, to, reason });
  const ownerOf = async (id: string) => (await env.gql(admin, OWNER, { id })).data.case.owner as string;
  const errorsOf = (res: GraphqlResult) => res.data.transferCaseOwnership.userErrors.map((e: any) => ({ code: e.code, field: e.field }));

  it('makes the accepting clerk the owner at intake', async () => {
    const c = await submit(clerkA);
    expect(c.owner).toBe('clerk-a');
    const [row] = await env.running.services.uow.dataSource.query('SELECT owner, created_by FROM cases WHERE id = ?', [c.id]);
    expect(row).toEqual({ owner: 'clerk-a', created_by: 'clerk-a' });
  });

  it('hands an open case to another clerk with a reason, on the timeline', async () => {
    const c = await submit(clerkA);
    const res = await transfer(clerkA, c.id, '  clerk-b ', '  本人调岗，由同事接手  ');
    expect(res.data.transferCaseOwnership.userErrors).toEqual([]);
    expect(res.data.transferCaseOwnership.case).toMatchObject({ id: c.id, owner: 'clerk-b', status: 'OPEN' });
    const last = res.data.transferCaseOwnership.case.timeline.at(-1);
    expect(last).toEqual({ type: 'CASE_OWNER_TRANSFERRED', actor: 'clerk-a', note: '负责人由 clerk-a 转交给 clerk-b；转交原因：本人调岗，由同事接手' });
    const [event] = await env.running.services.uow.dataSource.query("SELECT params FROM timeline_events WHERE case_id = ? AND type = 'CASE_OWNER_TRANSFERRED'", [c.id]);
    expect(JSON.parse(event.params)).toEqual({ from: 'clerk-a', to: 'clerk-b', reason: '本人调岗，由同事接手' });
    const en = await env.gql(clerkB, `query($id: ID!) { case(id: $id) { timeline { type note } } }`, { id: c.id }, { lang: 'en' });
    expect(en.data.case.timeline.at(-1)).toEqual({ type: 'CASE_OWNER_TRANSFERRED', note: 'ownership passed from clerk-a to clerk-b: 本人调岗，由同事接手' });

    // Any clerk of the township may hand it on (the owner may be away), and an administrator too.
    const onward = await transfer(colleague, c.id, 'clerk-c', '原负责人休假');
    expect(onward.data.transferCaseOwnership.userErrors).toEqual([]);
    const back = await transfer(admin, c.id, 'clerk-a', '原负责人返岗');
    expect(back.data.transferCaseOwnership.case.owner).toBe('clerk-a');
    const kinds = back.data.transferCaseOwnership.case.timeline.filter((e: any) => e.type === 'CASE_OWNER_TRANSFERRED');
    expect(kinds.map((e: any) => e.actor)).toEqual(['clerk-a', 'clerk-c', 'admin-1']);
  });

  it('names every bad input with its code and field, and writes nothing', async () => {
    const c = await submit(clerkA);
    const before = await env.rowCounts();
    const cases: Array<[string, string, Array<{ code: string; field: string[] }>]> = [
      ['', '调岗', [{ code: 'INVALID_OWNER', field: ['to'] }]],
      ['   ', '调岗', [{ code: 'INVALID_OWNER', field: ['to'] }]],
      ['x'.repeat(101), '调岗', [{ code: 'INVALID_OWNER', field: ['to'] }]],
      ['clerk\nb', '调岗', [{ code: 'INVALID_OWNER', field: ['to'] }]],
      ['clerk-b', '  ', [{ code: 'INVALID_REASON', field: ['reason'] }]],
      ['clerk-b', '因'.repeat(501), [{ code: 'INVALID_REASON', field: ['reason'] }]],
      ['', '', [{ code: 'INVALID_OWNER', field: ['to'] }, { code: 'INVALID_REASON', field: ['reason'] }]],
      ['clerk-a', '调岗', [{ code: 'SAME_OWNER', field: ['to'] }]],
      [' clerk-a ', '调岗', [{ code: 'SAME_OWNER', field: ['to'] }]],
    ];
    for (const [to, reason, expected] of cases) {
      const res = await transfer(clerkA, c.id, to, reason);
      expect({ to, reason, errors: errorsOf(res), case: res.data.transferCaseOwnership.case }).toEqual({ to, reason, errors: expected, case: null });
    }
    // The longest allowed input is fine.
    const longest = await transfer(clerkA, c.id, 'y'.repeat(100), '因'.repeat(500));
    expect(longest.data.transferCaseOwnership.userErrors).toEqual([]);
    const after = await env.rowCounts();
    expect(after).toEqual({ ...before, timeline_events: before.timeline_events + 1 });

    const messages = await transfer(clerkA, c.id, '', '');
    expect(messages.data.transferCaseOwnership.userErrors.map((e: any) => e.message)).toEqual([
      '请填写接手的窗口工作人员的用户账号（1–100个字符，不含换行）。',
      '请填写转交原因（1–500个字）。',
    ]);
  });

  it('answers a clerk of another township exactly as for an unknown id', async () => {
    const c = await submit(clerkA);
    const elsewhere = await transfer(clerkElsewhere, c.id, 'clerk-001', '越权转交');
    const unknown = await transfer(clerkElsewhere, UNKNOWN_CASE, 'clerk-001', '越权转交');
    expect(elsewhere.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect({ data: elsewhere.data, errors: elsewhere.errors }).toEqual({ data: unknown.data, errors: unknown.errors });
    // Even with bad input: the scope is answered first, so nothing tells the case exists.
    const bad = await transfer(clerkElsewhere, c.id, '', '');
    expect({ data: bad.data, errors: bad.errors }).toEqual({ data: unknown.data, errors: unknown.errors });
    expect(JSON.stringify(elsewhere.errors)).not.toMatch(/select|update|sqlite|mysql|maria|clerk-a/i);
    expect(await ownerOf(c.id)).toBe('clerk-a');

    // Other roles may not transfer at all; an administrator, who sees everything, is told there is no such case.
    for (const token of [await env.token(Role.DASHBOARD, TOWNSHIP.slice(0, 6)), await env.token(Role.DEPARTMENT, TOWNSHIP.slice(0, 6), Department.CIVIL_AFFAIRS)]) {
      expect((await transfer(token, c.id, 'clerk-b', '转交')).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    const byAdmin = await transfer(admin, UNKNOWN_CASE, 'clerk-b', '转交');
    expect(byAdmin.data.transferCaseOwnership).toEqual({ case: null, userErrors: [{ code: 'NOT_FOUND', field: ['id'], message: '找不到该案件。' }] });
  });

  it('refuses a case that is no longer open', async () => {
    const c = await submit(clerkA);
    expect((await env.gql(clerkA, WITHDRAW, { id: c.id, reason: '申请人撤回' })).data.withdrawCase.userErrors).toEqual([]);
    const res = await transfer(clerkA, c.id, 'clerk-b', '调岗');
    expect(res.data.transferCaseOwnership).toEqual({ case: null, userErrors: [{ code: 'ILLEGAL_TRANSITION', field: ['id'], message: '该案件已撤回，不能再办理。' }] });
    expect(await ownerOf(c.id)).toBe('clerk-a');
  });

  it('lists only the cases a clerk owns, in pages, and follows a transfer', async () => {
    const owner = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-list');
    const mine = [await submit(owner), await submit(owner), await submit(owner)];
    await submit(clerkB);
    const list = async (filter: Record<string, unknown>, token = clerkB) => {
      const ids: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const res: GraphqlResult = await env.gql(token, OWNED, { filter, after });
        expect(res.errors).toBeUndefined();
        total = res.data.cases.totalCount;
        for (const e of res.data.cases.edges) {
          expect(e.node.owner).toBe(filter.ownedBy);
          ids.push(e.node.id);
        }
        after = res.data.cases.pageInfo.hasNextPage ? res.data.cases.pageInfo.endCursor : null;
      } while (after);
      expect(ids).toHaveLength(total);
      return ids;
    };
    // Newest first, across pages of two; anyone who reads cases of the region may ask.
    expect(await list({ ownedBy: 'clerk-list' })).toEqual(mine.map((c) => c.id).reverse());
    expect(await list({ ownedBy: 'clerk-list', status: ['OPEN'], slaState: ['ON_TRACK'] }, owner)).toEqual(mine.map((c) => c.id).reverse());
    expect(await list({ ownedBy: 'clerk-list', slaState: ['OVERDUE', 'AT_RISK'] }, owner)).toEqual([]);
    expect(await list({ ownedBy: 'nobody' })).toEqual([]);

    await transfer(owner, mine[1].id, 'clerk-b', '调岗');
    expect(await list({ ownedBy: 'clerk-list', status: ['OPEN'] }, owner)).toEqual([mine[2].id, mine[0].id]);
    expect(await list({ ownedBy: 'clerk-b', status: ['OPEN'] })).toContain(mine[1].id);
    await env.gql(owner, WITHDRAW, { id: mine[0].id, reason: '申请人撤回' });
    expect(await list({ ownedBy: 'clerk-list', status: ['OPEN'] }, owner)).toEqual([mine[2].id]);

    // Outside one's region the filter changes nothing: none of those cases are listed.
    expect((await env.gql(clerkElsewhere, OWNED, { filter: { ownedBy: 'clerk-list' } })).data.cases.totalCount).toBe(0);
    const blank = await env.gql(owner, OWNED, { filter: { ownedBy: '  ' } });
    expect(blank.errors?.[0]).toMatchObject({ message: '负责人（ownedBy）应为1–100个字符的用户账号，不含换行。', extensions: { code: 'BAD_USER_INPUT', field: ['filter', 'ownedBy'] } });
  });

  it('fills the owner of existing cases from the accepting clerk when the migration runs', async () => {
    const dataSource = env.running.services.uow.dataSource;
    const c = await submit(clerkA);
    await transfer(clerkA, c.id, 'clerk-b', '调岗');
    // The migration taken back and run again by itself (later migrations do not touch the column).
    const migration = new CaseOwner1763870400016();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await expect(dataSource.query('SELECT owner FROM cases WHERE id = ?', [c.id])).rejects.toThrow();
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = await dataSource.query('SELECT owner, created_by FROM cases');
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.owner).toBe(row.created_by);
    expect(await ownerOf(c.id)).toBe('clerk-a');
    const nullable =
      env.db.kind === 'sqlite'
        ? (await dataSource.query('PRAGMA table_info(cases)')).find((col: any) => col.name === 'owner').notnull === 1
          ? 'NO'
          : 'YES'
        : (await dataSource.query("SELECT is_nullable AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'cases' AND column_name = 'owner'"))[0].n;
    expect(nullable).toBe('NO');
  });
});
