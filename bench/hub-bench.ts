/**
 * Load figures for the hub, measured over real HTTP against an in-process hub:
 *   npm run bench                                   # on a temporary SQLite file
 *   HUB_BENCH_DATABASE_URL=mysql://root:@127.0.0.1:3306/hub_bench npm run bench   # on MySQL/MariaDB (empty utf8mb4 database)
 * Prints submissions per second, claims per second with concurrent claimers (and retries), and
 * the latency of a dashboard page of 100 cases. Numbers, not assertions: tests assert counts.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { signToken } from '../src/access/tokens';
import { Department, Role } from '../src/access/roles';
import { checkCharacter } from '../src/access/identity-number';
import { BENCH_SECRET, bootHub, hubInternals, runBench } from './shared/hub';

const CASES = Number(process.env.HUB_BENCH_CASES ?? 600);
const CLAIMERS = Number(process.env.HUB_BENCH_CLAIMERS ?? 4);

function idNumber(n: number): string {
  const first17 = `370783${1950 + (n % 50)}0101${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
  return first17 + checkCharacter(first17);
}

async function main(): Promise<void> {
  const url = process.env.HUB_BENCH_DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-bench-')), 'hub.sqlite')}`;
  const { running, config } = await bootHub(url);
  const hub = hubInternals(running);
  const server = running.app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const token = (role: Role, region: string, department?: Department, sub = 'bench') =>
    signToken({ sub, role, region, department, ttlSeconds: 3600 }, BENCH_SECRET, new Date());
  const gql = async (bearer: string, query: string, variables?: unknown) => {
    const res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
    return body.data;
  };
  const clerk = await token(Role.CLERK, '370783');
  const submit = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { case { id } userErrors { code } } }`;
  const stamp = Date.now();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < CASES) {
        const n = next++;
        await gql(clerk, submit, {
          input: {
            idempotencyKey: `bench-${stamp}-${n}`,
            townshipCode: n % 2 ? '370783104' : '370783001',
            applicant: { name: '测试', idNumber: idNumber(n) },
            categories: ['LEGAL_AID', 'MEDICAL'],
            mode: 'EMERGENCY',
            emergencyAdvanceFen: 1000,
          },
        });
      }
    }),
  );
  const submitSeconds = (performance.now() - started) / 1000;

  const claimStarted = performance.now();
  const retriesBefore = hub.transactionRetries();
  let claimed = 0;
  await Promise.all(
    Array.from({ length: CLAIMERS }, async (_, i) => {
      const t = await token(Role.DEPARTMENT, '370783', Department.JUDICIAL, `judicial-${i}`);
      for (;;) {
        const data = await gql(t, 'mutation { claimReferrals(department: JUDICIAL, limit: 20) { referrals { id } } }');
        if (data.claimReferrals.referrals.length === 0) return;
        claimed += data.claimReferrals.referrals.length;
      }
    }),
  );
  const claimSeconds = (performance.now() - claimStarted) / 1000;

  const dashboard = await token(Role.DASHBOARD, '37');
  const page = `{ cases(first: 100) { edges { node { id caseNo applicant { name idNumber } household { relation person { name idNumber } }
    referrals { status sla { state dueDate } } sla { state } timeline { type at referral { id } } } } } }`;
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < 20; i++) {
    const before = hub.statements.count;
    const t0 = performance.now();
    await gql(dashboard, page);
    times.push(performance.now() - t0);
    statements = hub.statements.count - before;
  }
  times.sort((a, b) => a - b);

  const rows: Array<[string, string]> = [
    ['database', config.database.kind],
    ['submissions', `${CASES} in ${submitSeconds.toFixed(1)} s = ${(CASES / submitSeconds).toFixed(0)}/s (4 concurrent clerks)`],
    ['claims', `${claimed} referrals in ${claimSeconds.toFixed(1)} s = ${(claimed / claimSeconds).toFixed(0)}/s (${CLAIMERS} claimers, limit 20, ${hub.transactionRetries() - retriesBefore} transaction retries)`],
    ['dashboard page (100 cases)', `p50 ${times[10].toFixed(0)} ms, p95 ${times[18].toFixed(0)} ms, ${statements} SQL statements`],
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(28)} ${v}\n`);
  server.close();
  await running.close();
}

runBench(main);
