import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';
import { Writable } from 'node:stream';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { createHub } from '../../src/server';
import { TEST_DATA_KEY, TEST_JWT_SECRET } from '../support/environment';

const PUBLISH = `mutation($year: Int!, $days: [CalendarDayInput!]!) { publishWorkingCalendar(year: $year, days: $days) { date workday name } }`;

describeDb('working calendar: shipped years, arithmetic, publication, provisional due dates', () => {
  let env: TestEnvironment;
  let admin: string;
  let clerk: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-12-10T09:00:00+08:00' });
    admin = await env.token(Role.ADMIN, '');
    clerk = await env.token(Role.CLERK, TOWNSHIP);
  });
  afterAll(() => env.close());

  it('ships 2025 and 2026 as the State Council published them', async () => {
    const res = await env.gql(clerk, '{ y2026: workingCalendar(year: 2026) { date workday name } y2025: workingCalendar(year: 2025) { date workday } }');
    expect(res.data.y2026).toHaveLength(365);
    const day = (date: string) => res.data.y2026.find((d: any) => d.date === date);
    expect(day('2026-02-16')).toEqual({ date: '2026-02-16', workday: false, name: '春节' });
    expect(day('2026-02-14')).toMatchObject({ workday: true }); // Saturday make-up day
    expect(day('2026-10-08')).toMatchObject({ workday: true });
    expect(res.data.y2026.filter((d: any) => d.workday)).toHaveLength(248);
    expect(res.data.y2025.filter((d: any) => d.workday)).toHaveLength(248);
  });

  it('adds working days across holidays', async () => {
    const res = await env.gql(clerk, `{
      a: addWorkingDays(from: "2025-09-30", days: 1)
      b: addWorkingDays(from: "2026-09-30", days: 15)
      c: addWorkingDays(from: "2026-03-02", days: 0)
    }`);
    expect(res.data).toEqual({ a: '2025-10-09', b: '2026-10-27', c: '2026-03-02' });
    const bad = await env.gql(clerk, 'query($from: Date!) { addWorkingDays(from: $from, days: 1) }', { from: '2026-02-30' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toContain('应为真实存在的日期'); // zh-CN by default (English: 'real calendar date')
    // The same mistake written into the document itself fails validation (GraphQL's own code).
    const literal = await env.gql(clerk, '{ addWorkingDays(from: "2026-02-30", days: 1) }');
    expect(literal.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const edge = await env.gql(clerk, '{ addWorkingDays(from: "9999-12-30", days: 5) }');
    expect(edge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['days'] });
    const tooFar = await env.gql(clerk, '{ addWorkingDays(from: "2026-03-02", days: 99999) }');
    expect(tooFar.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['days'] });
  });

  it('marks a due date in an unpublished year provisional, and recomputes it when the year is published', async () => {
    // 2026-12-10 + 15 working days ends on 2026-12-31; from 2026-12-24 it reaches January 2027 (unpublished).
    const sub = await env.gql(clerk, SUBMIT, { input: application({ categories: ['HOUSING'], hardship: { unsafeHousing: true } }) });
    const before = sub.data.submitApplication.case.referrals[0].sla;
    expect(before).toMatchObject({ dueDate: '2026-12-31', provisional: false });
    env.clock.set('2026-12-24T09:00:00+08:00');
    const late = await env.gql(clerk, SUBMIT, { input: application({ categories: ['HOUSING'], hardship: { unsafeHousing: true } }) });
    const provisional = late.data.submitApplication.case.referrals[0].sla;
    // Monday–Friday only: 12-25, 28, 29, 30, 31, 01-01 … → 2027-01-14.
    expect(provisional).toMatchObject({ dueDate: '2027-01-14', provisional: true });

    const days = [
      { date: '2027-01-01', workday: false, name: '元旦' },
      { date: '2027-01-04', workday: false, name: '元旦' },
    ];
    const published = await env.gql(admin, PUBLISH, { year: 2027, days });
    expect(published.errors).toBeUndefined();
    expect(published.data.publishWorkingCalendar).toHaveLength(365);
    const read = await env.gql(clerk, `query($id: ID!) { case(id: $id) { referrals { sla { dueDate provisional } } } }`, {
      id: late.data.submitApplication.case.id,
    });
    expect(read.data.case.referrals[0].sla).toEqual({ dueDate: '2027-01-18', provisional: false });
    const stored = await env.running.services.uow.dataSource.query('SELECT due_date, due_provisional FROM referrals WHERE id = ?', [
      late.data.submitApplication.case.referrals[0].id,
    ]);
    expect(stored[0].due_date).toBe('2027-01-18');
    expect(Boolean(Number(stored[0].due_provisional))).toBe(false);
  });

  it('a second hub process answers with a year another one published from its very next request: reads and new due dates', async () => {
    const other = await createHub({
      config: loadConfig({ HUB_DATABASE_URL: env.db.url, HUB_JWT_SECRET: TEST_JWT_SECRET, HUB_DATA_KEY: TEST_DATA_KEY }),
      clock: env.clock,
      logDestination: new Writable({ write: (_c, _e, done) => done() }),
      jobs: new Set(),
    });
    const server = other.app.listen(0);
    const viaOther = async (query: string, variables: Record<string, unknown>) =>
      (await request(server).post('/graphql').set('Authorization', `Bearer ${clerk}`).send({ query, variables })).body;
    const housing = () => application({ categories: ['HOUSING'], hardship: { unsafeHousing: true } });
    const READ = 'query ($id: ID!) { referral(id: $id) { sla { dueDate provisional } } }';
    try {
      env.clock.set('2026-12-28T09:00:00+08:00');
      // Taken by the other process on the 2027 it loaded (01-01 and 01-04 off): due 2027-01-20.
      const before = (await viaOther(SUBMIT, { input: housing() })).data.submitApplication.case.referrals[0].id;
      expect((await viaOther(READ, { id: before })).data.referral.sla.dueDate).toBe('2027-01-20');
      // This process replaces 2027 (only 元旦 01-01 off now) ...
      await env.gql(admin, PUBLISH, { year: 2027, days: [{ date: '2027-01-01', workday: false, name: '元旦' }] });
      // ... and the other one's next answers use it: the stored due date recomputed, a new one right.
      expect((await viaOther(READ, { id: before })).data.referral.sla).toEqual({ dueDate: '2027-01-19', provisional: false });
      const after = (await viaOther(SUBMIT, { input: housing() })).data.submitApplication.case.referrals[0].id;
      const stored = await env.running.services.uow.dataSource.query('SELECT due_date FROM referrals WHERE id = ?', [after]);
      expect(stored[0].due_date).toBe('2027-01-19');
      expect(other.services.calendar.calendar.isWorkday('2027-01-04')).toBe(true);
    } finally {
      server.close();
      await other.close();
    }
  });

  it('a process that reloads on a request fixes nothing twice: the scan still recomputes what was written with the old year meanwhile', async () => {
    const other = await createHub({
      config: loadConfig({ HUB_DATABASE_URL: env.db.url, HUB_JWT_SECRET: TEST_JWT_SECRET, HUB_DATA_KEY: TEST_DATA_KEY }),
      clock: env.clock,
      logDestination: new Writable({ write: (_c, _e, done) => done() }),
      jobs: new Set(),
    });
    try {
      env.clock.set('2026-12-28T09:00:00+08:00');
      await env.gql(admin, PUBLISH, { year: 2027, days: [{ date: '2027-01-01', workday: false, name: '元旦' }, { date: '2027-01-04', workday: false, name: '调休' }] });
      const c = (await env.gql(clerk, SUBMIT, { input: application({ categories: ['HOUSING'], hardship: { unsafeHousing: true } }) })).data.submitApplication.case;
      const id = c.referrals[0].id;
      const stored = async () => (await env.running.services.uow.dataSource.query('SELECT due_date FROM referrals WHERE id = ?', [id]))[0].due_date;
      expect(await stored()).toBe('2027-01-20');
      // A write with the old year that lands after the publisher recomputed (an intake under way
      // while the year was published), simulated by writing the old date back by hand:
      env.clock.set('2026-12-28T09:05:00+08:00');
      await env.gql(admin, PUBLISH, { year: 2027, days: [{ date: '2027-01-01', workday: false, name: '元旦' }] });
      await env.running.services.uow.dataSource.query("UPDATE referrals SET due_date = '2027-01-20' WHERE id = ?", [id]);
      await other.services.calendar.ensureCurrent(); // the other process has the new year from a request ...
      await other.scanner.scan(); // ... and its scan still finds the publication and fixes the stale date
      expect(await stored()).toBe('2027-01-19');
    } finally {
      await other.close();
    }
  });

  it('refuses a bad calendar naming every problem, and writes nothing', async () => {
    const res = await env.gql(admin, PUBLISH, {
      year: 2028,
      days: [
        { date: '2027-12-31', workday: false },
        { date: '2028-05-01', workday: false, name: '劳动节' },
        { date: '2028-05-01', workday: false, name: '劳动节' },
      ],
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const problems = res.errors?.[0].extensions?.problems as Array<{ code: string; field: string[] }>;
    expect(problems.map((p) => [p.code, p.field.join('.')])).toEqual([
      ['DATE_OUTSIDE_YEAR', 'days.0.date'],
      ['DUPLICATE_DATE', 'days.2.date'],
    ]);
    const rows = await env.running.services.uow.dataSource.query('SELECT COUNT(*) AS n FROM calendar_days WHERE year = 2028');
    expect(Number(rows[0].n)).toBe(0);
    const notAdmin = await env.gql(clerk, PUBLISH, { year: 2028, days: [] });
    expect(notAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
