/**
 * The hub on a 3-node MariaDB Galera cluster, with a node killed in the middle of a burst:
 *   npm run bench:galera
 *   HUB_BENCH_SECONDS=60 HUB_BENCH_CLERKS=3 npm run bench:galera
 *   HUB_BENCH_SINGLE_WRITER=1 npm run bench:galera   # every hub with node 1 first
 * Starts its own cluster on this machine (mariadbd, galera-4 and rsync installed; throwaway
 * datadirs under the temporary directory), three hub processes (hub i on node i first, the other
 * two as failover hosts), the partner simulators, and runs the burst of bench/shared/galera-run.ts.
 * Everything heavy runs under `nice -n 10`. Prints the counts; exits 1 when a check fails.
 * See docs/high-availability.md.
 */
import { join } from 'node:path';
import { galeraUnavailable } from '../test/support/galera-cluster';
import { runGaleraScenario } from './shared/galera-run';
import { runBench } from './shared/hub';

const SECONDS = Number(process.env.HUB_BENCH_SECONDS ?? 40);
const CLERKS = Number(process.env.HUB_BENCH_CLERKS ?? 2);
const CLAIMERS = Number(process.env.HUB_BENCH_CLAIMERS ?? 1);
const SINGLE_WRITER = process.env.HUB_BENCH_SINGLE_WRITER === '1';

async function main(): Promise<void> {
  const missing = galeraUnavailable();
  if (missing) throw new Error(`bench:galera needs a Galera cluster on this machine: ${missing}`);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Galera kill test: ${SECONDS} s burst, ${CLERKS} clerks and ${CLAIMERS} claimer(s) per PULL department per hub, ${SINGLE_WRITER ? 'every hub on node 1 first' : 'hub i on node i first'}, Node ${process.version}`);
  const f = await runGaleraScenario({ seconds: SECONDS, clerksPerHub: CLERKS, claimersPerHub: CLAIMERS, singleWriter: SINGLE_WRITER, scriptsDir: join(__dirname, 'shared'), niceness: 10, log: (l) => say(`  ${l}`) });
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  say('');
  say(`applications acknowledged to clerks (HTTP 200, case id): ${f.accepted}`);
  say(`  present afterwards, once, same case id:                ${f.presentAfterwards}`);
  say(`  idempotency keys with more than one case:             ${f.duplicates}`);
  say(`  given up by their clerk (30 tries): ${f.neverAcknowledged}, of which stored anyway: ${f.neverAcknowledgedPresent}`);
  say(`  sent again by a clerk with the same key after an error: ${f.clerkResubmissions}`);
  say(`referrals claimed: ${f.claimed}; handed out twice: ${f.handedOutTwice}; leased by a claim whose answer was lost (back to PENDING when the lease runs out): ${f.leasedUnseen}`);
  say(`referrals pushed: ${f.pushed}; in the partners' ledgers: ${f.ledgerEntries}; applied twice: ${f.doubleDeliveries}; repeated requests the partners ignored: ${f.ledgerRepeats}`);
  say(`transactions run again by the hubs: ${f.hubRetries} (deadlocks, certification failures and unique-key races: ${f.hubRetries - f.hubConnectionRetries}; after a connection or node failure: ${f.hubConnectionRetries}); COMMIT outcome unknown, given up: ${f.hubUnknownCommits}`);
  for (const [i, s] of f.hubStats.entries()) {
    say(`  hub ${i + 1}: ${s.retries} retries, ${s.connectionRetries} after connection failures, ${s.connectionsElsewhere} connections from a failover host, host failures ${s.hostFailures.length}${s.hostFailures.length ? ` (${[...new Set(s.hostFailures.map((h) => `${h.host} ${h.code}`))].join('; ')})` : ''}`);
  }
  say(`failed client requests per hub: ${f.failedRequests.join(' / ')}`);
  for (const line of f.failureSamples) say(`  ${line}`);
  say(`longest time without an acknowledged application around the kill, per hub: ${f.longestGapMs.map(seconds).join(' / ')}`);
  say(`hub 1 (on the killed node): first acknowledged application started after the kill, ${seconds(f.hub1RecoveryMs)} after it`);
  say(`node 1 rejoined by ${f.rejoinedBy} in ${f.rejoinSeconds.toFixed(1)} s; cases on each node at the end: ${f.casesPerNode.join(' / ')}`);
  say(`tables without a primary key: ${f.tablesWithoutPrimaryKey.length ? f.tablesWithoutPrimaryKey.join(', ') : 'none'}`);
  const ok =
    f.accepted > 0 &&
    f.presentAfterwards === f.accepted &&
    f.duplicates === 0 &&
    f.handedOutTwice === 0 &&
    f.doubleDeliveries === 0 &&
    f.ledgerEntries === f.pushed &&
    f.tablesWithoutPrimaryKey.length === 0 &&
    new Set(f.casesPerNode).size === 1;
  say(ok ? 'every check passed' : 'A CHECK FAILED');
  if (!ok) process.exitCode = 1;
}

runBench(main);
