import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TestEnvironment } from '../support/environment';
import { describeDb } from '../support/test-database';
import { buildHub, HubProcess, removeBuild, startHubProcess } from '../support/hub-process';
import { findFreePort } from '../support/mariadb-server';
import { eventually } from '../support/eventually';
import { generateHouseholds, rollRows, toCsv } from '../support/rolls';
import { expectCountsAgree } from '../support/register-operations';

// A register import and a real fault: the hub process committing an approved import (or
// validating an uploaded one) is killed with SIGKILL mid-way, and a process started afterwards
// finishes the commit with nothing doubled or lost (or marks the abandoned validation FAILED).

jest.setTimeout(240_000);

const APPROVE = `mutation Approve($id: ID!) { approveRegisterImport(id: $id) { import { id status } userErrors { code } } }`;

describeDb('a register import across a SIGKILL of the hub process', () => {
  let env: TestEnvironment;
  let build: string;
  let uploader: string;
  let approver: string;
  const processes: HubProcess[] = [];

  beforeAll(async () => {
    build = buildHub();
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00' });
    uploader = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-a');
    approver = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-b');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await env.close();
    removeBuild(build);
  });

  const query = (sql: string, params: unknown[] = []) => env.running.services.uow.dataSource.query(sql, params);
  const importRow = async (id: string) => (await query('SELECT status, committed_rows AS done, create_rows AS creates, total_rows AS total, failure FROM register_imports WHERE id = ?', [id]))[0];

  /** A hub process on its own port, its business clock starting at `clockStart`, its import job every second. */
  async function hubAt(clockStart: string): Promise<{ process: HubProcess; base: string }> {
    const port = await findFreePort();
    const process = await startHubProcess(build, {
      HUB_DATABASE_URL: env.db.url,
      HUB_JWT_SECRET: TEST_JWT_SECRET,
      HUB_DATA_KEY: TEST_DATA_KEY,
      HUB_CLOCK_START: clockStart,
      HUB_IMPORT_SECONDS: '1',
      HUB_LOG_LEVEL: 'debug',
      PORT: String(port),
    });
    processes.push(process);
    return { process, base: `http://127.0.0.1:${port}` };
  }

  async function upload(base: string, csv: string, fileName: string): Promise<string> {
    const res = await fetch(`${base}/register/imports?fileName=${encodeURIComponent(fileName)}`, { method: 'POST', body: csv, headers: { authorization: `Bearer ${uploader}` } });
    expect(res.status).toBe(201);
    return ((await res.json()) as any).import.id;
  }

  function kill(p: HubProcess): Promise<void> {
    return new Promise((resolve) => {
      p.child.once('exit', () => resolve());
      p.child.kill('SIGKILL');
    });
  }

  it('finishes a commit killed mid-way once another process takes it over: every household once, none lost', async () => {
    const households = generateHouseholds(5000);
    const first = await hubAt('2026-03-02T09:00:00+08:00');
    const id = await upload(first.base, toCsv(rollRows(households)), 'roll.csv');
    await eventually(async () => (await importRow(id)).status === 'PREVIEW', { timeout: 120_000, interval: 200, what: 'the preview' });
    const preview = await importRow(id);
    expect(Number(preview.creates)).toBe(Number(preview.total));

    // Approved through the first process: its commit starts there at once.
    const approved = await fetch(`${first.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${approver}` },
      body: JSON.stringify({ query: APPROVE, variables: { id } }),
    });
    expect(((await approved.json()) as any).data.approveRegisterImport.userErrors).toEqual([]);
    await eventually(async () => Number((await importRow(id)).done) > 0, { timeout: 60_000, interval: 10, what: 'the first chunk committed' });
    await kill(first.process);
    const atKill = await importRow(id);
    expect(atKill.status).toBe('APPROVED'); // killed mid-way, not after the end
    expect(Number(atKill.done)).toBeLessThan(Number(atKill.creates));
    const tiersAtKill = Number((await query('SELECT COUNT(*) AS n FROM register_tiers WHERE import_id = ?', [id]))[0].n);
    expect(tiersAtKill).toBeGreaterThan(0);
    expect(tiersAtKill).toBeLessThan(households.length);

    // A process started later (its clock past the dead one's lease) takes the import over.
    await hubAt('2026-03-02T09:10:00+08:00');
    await eventually(async () => (await importRow(id)).status === 'COMMITTED', { timeout: 120_000, interval: 200, what: 'the commit finished by the second process' });

    const done = await importRow(id);
    expect(Number(done.done)).toBe(Number(preview.creates));
    const tiers = await query('SELECT COUNT(*) AS n, COUNT(DISTINCT household_id) AS households FROM register_tiers WHERE import_id = ?', [id]);
    expect({ n: Number(tiers[0].n), households: Number(tiers[0].households) }).toEqual({ n: households.length, households: households.length });
    const members = households.reduce((n, h) => n + 1 + h.members.length, 0);
    const current = await query('SELECT COUNT(*) AS n FROM register_members WHERE current_key IS NOT NULL');
    expect(Number(current[0].n)).toBe(members);
    expect(Number((await query('SELECT COUNT(*) AS n FROM register_households'))[0].n)).toBe(households.length);
    await expectCountsAgree(env.running.services.uow.dataSource);
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });

  it('marks a validation abandoned by a killed process FAILED once its lease has run out, its staged rows removed', async () => {
    const first = await hubAt('2026-03-03T09:00:00+08:00');
    const id = await upload(first.base, toCsv(rollRows(generateHouseholds(6000))), 'big-roll.csv');
    await eventually(async () => Number((await importRow(id)).total) > 0, { timeout: 60_000, interval: 10, what: 'the first rows staged' });
    await kill(first.process);
    expect((await importRow(id)).status).toBe('VALIDATING');

    // Another process whose clock is still inside the lease leaves it alone …
    const early = await hubAt('2026-03-03T09:00:20+08:00');
    const importRuns = () => early.process.output.join('').split('\n').filter((l) => l.includes('"job":"register import"') && l.includes('"msg":"periodic job ran"')).length;
    await eventually(() => importRuns() >= 2, { timeout: 30_000, what: 'two runs of the early process\'s import job' });
    await early.process.stop();
    expect((await importRow(id)).status).toBe('VALIDATING');
    // … one past it marks it FAILED and removes what was staged.
    await hubAt('2026-03-03T09:05:00+08:00');
    await eventually(async () => (await importRow(id)).status === 'FAILED', { timeout: 60_000, interval: 200, what: 'the abandoned validation marked failed' });
    expect((await importRow(id)).failure).toBe('文件校验因服务中断未能完成，请重新上传。');
    expect(Number((await query('SELECT COUNT(*) AS n FROM register_import_rows WHERE import_id = ?', [id]))[0].n)).toBe(0);
  });
});
