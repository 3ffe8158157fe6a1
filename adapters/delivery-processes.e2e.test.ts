import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/access/roles';
import { createTestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TestEnvironment } from '../test/support/environment';
import { describeDb } from '../test/support/test-database';
import { eventually } from '../test/support/eventually';
import { application } from '../test/support/applications';
import { SUBMIT } from '../test/support/operations';
import { buildHub, HubProcess, removeBuild, startBuiltProcess } from '../test/support/hub-process';
import { connectionOf, parsePartners } from '../src/delivery/partners-file';
import { PROTOCOLS } from './index';
import { PartnerFleet, startPartnerFleet } from './fleet';

// Delivery by separate dispatcher processes (npm run dispatcher) on one database: one killed with
// SIGKILL in the middle of a burst and another started after it delivers every referral, each
// applied once by the partners; two running side by side send each referral once.


describeDb('dispatcher processes: a crash in a burst, and two side by side', () => {
  let env: TestEnvironment;
  let fleet: PartnerFleet;
  let build: string;
  let dir: string;
  const processes: HubProcess[] = [];

  beforeAll(async () => {
    build = buildHub();
    fleet = await startPartnerFleet('http://127.0.0.1:1', { timeoutSeconds: 2 });
    dir = mkdtempSync(join(tmpdir(), 'hub-partners-'));
    writeFileSync(join(dir, 'partners.json'), JSON.stringify(fleet.partnersFile));
    // This process's hub takes the applications (and writes the outbox) but does not deliver.
    const partners = parsePartners(fleet.partnersFile, PROTOCOLS);
    const adapters = partners.filter((p) => p.mode === 'PUSH').map((p) => PROTOCOLS.find((x) => x.name === p.protocol)!.create(connectionOf(p, fleet.env, 'http://127.0.0.1:1')));
    env = await createTestEnvironment({ now: '2026-04-07T09:00:00+08:00', hub: { partnerSetup: { partners, adapters } } });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    // What the dispatcher processes wrote: no identity number, no secret or key.
    const output = processes.map((p) => p.output.join('')).join('');
    expect(output).not.toMatch(/\b\d{17}[\dXx]\b/);
    for (const value of Object.values(fleet.env).filter((v) => v.length >= 16)) expect(output).not.toContain(value);
    expect(output).not.toContain(TEST_DATA_KEY);
    await env.close();
    await fleet.close();
    removeBuild(build);
    rmSync(dir, { recursive: true, force: true });
  });

  const dispatcher = () =>
    startBuiltProcess(
      build,
      'src/cli/dispatcher.js',
      {
        HUB_DATABASE_URL: env.db.url,
        HUB_JWT_SECRET: TEST_JWT_SECRET,
        HUB_DATA_KEY: TEST_DATA_KEY,
        HUB_PARTNERS_FILE: join(dir, 'partners.json'),
        HUB_PUBLIC_URL: 'http://127.0.0.1:1',
        ...fleet.env,
      },
      'Dispatcher delivering to',
    ).then((p) => {
      processes.push(p);
      return p;
    });
  const sql = (q: string, p: unknown[] = []) => env.running.services.uow.dataSource.query(q, p);
  async function submit(n: number, categories: string[]): Promise<string[]> {
    const clerk = await env.token(Role.CLERK, '3707');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await env.gql(clerk, SUBMIT, { input: application({ categories }) });
      expect(res.data.submitApplication.userErrors).toEqual([]);
      ids.push(...res.data.submitApplication.case.referrals.map((r: any) => r.id));
    }
    return ids;
  }
  const delivered = (department: 'CHARITY' | 'HOUSING') => fleet.simulators[department].ledger.entries('DELIVER');
  async function untilAllSent(): Promise<void> {
    await eventually(async () => Number((await sql("SELECT COUNT(*) AS n FROM delivery_outbox WHERE state <> 'SENT'"))[0].n) === 0, {
      timeout: 60_000,
      interval: 100,
      what: 'every delivery to go out',
    });
  }
  async function eachOnce(ids: string[]): Promise<void> {
    const keys = [...delivered('CHARITY'), ...delivered('HOUSING')].map((e) => e.key).filter((k) => ids.includes(k));
    expect(keys.length).toBe(ids.length);
    expect(new Set(keys)).toEqual(new Set(ids));
    const events = await sql("SELECT referral_id, COUNT(*) AS n FROM timeline_events WHERE type = 'REFERRAL_DELIVERED' GROUP BY referral_id");
    const perReferral = new Map(events.map((e: any) => [e.referral_id, Number(e.n)]));
    expect(ids.filter((id) => perReferral.get(id) !== 1)).toEqual([]);
  }

  it('delivers every referral of a burst of 500 after the dispatcher is killed in the middle, each applied once', async () => {
    const ids = await submit(250, ['HOUSING', 'CHARITY']);
    expect(ids).toHaveLength(500);
    // Not yet before the departments: no acknowledgement clock until delivered.
    const started = async () => Number((await sql('SELECT COUNT(*) AS n FROM referrals WHERE ack_started IS NOT NULL AND acknowledge_by > ack_started'))[0].n);
    expect(await started()).toBe(0);
    fleet.simulators.CHARITY.faults.slowMs = 40;
    fleet.simulators.HOUSING.faults.slowMs = 40;
    const first = await dispatcher();
    await eventually(() => delivered('CHARITY').length + delivered('HOUSING').length >= 100, { timeout: 60_000, interval: 10, what: 'a hundred deliveries' });
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const [left] = await sql("SELECT COUNT(*) AS n FROM delivery_outbox WHERE state = 'WAITING'");
    expect(Number(left.n)).toBeGreaterThan(0); // killed in the middle
    fleet.simulators.CHARITY.faults.slowMs = 0;
    fleet.simulators.HOUSING.faults.slowMs = 0;
    await dispatcher(); // takes over the killed one's rows once their lease runs out
    await untilAllSent();
    await eachOnce(ids);
    expect(await started()).toBe(500); // each started the day it was delivered
    const [states] = await sql("SELECT COUNT(*) AS n FROM referrals WHERE status = 'DELIVERED'");
    expect(Number(states.n)).toBe(500);
  }, 180_000);

  it('two dispatcher processes side by side send each referral once', async () => {
    await dispatcher(); // a second one beside the one still running
    const ledgerBefore = fleet.simulators.CHARITY.ledger.repeats + fleet.simulators.HOUSING.ledger.repeats;
    const ids = await submit(100, ['HOUSING', 'CHARITY']);
    await untilAllSent();
    await eachOnce(ids);
    // Leases are exclusive: no referral was even sent twice (a repeat would show in the ledgers).
    expect(fleet.simulators.CHARITY.ledger.repeats + fleet.simulators.HOUSING.ledger.repeats).toBe(ledgerBefore);
  }, 180_000);
});
