import { Department, Role } from '../../src/access/roles';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCalendarDays, cstDateOf } from '../../src/common/dates';
import { createTestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TestEnvironment, TOWNSHIP, NOTICE_OUTSIDE_HUB } from '../support/environment';
import { runTsCli, writeTsHook } from '../support/ts-cli';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, SUBMIT, WITHDRAW } from '../support/operations';

const REPORT = `query Report($regionCode: String!, $from: Date!, $to: Date!) {
  slaReport(regionCode: $regionCode, from: $from, to: $to) {
    regionCode from to casesOpened casesClosed casesClosedOnTime
    rows { department opened resolved resolvedOnTime openOverdue openAtRisk medianWorkingDays acknowledged acknowledgedOnTime medianWorkingDaysToAcknowledge openAcknowledgementOverdue openAcknowledgementAtRisk }
    townships { townshipCode opened closed openOverdue openAtRisk }
  }
}`;
const SUB_DISTRICT = '370783001';
const NEXT_COUNTY = '370784101';
const REGIONS = ['37', '3707', '370783', '370784', TOWNSHIP, SUB_DISTRICT, `${TOWNSHIP}001`];
const PERIODS = [
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-03-05', to: '2026-04-08' }, // rolled, then live
  { from: '2026-04-07', to: '2026-04-08' }, // live only
  { from: '2026-02-01', to: '2026-04-30' },
];

// The report's daily rollup (src/reports/report-rollup.ts): the days that are over are summed from
// report_days and report_resolutions, the rest counted live; the answer must not depend on which.
describeDb('slaReport from the daily rollup', () => {
  let env: TestEnvironment;
  let clerk: string;
  let dashboard: string;

  const at = (date: string) => env.clock.set(`${date}T10:00:00+08:00`);
  const rollup = () => env.running.services.rollup;
  async function submit(townshipCode: string, categories: string[]): Promise<string> {
    const res = await env.gql(clerk, SUBMIT, { input: application({ townshipCode, categories }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case.id;
  }
  async function resolve(token: string, id: string) {
    const res = await env.gql(token, RESOLVE, { id, decision: 'APPROVED', amountFen: 83800 });
    expect(res.data.resolveReferral.userErrors).toEqual([]);
  }
  /** Every report of REGIONS × PERIODS. */
  async function reports() {
    const all: unknown[] = [];
    for (const regionCode of REGIONS) {
      for (const period of PERIODS) {
        const res = await env.gql(dashboard, REPORT, { regionCode, ...period });
        expect(res.errors).toBeUndefined();
        all.push(res.data.slaReport);
      }
    }
    return all;
  }
  let live: any[];

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T10:00:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await env.token(Role.CLERK, '3707');
    dashboard = await env.token(Role.DASHBOARD, '37');
    const civil = await env.token(Role.DEPARTMENT, '3707', Department.CIVIL_AFFAIRS);
    at('2026-03-02');
    for (const township of [TOWNSHIP, TOWNSHIP, SUB_DISTRICT, NEXT_COUNTY]) await submit(township, ['MINIMUM_LIVING']);
    await submit(TOWNSHIP, ['MEDICAL']);
    const withdrawn = await submit(TOWNSHIP, ['MEDICAL']);
    await submit(NEXT_COUNTY, ['MEDICAL', 'MINIMUM_LIVING']);
    at('2026-03-04');
    expect((await env.gql(clerk, WITHDRAW, { id: withdrawn, reason: '申请人撤回' })).data.withdrawCase.userErrors).toEqual([]);
    at('2026-03-03'); // one acknowledged on time (by 03-04), the others late
    const first = (await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 1 })).data.claimReferrals.referrals.map((r: { id: string }) => r.id);
    expect((await env.gql(civil, ACK, { id: first[0] })).data.acknowledgeReferral.userErrors).toEqual([]);
    at('2026-03-10');
    const claimed = await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 10 });
    const referrals = [...first, ...claimed.data.claimReferrals.referrals.map((r: { id: string }) => r.id)];
    expect(referrals).toHaveLength(5);
    for (const id of referrals.slice(1)) expect((await env.gql(civil, ACK, { id })).data.acknowledgeReferral.userErrors).toEqual([]);
    for (const id of referrals.slice(0, 2)) await resolve(civil, id); // on time: due 03-23
    at('2026-03-31');
    for (const id of referrals.slice(2, 4)) await resolve(civil, id); // late
    at('2026-04-01');
    await submit(SUB_DISTRICT, ['MINIMUM_LIVING']);
    await submit(NEXT_COUNTY, ['MEDICAL']);
    at('2026-04-08');
    live = await reports();
  }, 120_000);
  afterAll(() => env.close());

  it('counts something worth comparing', () => {
    const march = live[REGIONS.indexOf('37') * PERIODS.length];
    expect(march).toMatchObject({ casesOpened: 7, casesClosed: 4, casesClosedOnTime: 2 });
    expect(march.rows.find((r: any) => r.department === 'CIVIL_AFFAIRS')).toMatchObject({ opened: 5, resolved: 4, resolvedOnTime: 2, medianWorkingDays: 13.5 }); // 6, 6, 21, 21 working days
    // Acknowledged after 1, 6, 6, 6 and 6 working days (by 03-04); now (04-08) the civil referral of 04-01 is past its day, and three medical ones.
    expect(march.rows.find((r: any) => r.department === 'CIVIL_AFFAIRS')).toMatchObject({ acknowledged: 5, acknowledgedOnTime: 1, medianWorkingDaysToAcknowledge: 6, openAcknowledgementOverdue: 1 });
    expect(march.rows.find((r: any) => r.department === 'MEDICAL')).toMatchObject({ acknowledged: 0, medianWorkingDaysToAcknowledge: null, openAcknowledgementOverdue: 3 });
  });

  it('gives the same reports from the rollup as counted live', async () => {
    // In the first minutes after midnight yesterday is not over yet: a transaction begun before may still commit.
    env.clock.set('2026-04-08T00:05:00+08:00');
    const rolled = await rollup().roll();
    expect(rolled).toMatchObject({ days: 36, rolledThrough: '2026-04-06' }); // 03-02 (the first case) to the day before yesterday
    expect(rolled.rows).toBeGreaterThan(0);
    at('2026-04-08');
    expect(await rollup().roll()).toMatchObject({ days: 1, rolledThrough: '2026-04-07' });
    expect(await reports()).toEqual(live);
  });

  it('reads the days it holds from the rollup, and counts them again when told to', async () => {
    await env.running.services.uow.dataSource.query("UPDATE report_days SET opened = opened + 1000 WHERE region_code = '3707' AND department = '' AND day = '2026-03-02'");
    const changed = await env.gql(dashboard, REPORT, { regionCode: '3707', ...PERIODS[0] });
    expect(changed.data.slaReport.casesOpened).toBe(1007);
    expect(await rollup().rollAgainFrom('2026-03-01')).toBe(true);
    expect(await rollup().roll()).toMatchObject({ days: 37, rolledThrough: '2026-04-07' }); // as told from 03-01: from 03-02, the first case's day
    expect(await reports()).toEqual(live);
  });

  it('rolls each day once, also when two rolls run at once', async () => {
    expect(await rollup().roll()).toMatchObject({ days: 0, rows: 0, rolledThrough: '2026-04-07' });
    expect(await rollup().rollAgainFrom('2026-04-08')).toBe(false); // not rolled yet: nothing to count again
    await rollup().rollAgainFrom('2026-03-20');
    const both = await Promise.all([rollup().roll(), rollup().roll()]);
    // They take turns a week at a time: each day rolled by one of them. (On SQLite one process's
    // work takes turns anyway; MariaDB's run is the one that tests the rollup's own check.)
    expect(both[0].days + both[1].days).toBe(19);
    expect(await reports()).toEqual(live);
  });

  it('counts the days after the rollup live', async () => {
    at('2026-04-09');
    await submit(TOWNSHIP, ['MEDICAL']);
    const res = await env.gql(dashboard, REPORT, { regionCode: '370783', from: '2026-04-01', to: '2026-04-09' });
    expect(res.data.slaReport).toMatchObject({ casesOpened: 2 });
    expect(res.data.slaReport.townships.find((t: any) => t.townshipCode === TOWNSHIP)).toMatchObject({ opened: 1 });
  });

  it('puts the rollup job and the transaction retries on /metrics', async () => {
    await env.running.services.rollupJob.tick();
    const uow = env.running.services.uow;
    const metrics = (await request(env.server).get('/metrics')).text;
    expect(metrics).toMatch(/^hub_job_duration_seconds_count\{job="report rollup"\} 1$/m);
    expect(metrics).toContain(`hub_transaction_retries_total{reason="conflict"} ${uow.retries - uow.connectionRetries}`);
    expect(metrics).toContain(`hub_transaction_retries_total{reason="connection"} ${uow.connectionRetries}`);
    expect(metrics).toContain(`hub_commit_outcome_unknown_total ${uow.unknownCommits}`);
  });

  // Last: the command rolls by the real clock, far past this file's hand-driven days.
  it('counts again from a day with npm run report:recount (src/cli/report-recount.ts)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-recount-cli-'));
    try {
      const hook = writeTsHook(dir);
      const settings = { HUB_DATABASE_URL: env.db.url, HUB_JWT_SECRET: TEST_JWT_SECRET, HUB_DATA_KEY: TEST_DATA_KEY };
      const bad = await runTsCli(hook, 'report-recount', ['2026-02-30'], settings, dir);
      expect(bad).toMatchObject({ code: 2, stdout: '' });
      expect(bad.stderr).toMatch(/^Usage: npm run report:recount -- YYYY-MM-DD/);
      const future = await runTsCli(hook, 'report-recount', ['2999-01-01'], settings, dir);
      expect(future).toMatchObject({ code: 2, stdout: '' });
      expect(future.stderr).toMatch(/^2999-01-01 is not over yet/);
      const res = await runTsCli(hook, 'report-recount', ['2026-03-01'], settings, dir);
      expect(res.stderr).toBe('');
      const through = addCalendarDays(cstDateOf(new Date(Date.now() - 10 * 60_000)), -1);
      expect(res.stdout).toMatch(new RegExp(`^Counted \\d+ days again from 2026-03-01 \\(\\d+ rows\\); it holds the days through ${through}\\.\n$`));
      expect(res.code).toBe(0);
      // 04-09 is rolled now: the same figures from the rollup.
      const report = await env.gql(dashboard, REPORT, { regionCode: '370783', from: '2026-04-01', to: '2026-04-09' });
      expect(report.data.slaReport).toMatchObject({ casesOpened: 2 });
      expect(await rollup().rolledThrough(env.running.services.uow.dataSource.manager)).toBe(through);
      expect(await reports().then((all) => all.slice(0, 3))).toEqual(live.slice(0, 3)); // the province, March to 04-08: unchanged
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
