/**
 * Push delivery figures, the hub in process with the six simulated partner systems over real HTTP:
 *   npm run bench:delivery                                   # on a temporary SQLite file
 *   HUB_BENCH_DATABASE_URL=mysql://root:@127.0.0.1:3306/hub_delivery_bench npm run bench:delivery
 * 1. Throughput: HUB_BENCH_REFERRALS (10,000) referrals spread over the six departments are taken
 *    with the dispatcher stopped, then it is started: deliveries per second until all are sent.
 * 2. Lag: applications arrive at a steady pace with the dispatcher running; p50/p95 from the
 *    outbox row's commit to the partner's ledger, per department.
 * 3. The same with the medical insurance bureau down: the other five's lag should not move.
 * Numbers, not assertions.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { signToken } from '../src/access/tokens';
import { Department, Role } from '../src/access/roles';
import { checkCharacter } from '../src/access/identity-number';
import { loadConfig } from '../src/config';
import { createHub } from '../src/server';
import { connectionOf, parsePartners } from '../src/delivery/partners-file';
import { PROTOCOLS } from '../adapters';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PUSH_DEPARTMENTS, PushDepartment } from '../adapters/fleet';
import { createBenchDatabase } from './shared/database';
import { BENCH_SECRET, runBench } from './shared/hub';

const REFERRALS = Number(process.env.HUB_BENCH_REFERRALS ?? 10_000);
const LAG_SECONDS = Number(process.env.HUB_BENCH_LAG_SECONDS ?? 20);
const LAG_APPLICATIONS_PER_SECOND = Number(process.env.HUB_BENCH_RATE ?? 5);
/** HUB_BENCH_DEPARTMENTS=MEDICAL,CHARITY: push only to these (default: all six). */
const DEPARTMENTS = (process.env.HUB_BENCH_DEPARTMENTS?.split(',') ?? [...PUSH_DEPARTMENTS]) as PushDepartment[];
const CATEGORIES: Record<PushDepartment, string> = { MEDICAL: 'MEDICAL', EDUCATION: 'EDUCATION', HOUSING: 'HOUSING', EMPLOYMENT: 'EMPLOYMENT', JUDICIAL: 'LEGAL_AID', CHARITY: 'CHARITY' };

let serial = 0;
function idNumber(birth: string): string {
  serial++;
  const first17 = `${370700 + Math.floor(serial / 1000)}${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
function application(): Record<string, unknown> {
  return {
    idempotencyKey: `bench-${process.pid}-${serial}`,
    townshipCode: '370783104',
    applicant: { name: '王秀英', idNumber: idNumber('19780312') },
    applicantMonthlyIncomeFen: 60000,
    household: [
      { person: { name: '李强', idNumber: idNumber('19760520') }, relation: 'SPOUSE', seriouslyIll: true },
      { person: { name: '李小明', idNumber: idNumber('20120901') }, relation: 'CHILD', schoolStage: 'PRIMARY' },
      { person: { name: '李大伟', idNumber: idNumber('20000315') }, relation: 'CHILD', laborCapable: true },
    ],
    hardship: { medicalExpenseFen: 1_250_000 },
    categories: DEPARTMENTS.map((d) => CATEGORIES[d]),
  };
}
const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const db = await createBenchDatabase('hub_delivery_bench');
  // The partners run in a process of their own: the figures are the hub's work alone.
  const child = spawn(process.execPath, [join(__dirname, 'shared', 'fleet-process.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const fleet = JSON.parse(first) as { partnersFile: { partners: Record<string, unknown> }; env: Record<string, string>; urls: Record<PushDepartment, string> };
  const ledger = async (d: PushDepartment) =>
    (await (await fetch(`${fleet.urls[d]}/_control/ledger`)).json()) as { entries: Array<{ key: string; kind: string; at: string }>; repeats: number };
  const setFaults = (d: PushDepartment, faults: Record<string, unknown>) =>
    fetch(`${fleet.urls[d]}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  for (const d of PUSH_DEPARTMENTS) if (!DEPARTMENTS.includes(d)) delete fleet.partnersFile.partners[d];
  const partners = parsePartners(fleet.partnersFile, PROTOCOLS);
  const adapters = partners.filter((p) => p.mode === 'PUSH').map((p) => PROTOCOLS.find((x) => x.name === p.protocol)!.create(connectionOf(p, fleet.env, 'http://127.0.0.1:1')));
  const config = loadConfig({ HUB_DATABASE_URL: db.url, HUB_JWT_SECRET: BENCH_SECRET, HUB_DATA_KEY: 'cd'.repeat(32), HUB_LOG_LEVEL: 'error' });
  const running = await createHub({ config, partnerSetup: { partners, adapters }, jobs: new Set(), dispatcherOptions: { breakerOpenMs: 5_000 } });
  const server = running.app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const clerk = await signToken({ sub: 'bench', role: Role.CLERK, region: '370783', ttlSeconds: 3600 }, BENCH_SECRET, new Date());
  const sql = (q: string, p: unknown[] = []) => running.services.uow.dataSource.query(q, p);
  const submit = async () => {
    const res = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
      body: JSON.stringify({ query: 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { userErrors { code } } }', variables: { input: application() } }),
    });
    const body = (await res.json()) as { data?: { submitApplication: { userErrors: unknown[] } } };
    if (!body.data || body.data.submitApplication.userErrors.length) throw new Error(`submission refused: ${JSON.stringify(body).slice(0, 300)}`);
  };
  const waiting = async (departments: readonly string[]) => {
    const [row] = await sql(`SELECT COUNT(*) AS n FROM delivery_outbox WHERE state = 'WAITING' AND department IN (${departments.map(() => '?').join(',')})`, [...departments]);
    return Number(row.n);
  };
  const lags = async (since: string, departments: readonly PushDepartment[]) => {
    const rows: Array<{ referral_id: string; department: string; created_at: string }> = await sql(
      "SELECT referral_id, department, created_at FROM delivery_outbox WHERE kind = 'DELIVER' AND created_at >= ?",
      [since],
    );
    const created = new Map(rows.map((r) => [r.referral_id, Date.parse(r.created_at)]));
    const out: Record<string, number[]> = {};
    for (const d of departments) {
      out[d] = (await ledger(d)).entries.filter((e) => e.kind === 'DELIVER').flatMap((e) => (created.has(e.key) ? [Date.parse(e.at) - created.get(e.key)!] : []));
    }
    return out;
  };
  const report = (title: string, perDepartment: Record<string, number[]>) => {
    process.stdout.write(`${title}\n`);
    const all = Object.values(perDepartment).flat();
    for (const [d, xs] of Object.entries(perDepartment)) process.stdout.write(`  ${d.padEnd(10)} n=${String(xs.length).padStart(5)}  p50 ${percentile(xs, 50)} ms  p95 ${percentile(xs, 95)} ms\n`);
    process.stdout.write(`  ${'all'.padEnd(10)} n=${String(all.length).padStart(5)}  p50 ${percentile(all, 50)} ms  p95 ${percentile(all, 95)} ms\n`);
  };

  process.stdout.write(`push delivery bench on ${db.describe}, Node ${process.version}\n`);
  // 1. Throughput from a backlog.
  const applications = Math.ceil(REFERRALS / DEPARTMENTS.length);
  let t = Date.now();
  for (let i = 0; i < applications; i += 8) await Promise.all(Array.from({ length: Math.min(8, applications - i) }, submit));
  process.stdout.write(`took ${applications} applications (${applications * DEPARTMENTS.length} referrals to push) in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  t = Date.now();
  running.services.dispatcher.start();
  const drained = new Map<string, number>();
  while (drained.size < DEPARTMENTS.length) {
    for (const d of DEPARTMENTS) if (!drained.has(d) && (await waiting([d])) === 0) drained.set(d, (Date.now() - t) / 1000);
    await sleep(100);
  }
  const seconds = (Date.now() - t) / 1000;
  const retries = running.services.uow.retries;
  process.stdout.write(`delivered ${applications * DEPARTMENTS.length} referrals in ${seconds.toFixed(1)} s: ${((applications * DEPARTMENTS.length) / seconds).toFixed(0)} deliveries/s (${retries} transactions run again after a conflict)\n`);
  for (const d of DEPARTMENTS) {
    const l = await ledger(d);
    const n = l.entries.filter((e) => e.kind === 'DELIVER').length;
    process.stdout.write(`  ${d.padEnd(10)} ledger ${n}, repeats ${l.repeats}, its backlog sent in ${drained.get(d)!.toFixed(1)} s (${(n / drained.get(d)!).toFixed(0)}/s)\n`);
  }

  // 2. Lag at a steady pace, every partner up.
  const pace = async () => {
    const since = new Date().toISOString();
    const end = Date.now() + LAG_SECONDS * 1000;
    while (Date.now() < end) {
      const tick = Date.now();
      await submit();
      await sleep(Math.max(0, 1000 / LAG_APPLICATIONS_PER_SECOND - (Date.now() - tick)));
    }
    return since;
  };
  let since = await pace();
  const others = DEPARTMENTS.filter((d) => d !== 'MEDICAL');
  while ((await waiting(DEPARTMENTS)) > 0) await sleep(200);
  report(`lag from commit to the partner's ledger, ${LAG_APPLICATIONS_PER_SECOND} applications/s (${LAG_APPLICATIONS_PER_SECOND * DEPARTMENTS.length} referrals/s) for ${LAG_SECONDS} s, all partners up:`, await lags(since, DEPARTMENTS));

  // 3. The same with the medical insurance bureau down.
  await setFaults(Department.MEDICAL, { down: true });
  since = await pace();
  while ((await waiting(others)) > 0) await sleep(200);
  report(`the same with MEDICAL down (its referrals wait; circuit ${running.services.dispatcher.circuitState('MEDICAL')}, ${await waiting(['MEDICAL'])} waiting):`, await lags(since, others));

  server.close();
  await running.close();
  child.stdin!.end();
  await db.cleanup();
}

runBench(main);
