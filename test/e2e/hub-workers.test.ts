import { execFileSync } from 'node:child_process';
import { Role } from '../../src/access/roles';
import { signToken } from '../../src/access/tokens';
import { createTestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';
import { buildHub, HubProcess, removeBuild, startHubProcess } from '../support/hub-process';
import { findFreePort } from '../support/mariadb-server';
import { eventually } from '../support/eventually';



/** Live child processes of `pid` (the workers of a primary). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describeDb('HUB_WORKERS: several hub processes on one port', () => {
  let env: TestEnvironment;
  let build: string;
  let hub: HubProcess | null = null;

  beforeAll(async () => {
    build = buildHub();
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00' });
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await env.close();
    removeBuild(build);
  });

  /** A hub of two workers on a free port; resolves once both are up. */
  async function startTwoWorkers(extra: Record<string, string> = {}): Promise<{ port: number; primary: number }> {
    const port = await findFreePort();
    hub = await startHubProcess(build, {
      HUB_DATABASE_URL: env.db.url,
      HUB_JWT_SECRET: TEST_JWT_SECRET,
      HUB_DATA_KEY: TEST_DATA_KEY,
      HUB_WORKERS: '2',
      PORT: String(port),
      ...extra,
    });
    const primary = hub.child.pid!;
    // The first worker says 'hub listening'; wait for the second to be up as well.
    await eventually(() => childrenOf(primary).length === 2, { timeout: 30_000, what: 'two workers' });
    return { port, primary };
  }

  it('serves from two workers, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    const { port, primary } = await startTwoWorkers();
    expect(childrenOf(primary)).toHaveLength(2);

    const token = await signToken({ sub: 'clerk-workers', role: Role.CLERK, region: TOWNSHIP, ttlSeconds: 600 }, TEST_JWT_SECRET, new Date());
    const submit = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SUBMIT, variables: { input: application({ categories: ['MEDICAL'] }) } }),
      });
      const body = (await res.json()) as any;
      return body.data?.submitApplication?.case?.id as string | undefined;
    };
    const first = await Promise.all(Array.from({ length: 20 }, submit));
    expect(first.every((id) => typeof id === 'string')).toBe(true);

    // One worker killed: the primary starts another in its place.
    const [victim, survivor] = childrenOf(primary);
    process.kill(victim, 'SIGKILL');
    // One look at the children per round: two looks could see the victim before and after it was reaped.
    const replacedYet = () => {
      const now = childrenOf(primary);
      return now.length === 2 && !now.includes(victim) && hub!.output.join('').includes('hub worker exited; starting another');
    };
    await eventually(replacedYet, { timeout: 30_000, interval: 100, what: 'the dead worker to be replaced' });
    const replaced = childrenOf(primary);
    expect(replaced).toHaveLength(2);
    expect(replaced).toContain(survivor);
    expect(replaced).not.toContain(victim);
    expect(hub!.output.join('')).toContain('hub worker exited; starting another');

    const second = await Promise.all(Array.from({ length: 20 }, submit));
    expect(second.every((id) => typeof id === 'string')).toBe(true);
    const [{ n }] = await env.running.services.uow.dataSource.query('SELECT COUNT(*) AS n FROM cases');
    expect(Number(n)).toBe(40);

    await hub!.stop();
    hub = null;
    await eventually(() => !replaced.some(alive), { timeout: 5_000, interval: 100, what: 'every worker to end' });
    expect(replaced.filter(alive)).toEqual([]);
    expect(alive(primary)).toBe(false);
  }, 120_000);

  it('answers a scrape of /metrics with the whole host, whichever worker takes it', async () => {
    const { port } = await startTwoWorkers();
    const token = await signToken({ sub: 'clerk-metrics', role: Role.CLERK, region: TOWNSHIP, ttlSeconds: 600 }, TEST_JWT_SECRET, new Date());
    const ask = () =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ workingCalendar(year: 2026) { date } }' }),
      }).then((res) => res.json());
    // Fresh connections each time (no keep-alive): the primary hands them to the workers in turn.
    for (let i = 0; i < 12; i++) await ask();
    const counted = async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } })).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith('hub_graphql_request_duration_seconds_count'))
        .reduce((n, line) => n + Number(line.split(' ').pop()), 0);
    };
    const scrapes = [];
    for (let i = 0; i < 6; i++) scrapes.push(await counted());
    // Every scrape sees all twelve requests (each worker's own registry saw about half of them).
    expect(scrapes).toEqual(Array(6).fill(12));
    await hub!.stop();
    hub = null;
  }, 120_000);

  it('answers with a working calendar published through either worker from the next request on, whichever worker answers', async () => {
    // Late December: a case taken now is due in January 2027.
    const { port } = await startTwoWorkers({ HUB_CLOCK_START: '2026-12-28T09:00:00+08:00' });
    const now = new Date();
    const clerk = await signToken({ sub: 'clerk-calendar', role: Role.CLERK, region: TOWNSHIP, ttlSeconds: 600 }, TEST_JWT_SECRET, now);
    const admin = await signToken({ sub: 'admin-calendar', role: Role.ADMIN, region: '', ttlSeconds: 600 }, TEST_JWT_SECRET, now);
    const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) =>
      (await (
        await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          // A fresh connection each time: the primary hands them to the workers in turn.
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as any;
    const READ = 'query ($id: ID!) { case(id: $id) { sla { dueDate provisional } } }';
    const caseId = (await gql(clerk, SUBMIT, { input: application({ categories: ['MEDICAL'] }) })).data.submitApplication.case.id;
    const before = (await gql(clerk, READ, { id: caseId })).data.case.sla.dueDate;
    expect(before.startsWith('2027-01')).toBe(true);
    // 2027 with a long holiday in January (test data): every due date in January moves.
    const days = ['2027-01-01', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'].map((date) => ({ date, workday: false, name: '假日' }));
    const published = await gql(admin, 'mutation ($days: [CalendarDayInput!]!) { publishWorkingCalendar(year: 2027, days: $days) { date } }', { days });
    expect(published.errors).toBeUndefined();
    const reads = [];
    for (let i = 0; i < 6; i++) reads.push((await gql(clerk, READ, { id: caseId })).data.case.sla);
    expect(reads[0].dueDate).not.toBe(before);
    expect(reads).toEqual(Array(6).fill({ dueDate: reads[0].dueDate, provisional: false }));
    // New applications on either worker get their due dates from the new year.
    const taken = [];
    for (let i = 0; i < 4; i++) {
      const id = (await gql(clerk, SUBMIT, { input: application({ categories: ['MEDICAL'] }) })).data.submitApplication.case.id;
      taken.push((await gql(clerk, READ, { id })).data.case.sla);
    }
    expect(taken).toEqual(Array(4).fill({ dueDate: reads[0].dueDate, provisional: false }));
    await hub!.stop();
    hub = null;
  }, 120_000);
});
