/**
 * A throwaway 3-node MariaDB Galera cluster on this machine, for the Galera test and `npm run
 * bench:galera` (docs/high-availability.md). The recipe is the one in the team's stack notes:
 * three `mariadbd --no-defaults` processes, each with its own datadir, socket and ports (SQL, group
 * communication, IST, SST), the first bootstrapping the cluster, the others joining it by rsync
 * state transfer. Everything lives in one mkdtemp directory removed by stop().
 *
 * A node can be SIGKILLed (no shutdown: a crash) and restarted; it then rejoins through the
 * survivors (IST when their write-set cache covers the gap, else a full rsync SST).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants as fsConstants, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { findFreePort, findMariaDbBinaries, type MariaDbBinaries } from './mariadb-server';

const PROVIDERS = ['/usr/lib/galera/libgalera_smm.so', '/usr/lib/galera-4/libgalera_smm.so', '/usr/lib64/galera-4/libgalera_smm.so', '/usr/lib64/galera/libgalera_smm.so'];
const READY_TIMEOUT_MS = 120_000;

export interface GaleraNode {
  /** 1, 2, 3 */
  readonly number: number;
  /** The SQL port on 127.0.0.1. */
  readonly port: number;
  /** `mysql://root:@127.0.0.1:<port>` */
  readonly url: string;
  running(): boolean;
  /** SIGKILL: the node crashes, nothing is flushed or said to the others. */
  kill(): Promise<void>;
  /**
   * Starts the node again (after recovering its position from InnoDB, as `galera_recovery` does, so
   * that it can ask for an incremental state transfer); resolves once it is back in the cluster,
   * synced, and answers SQL, with the kind of state transfer it took.
   */
  restart(): Promise<'IST' | 'SST'>;
}

export interface GaleraCluster {
  readonly nodes: GaleraNode[];
  readonly baseDir: string;
  /** How long the three nodes took to form the cluster. */
  readonly startupMs: number;
  /** `mysql://root@127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3/<database>`, the node `first` listed first. */
  hubUrl(database: string, first?: number): string;
  /** wsrep_cluster_size as seen by that node. */
  clusterSize(node: GaleraNode): Promise<number>;
  /** Stops every node (SIGTERM) and removes the directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** The Galera 4 provider library, or null when galera-4 is not installed (HUB_TEST_GALERA_PROVIDER overrides). */
export function findGaleraProvider(): string | null {
  const candidates = process.env.HUB_TEST_GALERA_PROVIDER ? [process.env.HUB_TEST_GALERA_PROVIDER] : PROVIDERS;
  for (const file of candidates) {
    try {
      accessSync(file, fsConstants.R_OK);
      return file;
    } catch {
      /* next */
    }
  }
  return null;
}

/** What is missing to run a cluster here, or null when everything is. */
export function galeraUnavailable(): string | null {
  if (findMariaDbBinaries() === null) return 'mariadbd / mariadb-install-db not found (apt-get install mariadb-server)';
  if (findGaleraProvider() === null) return 'the Galera provider libgalera_smm.so not found (apt-get install galera-4)';
  if (spawnSync('rsync', ['--version']).status !== 0) return 'rsync not found (apt-get install rsync), needed for state transfers';
  return null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const isRoot = () => process.getuid?.() === 0;

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}

interface Ports {
  sql: number;
  /** Group communication (gcomm). */
  group: number;
  ist: number;
  sst: number;
}

async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}

function installDb(bin: MariaDbBinaries, datadir: string, log: string): void {
  const help = spawnSync(bin.installDb, ['--help'], { encoding: 'utf8', timeout: 15_000 });
  const text = `${help.stdout ?? ''}${help.stderr ?? ''}`;
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--basedir=${dirname(dirname(bin.installDb))}`,
    ...(text.includes('--auth-root-authentication-method') ? ['--auth-root-authentication-method=normal'] : []),
    ...(text.includes('--skip-test-db') ? ['--skip-test-db'] : []),
    ...(isRoot() ? [`--user=${userInfo().username}`] : []),
    '--innodb-buffer-pool-size=64M',
    '--innodb-log-file-size=16M',
  ];
  const fd = openSync(log, 'w');
  try {
    const result = spawnSync(bin.installDb, args, { stdio: ['ignore', fd, fd], timeout: READY_TIMEOUT_MS });
    if (result.status !== 0) throw new Error(`${bin.installDb} failed (exit ${result.status}):\n${tail(log)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts a 3-node cluster. `clusterOptions` are extra mariadbd options for every node (e.g.
 * `--wsrep-sync-wait=1`). The nodes run under `nice -n 10` when `niceness` is set.
 */
export async function startGaleraCluster(options: { size?: number; niceness?: number; serverOptions?: string[] } = {}): Promise<GaleraCluster> {
  const size = options.size ?? 3;
  const bin = findMariaDbBinaries();
  const provider = findGaleraProvider();
  const missing = galeraUnavailable();
  if (missing || !bin || !provider) throw new Error(`cannot start a Galera cluster: ${missing}`);
  const t0 = Date.now();
  const baseDir = mkdtempSync(join(tmpdir(), 'hub-galera-'));
  const all = await freePorts(4 * size);
  const ports: Ports[] = Array.from({ length: size }, (_, i) => ({ sql: all[4 * i], group: all[4 * i + 1], ist: all[4 * i + 2], sst: all[4 * i + 3] }));
  const members = ports.map((p) => `127.0.0.1:${p.group}`).join(',');
  const children = new Map<number, ChildProcess>();
  let stopped: Promise<void> | null = null;

  const dirOf = (n: number) => join(baseDir, `node${n}`);
  const datadirOf = (n: number) => join(dirOf(n), 'data');
  const errorLogOf = (n: number) => join(dirOf(n), 'mariadbd.err');

  function nodeArgs(n: number, bootstrap: boolean): string[] {
    const p = ports[n - 1];
    const dir = dirOf(n);
    return [
      '--no-defaults',
      `--datadir=${datadirOf(n)}`,
      `--socket=${join(dir, 'mariadbd.sock')}`,
      `--pid-file=${join(dir, 'mariadbd.pid')}`,
      `--tmpdir=${dir}`,
      `--log-error=${errorLogOf(n)}`,
      `--port=${p.sql}`,
      '--bind-address=127.0.0.1',
      '--skip-networking=0',
      ...(isRoot() ? [`--user=${userInfo().username}`] : []),
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--innodb-buffer-pool-size=64M',
      '--innodb-log-file-size=16M',
      '--innodb-flush-log-at-trx-commit=2',
      '--skip-name-resolve',
      // What Galera needs of every node.
      '--binlog-format=ROW',
      '--innodb-autoinc-lock-mode=2',
      '--wsrep-on=ON',
      `--wsrep-provider=${provider}`,
      '--wsrep-cluster-name=hub-galera',
      `--wsrep-node-name=node${n}`,
      `--wsrep-node-address=127.0.0.1:${p.group}`,
      `--wsrep-provider-options=base_port=${p.group};ist.recv_addr=127.0.0.1:${p.ist};gcache.size=64M`,
      '--wsrep-sst-method=rsync',
      `--wsrep-sst-receive-address=127.0.0.1:${p.sst}`,
      bootstrap ? '--wsrep-cluster-address=gcomm://' : `--wsrep-cluster-address=gcomm://${members}`,
      ...(bootstrap ? ['--wsrep-new-cluster'] : []),
      ...(options.serverOptions ?? []),
    ];
  }

  function spawnNode(n: number, bootstrap: boolean, extra: string[] = []): ChildProcess {
    // Run as root, the rsync SST daemon drops to `nobody` and must be able to write the datadir.
    if (isRoot() && !bootstrap) spawnSync('chown', ['-R', 'nobody:nogroup', datadirOf(n)]);
    const args = [...nodeArgs(n, bootstrap), ...extra];
    const [command, argv] = options.niceness ? ['nice', ['-n', String(options.niceness), bin!.mariadbd, ...args]] : [bin!.mariadbd, args];
    const child = spawn(command, argv, { stdio: 'ignore' });
    children.set(n, child);
    return child;
  }

  async function waitSynced(n: number, child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let last = '';
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Galera node ${n} exited during start-up (${child.exitCode ?? child.signalCode}).\n--- ${errorLogOf(n)} ---\n${tail(errorLogOf(n))}`);
      }
      try {
        const c = await createConnection({ host: '127.0.0.1', port: ports[n - 1].sql, user: 'root', password: '', connectTimeout: 2_000 });
        try {
          const [rows] = await c.query("SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment')");
          const status = Object.fromEntries((rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, r.Value]));
          if (status.wsrep_ready === 'ON' && status.wsrep_local_state_comment === 'Synced') return;
          last = JSON.stringify(status);
        } finally {
          await c.end();
        }
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(200);
    }
    throw new Error(`Galera node ${n} not synced within ${READY_TIMEOUT_MS / 1000} s (last: ${last}).\n--- ${errorLogOf(n)} ---\n${tail(errorLogOf(n))}`);
  }

  async function clusterSizeOn(port: number): Promise<number> {
    const c = await createConnection({ host: '127.0.0.1', port, user: 'root', password: '', connectTimeout: 2_000 });
    try {
      const [rows] = await c.query("SHOW STATUS LIKE 'wsrep_cluster_size'");
      return Number((rows as Array<{ Value: string }>)[0]?.Value ?? 0);
    } finally {
      await c.end();
    }
  }

  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

  async function stopAll(): Promise<void> {
    await Promise.all(
      [...children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited(child);
        clearTimeout(timer);
      }),
    );
    rmSync(baseDir, { recursive: true, force: true });
  }
  // A crash of the caller must not leave three servers running.
  const onExit = () => {
    for (const child of children.values()) child.kill('SIGKILL');
    rmSync(baseDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  try {
    for (let n = 1; n <= size; n++) {
      mkdirSync(dirOf(n), { recursive: true });
      installDb(bin, datadirOf(n), join(dirOf(n), 'install-db.log'));
    }
    await waitSynced(1, spawnNode(1, true));
    // Joiners one after the other: each takes a state transfer from a donor.
    for (let n = 2; n <= size; n++) await waitSynced(n, spawnNode(n, false));
    for (let n = 1; n <= size; n++) {
      const seen = await clusterSizeOn(ports[n - 1].sql);
      if (seen !== size) throw new Error(`node ${n} sees a cluster of ${seen}, expected ${size}`);
    }
  } catch (error) {
    await stopAll();
    process.removeListener('exit', onExit);
    throw error;
  }

  const nodes: GaleraNode[] = ports.map((p, i) => {
    const n = i + 1;
    return {
      number: n,
      port: p.sql,
      url: `mysql://root:@127.0.0.1:${p.sql}`,
      running: () => {
        const child = children.get(n);
        return child !== undefined && child.exitCode === null && child.signalCode === null;
      },
      async kill() {
        const child = children.get(n);
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGKILL');
        await exited(child);
      },
      async restart() {
        const child = children.get(n);
        if (child && child.exitCode === null && child.signalCode === null) throw new Error(`node ${n} is running`);
        // After a crash grastate.dat says seqno -1: read the last committed position from InnoDB
        // (mariadbd --wsrep-recover) and start from it, else the node needs a full SST.
        const recoverLog = join(dirOf(n), 'recover.log');
        rmSync(recoverLog, { force: true });
        const args = nodeArgs(n, false).map((a) => (a.startsWith('--log-error=') ? `--log-error=${recoverLog}` : a));
        spawnSync(bin.mariadbd, [...args, '--wsrep-recover'], { stdio: 'ignore', timeout: READY_TIMEOUT_MS });
        const position = /WSREP: Recovered position: ([0-9a-f-]{36}:-?\d+)/.exec(tail(recoverLog, 200))?.[1];
        const logOf = (m: number) => {
          try {
            return readFileSync(errorLogOf(m), 'utf8');
          } catch {
            return '';
          }
        };
        const others = ports.map((_, i) => i + 1).filter((m) => m !== n);
        const before = new Map(others.map((m) => [m, logOf(m).length]));
        await waitSynced(n, spawnNode(n, false, position ? [`--wsrep-start-position=${position}`] : []));
        // The joiner always runs the SST script; when IST suffices the donor bypasses the copy.
        return others.some((m) => logOf(m).slice(before.get(m)).includes('Bypassing state dump')) ? 'IST' : 'SST';
      },
    };
  });
  return {
    nodes,
    baseDir,
    startupMs: Date.now() - t0,
    hubUrl(database, first = 1) {
      const order = [...nodes.filter((x) => x.number === first), ...nodes.filter((x) => x.number !== first)];
      return `mysql://root@${order.map((x) => `127.0.0.1:${x.port}`).join(',')}/${database}`;
    },
    clusterSize: (node) => clusterSizeOn(node.port),
    stop: () =>
      (stopped ??= (async () => {
        await stopAll();
        process.removeListener('exit', onExit);
      })()),
  };
}
