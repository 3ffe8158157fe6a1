import { Role } from '../../src/access/roles';
import { createTestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';
import { buildHub, HubProcess, removeBuild, startHubProcess } from '../support/hub-process';
import { eventually } from '../support/eventually';

/** Runs of a periodic job a hub process has reported so far (its debug line per run). */
const runs = (p: HubProcess, job: string) => p.output.join('').split('\n').filter((line) => line.includes(`"job":"${job}"`) && line.includes('"msg":"periodic job ran"')).length;

/** Waits until each process has run `job` `more` more times than now: "nothing else happened" is then observed, not assumed. */
async function moreRuns(processes: HubProcess[], job: string, more: number): Promise<void> {
  const from = processes.map((p) => runs(p, job));
  await eventually(() => processes.every((p, i) => runs(p, job) >= from[i] + more), { timeout: 30_000, interval: 100, what: `${more} more ${job} runs in each process` });
}

describeDb('SLA warnings with two hub processes on one database, and across restarts', () => {
  let env: TestEnvironment;
  let build: string;
  const processes: HubProcess[] = [];

  beforeAll(async () => {
    build = buildHub();
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00' });
    const clerk = await env.token(Role.CLERK, TOWNSHIP);
    for (let i = 0; i < 8; i++) {
      const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['MEDICAL', 'EDUCATION'] }) });
      expect(res.data.submitApplication.userErrors).toEqual([]);
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await env.close();
    removeBuild(build);
  });

  const hubEnv = (clockStart: string) => ({
    HUB_DATABASE_URL: env.db.url,
    HUB_JWT_SECRET: TEST_JWT_SECRET,
    HUB_DATA_KEY: TEST_DATA_KEY,
    HUB_CLOCK_START: clockStart,
    HUB_SLA_SCAN_SECONDS: '1',
    HUB_LOG_LEVEL: 'debug',
  });

  async function warnings(kind: string): Promise<Array<{ subject: string; n: number }>> {
    const rows = await env.running.services.uow.dataSource.query(
      'SELECT COALESCE(referral_id, case_id) AS subject, COUNT(*) AS n FROM timeline_events WHERE type = ? GROUP BY COALESCE(referral_id, case_id)',
      [kind],
    );
    return rows.map((r: any) => ({ subject: r.subject, n: Number(r.n) }));
  }

  async function waitFor(kind: string, expected: number, scanning: HubProcess[]) {
    await eventually(async () => (await warnings(kind)).length >= expected, { timeout: 30_000, interval: 200, what: `${expected} ${kind} warnings` });
    // Two more scans in each process: had a duplicate been possible, it would be there now.
    await moreRuns(scanning, 'sla scan', 2);
  }

  const rolledThrough = async () => (await env.running.services.uow.dataSource.query('SELECT rolled_through AS day FROM report_rollup'))[0].day;

  it('runs no scan and no rollup on a machine told HUB_PERIODIC_JOBS=off', async () => {
    const p = await startHubProcess(build, { ...hubEnv('2026-03-20T10:00:00+08:00'), HUB_PERIODIC_JOBS: 'off' });
    try {
      // The process says which jobs it runs (src/jobs.ts): the dispatcher alone. Its log is written
      // asynchronously, so the line is awaited rather than assumed to come with "hub listening".
      const announcement = () => p.output.join('').split('\n').find((line) => line.includes('"msg":"periodic jobs"'));
      await eventually(() => announcement() !== undefined, { timeout: 10_000, interval: 50, what: () => `the periodic jobs line in: ${p.output.join('').slice(-2000)}` });
      expect(JSON.parse(announcement()!).jobs).toEqual(['dispatcher']);
      // No run of a scan or a rollup shows in its log.
      expect(runs(p, 'sla scan')).toBe(0);
      expect(runs(p, 'report rollup')).toBe(0);
      expect(await warnings('SLA_AT_RISK')).toEqual([]);
      expect(await rolledThrough()).toBeNull();
    } finally {
      // Whatever failed here, the next tests do not wait on this process's (absent) scans.
      await p.stop();
    }
  }, 120_000);

  it('two processes scanning at once warn each subject once', async () => {
    // Friday 2026-03-20: 1 working day left before the 2026-03-23 due date → AT_RISK.
    processes.push(await startHubProcess(build, hubEnv('2026-03-20T10:00:00+08:00')));
    processes.push(await startHubProcess(build, hubEnv('2026-03-20T10:00:00+08:00')));
    await waitFor('SLA_AT_RISK', 8 * 2 + 8, processes);
    const atRisk = await warnings('SLA_AT_RISK');
    expect(atRisk).toHaveLength(8 * 2 + 8); // 16 referrals and 8 cases
    expect(atRisk.every((w) => w.n === 1)).toBe(true);
    expect(await warnings('SLA_OVERDUE')).toEqual([]);
    // None of the 16 was acknowledged (due by 03-04): each warned overdue once by the acknowledgement clock, never at risk.
    const unacknowledged = await warnings('ACKNOWLEDGEMENT_OVERDUE');
    expect(unacknowledged).toHaveLength(16);
    expect(unacknowledged.every((w) => w.n === 1)).toBe(true);
    expect(await warnings('ACKNOWLEDGEMENT_AT_RISK')).toEqual([]);
    expect(await rolledThrough()).toBe('2026-03-19'); // the report rollup runs with the scan: every day up to yesterday
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  }, 120_000);

  it('a restart later in time adds SLA_OVERDUE once, and never repeats SLA_AT_RISK', async () => {
    for (let round = 0; round < 2; round++) {
      const p = await startHubProcess(build, hubEnv('2026-03-25T10:00:00+08:00'));
      processes.push(p);
      await waitFor('SLA_OVERDUE', 24, [p]);
      await p.stop();
      processes.splice(processes.indexOf(p), 1);
    }
    const overdue = await warnings('SLA_OVERDUE');
    expect(overdue).toHaveLength(24);
    expect(overdue.every((w) => w.n === 1)).toBe(true);
    expect((await warnings('SLA_AT_RISK')).every((w) => w.n === 1)).toBe(true);
    const rows = await env.running.services.uow.dataSource.query('SELECT kind, COUNT(*) AS n FROM sla_warnings GROUP BY kind ORDER BY kind');
    expect(rows.map((r: any) => [r.kind, Number(r.n)])).toEqual([
      ['ACK_OVERDUE', 16],
      ['SLA_AT_RISK', 24],
      ['SLA_OVERDUE', 24],
    ]);
  }, 120_000);
});
