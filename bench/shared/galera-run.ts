import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createConnection, type Connection } from 'mysql2/promise';
import { signToken } from '../../src/access/tokens';
import { Department, Role } from '../../src/access/roles';
import { checkCharacter } from '../../src/access/identity-number';
import { startGaleraCluster, type GaleraCluster } from '../../test/support/galera-cluster';
import { BENCH_SECRET } from './hub';

// The Galera kill test, shared by `npm run bench:galera` and the opt-in jest test: a 3-node
// cluster, three hub processes each pointed at a different node first (the other two as failover
// hosts), clerks submitting applications, department systems claiming referrals and the hubs'
// dispatchers pushing to two partner simulators — all at once; node 1 is SIGKILLed in the middle
// of the burst and restarted later. Afterwards, on a live node: every application acknowledged to a
// clerk is there exactly once, no referral was handed out twice, no delivery was applied twice.

export interface GaleraRunOptions {
  /** Length of the burst. */
  seconds: number;
  clerksPerHub: number;
  /** Claiming loops per hub for each of the two PULL departments. */
  claimersPerHub: number;
  /** Directory of the compiled bench/shared scripts (galera-hub.js, fleet-process.js). */
  scriptsDir: string;
  niceness?: number;
  /** Every hub with node 1 first (one writing node), instead of hub i on node i. */
  singleWriter?: boolean;
  log?: (line: string) => void;
}

export interface HubStats {
  retries: number;
  connectionRetries: number;
  unknownCommits: number;
  connectionsElsewhere: number;
  hostFailures: Array<{ at: string; host: string; code: unknown }>;
}

export interface GaleraFigures {
  clusterStartSeconds: number;
  /** Applications answered with HTTP 200 and a case id. */
  accepted: number;
  /** … of which found afterwards, once, with the same case id. */
  presentAfterwards: number;
  /** Idempotency keys with more than one case. */
  duplicates: number;
  /** Applications whose clerk gave up (never acknowledged), and how many of them exist anyway. */
  neverAcknowledged: number;
  neverAcknowledgedPresent: number;
  /** Submissions sent again by a clerk with the same key after an error. */
  clerkResubmissions: number;
  claimed: number;
  /** Referral ids returned by two claims, or with two REFERRAL_DELIVERED events. */
  handedOutTwice: number;
  /** Referrals leased by a claim whose answer never reached its department (COMMIT outcome unknown): they wait for the lease to run out. */
  leasedUnseen: number;
  pushed: number;
  /** Entries in the partners' ledgers, and pushed referrals applied more than once. */
  ledgerEntries: number;
  doubleDeliveries: number;
  /** Requests to a partner with an effect it had already applied (at-least-once, ignored by it). */
  ledgerRepeats: number;
  /** Transactions the hubs ran again (conflicts and certification failures, and of them connection failures). */
  hubRetries: number;
  hubConnectionRetries: number;
  hubUnknownCommits: number;
  hubStats: HubStats[];
  /** Failed client requests per hub during the burst. */
  failedRequests: number[];
  /** Per hub: the longest time without an acknowledged application, around the kill. */
  longestGapMs: number[];
  /** Node 1 killed → its hub's first acknowledged application that started after the kill. */
  hub1RecoveryMs: number;
  rejoinSeconds: number;
  /** How node 1 caught up when it came back: incremental (IST) or full (SST) state transfer. */
  rejoinedBy: 'IST' | 'SST';
  /** What the first few failed client requests said. */
  failureSamples: string[];
  tablesWithoutPrimaryKey: string[];
  /** Row counts of cases on each node at the end (equal when replicated). */
  casesPerNode: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PUSHED = ['HOUSING', 'CHARITY'] as const;
const PULLED = [Department.MEDICAL, Department.EDUCATION] as const;

let serial = 0;
function idNumber(birth: string): string {
  serial++;
  const first17 = `${370700 + Math.floor(serial / 1000)}${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
function application(key: string): Record<string, unknown> {
  return {
    idempotencyKey: key,
    townshipCode: '370783104',
    applicant: { name: '王秀英', idNumber: idNumber('19780312') },
    applicantMonthlyIncomeFen: 60000,
    household: [{ person: { name: '李强', idNumber: idNumber('19760520') }, relation: 'SPOUSE', seriouslyIll: true }],
    hardship: { medicalExpenseFen: 1_250_000 },
    categories: ['MEDICAL', 'EDUCATION', 'HOUSING', 'CHARITY'],
  };
}

const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { case { id } userErrors { code } } }';
const CLAIM = 'mutation ($department: Department!) { claimReferrals(department: $department, limit: 5, leaseSeconds: 3600) { referrals { id } userErrors { code } } }';

async function firstLine(child: ChildProcess, output: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output.join('')}`)), 120_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${output.join('')}`)));
  });
}

export async function runGaleraScenario(options: GaleraRunOptions): Promise<GaleraFigures> {
  const log = options.log ?? (() => undefined);
  const nice = (argv: string[]) => (options.niceness ? ['nice', ['-n', String(options.niceness), ...argv]] : [argv[0], argv.slice(1)]) as [string, string[]];
  const dir = mkdtempSync(join(tmpdir(), 'hub-galera-bench-'));
  const children: ChildProcess[] = [];
  let cluster: GaleraCluster | null = null;
  const connections: Connection[] = [];
  try {
    const t0 = Date.now();
    cluster = await startGaleraCluster({ niceness: options.niceness, serverOptions: ['--wsrep-sync-wait=1'] });
    const clusterStartSeconds = (Date.now() - t0) / 1000;
    log(`cluster of 3 nodes synced in ${clusterStartSeconds.toFixed(1)} s (ports ${cluster.nodes.map((n) => n.port).join(', ')})`);
    const connect = async (port: number) => {
      const c = await createConnection({ host: '127.0.0.1', port, user: 'root', password: '', database: undefined });
      connections.push(c);
      return c;
    };
    const admin = await connect(cluster.nodes[0].port);
    await admin.query('CREATE DATABASE hub CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');

    // The partner simulators, in a process of their own; HOUSING and CHARITY push, the rest pull.
    const fleetOutput: string[] = [];
    const fleetChild = spawn(process.execPath, [join(options.scriptsDir, 'fleet-process.js')], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(fleetChild);
    fleetChild.stderr!.on('data', (b: Buffer) => fleetOutput.push(String(b)));
    const fleet = JSON.parse(await firstLine(fleetChild, fleetOutput, 'partner fleet')) as {
      partnersFile: { partners: Record<string, unknown> };
      env: Record<string, string>;
      urls: Record<string, string>;
    };
    for (const d of Object.keys(fleet.partnersFile.partners)) if (!(PUSHED as readonly string[]).includes(d)) delete fleet.partnersFile.partners[d];
    writeFileSync(join(dir, 'partners.json'), JSON.stringify(fleet.partnersFile));

    // Three hub processes, hub i on node i first; one after the other (the first migrates).
    const hubs: Array<{ base: string; stats: string; output: string[] }> = [];
    for (let i = 1; i <= 3; i++) {
      const output: string[] = [];
      const [command, argv] = nice([process.execPath, join(options.scriptsDir, 'galera-hub.js')]);
      const child = spawn(command, argv, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          HUB_DATABASE_URL: cluster.hubUrl('hub', options.singleWriter ? 1 : i),
          HUB_JWT_SECRET: BENCH_SECRET,
          HUB_DATA_KEY: 'cd'.repeat(32),
          HUB_LOG_LEVEL: 'error',
          HUB_PARTNERS_FILE: join(dir, 'partners.json'),
          HUB_PUBLIC_URL: 'http://127.0.0.1:1',
          ...fleet.env,
        },
      });
      children.push(child);
      child.stderr!.on('data', (b: Buffer) => output.push(String(b)));
      const { port, statsPort } = JSON.parse(await firstLine(child, output, `hub ${i}`)) as { port: number; statsPort: number };
      child.stdout!.on('data', (b: Buffer) => output.push(String(b)));
      hubs.push({ base: `http://127.0.0.1:${port}/graphql`, stats: `http://127.0.0.1:${statsPort}/`, output });
      log(`hub ${i} on ${cluster.hubUrl('hub', options.singleWriter ? 1 : i).replace(/^mysql:\/\/root@/, '')}`);
    }

    const now = new Date();
    const clerk = await signToken({ sub: 'bench-clerk', role: Role.CLERK, region: '370783', ttlSeconds: 7200 }, BENCH_SECRET, now);
    const department = Object.fromEntries(
      await Promise.all(PULLED.map(async (d) => [d, await signToken({ sub: `bench-${d}`, role: Role.DEPARTMENT, department: d, region: '370783', ttlSeconds: 7200 }, BENCH_SECRET, now)])),
    ) as Record<string, string>;
    const gql = async (hub: number, token: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(hubs[hub].base, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
      return { status: res.status, body };
    };

    // The burst.
    const acknowledged = new Map<string, string>();
    const given = new Set<string>(); // keys whose clerk gave up
    let clerkResubmissions = 0;
    const failedRequests = [0, 0, 0];
    const failureSamples: string[] = [];
    const sample = (hub: number, what: string) => {
      if (failureSamples.length < 12) failureSamples.push(`hub ${hub + 1} at +${((Date.now() - start) / 1000).toFixed(1)} s: ${what.slice(0, 200)}`);
    };
    const acks: Array<Array<{ start: number; end: number }>> = [[], [], []];
    const claims: string[] = [];
    let claimErrors = 0;
    const start = Date.now();
    const stopAt = start + options.seconds * 1000;
    let keySerial = 0;

    const clerkLoop = async (hub: number) => {
      while (Date.now() < stopAt) {
        const key = `galera-${hub}-${++keySerial}`;
        const input = application(key);
        let done = false;
        for (let attempt = 0; attempt < 30 && !done; attempt++) {
          const t = Date.now();
          try {
            const { status, body } = await gql(hub, clerk, SUBMIT, { input });
            const payload = body.data?.submitApplication;
            if (status === 200 && payload?.case?.id) {
              acknowledged.set(key, payload.case.id);
              acks[hub].push({ start: t, end: Date.now() });
              done = true;
              break;
            }
            if (payload?.userErrors?.length) throw new Error(`refused: ${JSON.stringify(payload.userErrors)}`);
            sample(hub, `HTTP ${status} ${JSON.stringify(body.errors ?? body).slice(0, 200)}`);
          } catch (error) {
            if (String(error).includes('refused:')) throw error;
            sample(hub, String(error));
          }
          failedRequests[hub]++;
          clerkResubmissions++;
          await sleep(250);
        }
        if (!done) given.add(key);
      }
    };
    const claimLoop = async (hub: number, d: string) => {
      while (Date.now() < stopAt) {
        try {
          const { status, body } = await gql(hub, department[d], CLAIM, { department: d });
          const payload = body.data?.claimReferrals;
          if (status === 200 && payload) for (const r of payload.referrals as Array<{ id: string }>) claims.push(r.id);
          else claimErrors++;
        } catch {
          claimErrors++;
        }
        await sleep(150);
      }
    };

    const loops: Promise<void>[] = [];
    for (let hub = 0; hub < 3; hub++) {
      for (let c = 0; c < options.clerksPerHub; c++) loops.push(clerkLoop(hub));
      for (const d of PULLED) for (let c = 0; c < options.claimersPerHub; c++) loops.push(claimLoop(hub, d));
    }
    const killAt = start + options.seconds * 350;
    await sleep(killAt - Date.now());
    const killed = Date.now();
    await cluster.nodes[0].kill();
    log(`node 1 SIGKILLed ${((killed - start) / 1000).toFixed(1)} s into the burst`);
    await sleep(Math.max(0, start + options.seconds * 650 - Date.now()));
    const restartAt = Date.now();
    const rejoined = cluster.nodes[0].restart().then((by) => ({ by, seconds: (Date.now() - restartAt) / 1000 }));
    log(`node 1 restarting ${((restartAt - start) / 1000).toFixed(1)} s into the burst`);
    await Promise.all(loops);
    const { by: rejoinedBy, seconds: rejoinSeconds } = await rejoined;
    log(`burst over; node 1 rejoined (synced, by ${rejoinedBy}) ${rejoinSeconds.toFixed(1)} s after its restart, cluster size ${await cluster.clusterSize(cluster.nodes[0])}`);

    // Settle: every outbox row sent (checked on node 2, which never went down).
    const check = await connect(cluster.nodes[1].port);
    await check.query('USE hub');
    const one = async (sql: string, params: unknown[] = []) => ((await check.query(sql, params))[0] as Array<Record<string, any>>)[0];
    for (let i = 0; i < 600; i++) {
      if (Number((await one("SELECT COUNT(*) AS n FROM delivery_outbox WHERE state = 'WAITING'")).n) === 0) break;
      await sleep(200);
    }

    // Every application acknowledged is there once, with the case id the clerk was given.
    const [caseRows] = await check.query('SELECT idempotency_key AS k, COUNT(*) AS n, MIN(id) AS id FROM cases GROUP BY idempotency_key');
    const byKey = new Map((caseRows as Array<{ k: string; n: number; id: string }>).map((r) => [r.k, r]));
    let presentAfterwards = 0;
    for (const [key, id] of acknowledged) if (byKey.get(key)?.id === id && Number(byKey.get(key)!.n) === 1) presentAfterwards++;
    const duplicates = [...byKey.values()].filter((r) => Number(r.n) > 1).length;
    const neverAcknowledgedPresent = [...given].filter((k) => byKey.has(k)).length;

    // No referral handed out twice: by the claims' answers and by the timeline.
    const claimedTwice = claims.length - new Set(claims).size;
    const seen = new Set(claims);
    const leased = (await check.query("SELECT id FROM referrals WHERE delivery_mode = 'PULL' AND claim_token IS NOT NULL"))[0] as Array<{ id: string }>;
    const leasedUnseen = leased.filter((r) => !seen.has(r.id)).length;
    const twiceInTimeline = Number((await one("SELECT COUNT(*) AS n FROM (SELECT referral_id FROM timeline_events WHERE type = 'REFERRAL_DELIVERED' GROUP BY referral_id HAVING COUNT(*) > 1) t")).n);

    // No delivery applied twice: the partners' ledgers against the pushed referrals.
    const pushed = Number((await one("SELECT COUNT(*) AS n FROM referrals WHERE delivery_mode = 'PUSH'")).n);
    let ledgerEntries = 0;
    let ledgerRepeats = 0;
    let doubleDeliveries = 0;
    for (const d of PUSHED) {
      const ledger = (await (await fetch(`${fleet.urls[d]}/_control/ledger`)).json()) as { entries: Array<{ key: string; kind: string }>; repeats: number };
      const delivers = ledger.entries.filter((e) => e.kind === 'DELIVER').map((e) => e.key);
      ledgerEntries += delivers.length;
      ledgerRepeats += ledger.repeats;
      doubleDeliveries += delivers.length - new Set(delivers).size;
    }

    const tablesWithoutPrimaryKey = ((await check.query(
      `SELECT t.TABLE_NAME AS name FROM information_schema.TABLES t
        LEFT JOIN information_schema.TABLE_CONSTRAINTS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY'
        WHERE t.TABLE_SCHEMA = 'hub' AND t.TABLE_TYPE = 'BASE TABLE' AND c.CONSTRAINT_NAME IS NULL`,
    ))[0] as Array<{ name: string }>).map((r) => r.name);

    const casesPerNode: number[] = [];
    for (const node of cluster.nodes) {
      const c = await connect(node.port);
      const [rows] = await c.query('SELECT COUNT(*) AS n FROM hub.cases');
      casesPerNode.push(Number((rows as Array<{ n: number }>)[0].n));
    }

    const hubStats = await Promise.all(hubs.map(async (h) => (await (await fetch(h.stats)).json()) as HubStats));
    const longestGapMs = acks.map((list) => {
      const ends = list.map((a) => a.end).sort((a, b) => a - b);
      let gap = 0;
      for (let i = 1; i < ends.length; i++) if (ends[i] >= killed && ends[i - 1] <= killed + 30_000) gap = Math.max(gap, ends[i] - ends[i - 1]);
      return gap;
    });
    const firstAfter = acks[0].filter((a) => a.start >= killed).map((a) => a.end).sort((a, b) => a - b)[0];
    if (claimErrors > 0) log(`${claimErrors} claim requests failed (the department system claims again)`);
    for (const [i, h] of hubs.entries()) {
      const errors = h.output.join('').split('\n').filter((l) => l.includes('"level":50'));
      if (errors.length) log(`hub ${i + 1} logged ${errors.length} errors, e.g. ${errors.slice(0, 2).map((l) => l.slice(0, 400)).join(' | ')}`);
    }
    return {
      clusterStartSeconds,
      accepted: acknowledged.size,
      presentAfterwards,
      duplicates,
      neverAcknowledged: given.size,
      neverAcknowledgedPresent,
      clerkResubmissions,
      claimed: claims.length,
      handedOutTwice: claimedTwice + twiceInTimeline,
      leasedUnseen,
      pushed,
      ledgerEntries,
      doubleDeliveries,
      ledgerRepeats,
      hubRetries: hubStats.reduce((s, h) => s + h.retries, 0),
      hubConnectionRetries: hubStats.reduce((s, h) => s + h.connectionRetries, 0),
      hubUnknownCommits: hubStats.reduce((s, h) => s + h.unknownCommits, 0),
      hubStats,
      failedRequests,
      longestGapMs,
      hub1RecoveryMs: firstAfter === undefined ? NaN : firstAfter - killed,
      rejoinSeconds,
      rejoinedBy,
      failureSamples,
      tablesWithoutPrimaryKey,
      casesPerNode,
    };
  } finally {
    for (const c of connections) await c.end().catch(() => undefined);
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.stdin) child.stdin.end();
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
