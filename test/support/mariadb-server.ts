/**
 * A throwaway MariaDB server for the 'mariadb' jest project.
 *
 * Why our own server instead of "whatever runs on :3306": the suite must behave the same on a fresh
 * machine, on CI and on a developer laptop that happens to run a MariaDB with real data in it. So we
 * init a private datadir in a mkdtemp directory, start `mariadbd` on a free loopback port with
 * --no-defaults (no /etc/mysql/my.cnf leaking in), and remove everything again in stop().
 *
 * Start-up typically costs ≈ 0.8 s (install-db ≈ 0.6 s + server accepting connections ≈ 0.15 s on a
 * small VM; 2–4 s on a cold disk cache or a busy machine), which is why this runs on every `npm test`
 * rather than being an opt-in.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants as fsConstants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type ThrowawayMariaDb = {
  /** `mysql://root:@127.0.0.1:<port>` — root over TCP with an empty password. */
  url: string;
  /** How long init + start-up took (and the init part of it), for the log line. */
  startupMs: number;
  initMs: number;
  /** SIGTERM, wait for exit, remove the temp dir. Safe to call twice. */
  stop(): Promise<void>;
};

export type MariaDbBinaries = { mariadbd: string; installDb: string };

/** Directories searched after $PATH: Debian/Ubuntu put mariadbd in /usr/sbin, which is not on a
 *  non-root user's PATH; /usr/local/mysql/bin is where the official tarball suggests unpacking. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/local/mysql/bin', '/opt/homebrew/bin'];

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(names: string[], preferDirs: string[] = []): string | null {
  const dirs = [...preferDirs, ...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * Locate mariadbd and mariadb-install-db, or null when MariaDB is not installed.
 *
 * HUB_TEST_MARIADBD=/path/to/mariadbd overrides the search (useful for a tarball install); setting it
 * to a path that does not exist (e.g. HUB_TEST_MARIADBD=/nonexistent) simulates a machine without
 * MariaDB, which is how the "MariaDB half skipped" path is exercised.
 */
export function findMariaDbBinaries(): MariaDbBinaries | null {
  const override = process.env.HUB_TEST_MARIADBD;
  const mariadbd = override !== undefined && override !== '' ? (isExecutable(override) ? override : null) : findOnPath(['mariadbd']);
  if (mariadbd === null) return null;
  // Prefer the install-db shipped next to the server (same version), e.g. <base>/bin in a tarball.
  const near = [dirname(mariadbd), join(dirname(dirname(mariadbd)), 'bin'), join(dirname(dirname(mariadbd)), 'scripts')];
  const installDb = findOnPath(['mariadb-install-db', 'mysql_install_db'], near);
  return installDb === null ? null : { mariadbd, installDb };
}

/** A free TCP port on 127.0.0.1: bind port 0, read what the kernel gave us, close. There is a small
 *  window in which someone else may grab it; start() retries on "address in use" for that reason. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The options of `mariadb-install-db --help` that differ between versions; we only pass the ones
 *  this version knows, because an unknown option makes install-db fail outright. */
function supportedInstallOptions(installDb: string): Set<string> {
  const help = spawnSync(installDb, ['--help'], { encoding: 'utf8', timeout: 15_000 });
  const text = `${help.stdout ?? ''}${help.stderr ?? ''}`;
  return new Set(['--skip-test-db', '--auth-root-authentication-method'].filter((o) => text.includes(o)));
}

/** Options shared by install-db (which passes unknown ones on to its bootstrap mariadbd) and the
 *  server: the InnoDB log size must match, and small buffers keep start-up and memory cheap. */
function commonServerOptions(): string[] {
  return [
    '--innodb-buffer-pool-size=64M',
    '--innodb-log-file-size=16M',
    '--skip-name-resolve', // no reverse DNS on every connect; grants below use 127.0.0.1 anyway
  ];
}

function userOption(): string[] {
  // mariadbd refuses to run as root unless told so explicitly; as anyone else --user is pointless.
  return process.getuid?.() === 0 ? [`--user=${userInfo().username}`] : [];
}

async function initDatadir(bin: MariaDbBinaries, baseDir: string, datadir: string): Promise<void> {
  const supported = supportedInstallOptions(bin.installDb);
  const args = [
    '--no-defaults', // must come first: ignore /etc/mysql/my.cnf and ~/.my.cnf
    `--datadir=${datadir}`,
    // basedir lets install-db find its SQL scripts and mariadbd for a tarball install as well.
    `--basedir=${dirname(dirname(bin.installDb))}`,
    ...(supported.has('--auth-root-authentication-method') ? ['--auth-root-authentication-method=normal'] : []),
    ...(supported.has('--skip-test-db') ? ['--skip-test-db'] : []),
    ...userOption(),
    ...commonServerOptions(),
  ];
  const log = join(baseDir, 'install-db.log');
  // Output goes to a file, not to jest's terminal: it is only interesting when something fails.
  const fd = openSync(log, 'w');
  let result;
  try {
    result = spawnSync(bin.installDb, args, { stdio: ['ignore', fd, fd], timeout: READY_TIMEOUT_MS });
  } finally {
    closeSync(fd);
  }
  if (result.status !== 0) {
    throw new Error(
      `${bin.installDb} failed (exit ${result.status ?? result.signal ?? result.error?.message}).\n` +
        `Command: ${bin.installDb} ${args.join(' ')}\n--- ${log} (tail) ---\n${tail(log)}`,
    );
  }
}

type Started = { child: ChildProcess; exited: Promise<void>; hasExited(): boolean };

function startServer(bin: MariaDbBinaries, baseDir: string, datadir: string, port: number, errorLog: string): Started {
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--socket=${join(baseDir, 'mariadbd.sock')}`,
    `--pid-file=${join(baseDir, 'mariadbd.pid')}`,
    `--tmpdir=${baseDir}`,
    `--log-error=${errorLog}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--skip-networking=0',
    ...userOption(),
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    ...commonServerOptions(),
    '--innodb-flush-log-at-trx-commit=2', // test data: durability across an OS crash is irrelevant
    '--skip-log-bin',
  ];
  // stdio ignored: everything useful goes to --log-error, and an open pipe would keep jest alive.
  const child = spawn(bin.mariadbd, args, { stdio: 'ignore' });
  let done = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      done = true;
      resolve();
    });
    child.once('error', () => {
      done = true;
      resolve();
    });
  });
  return { child, exited, hasExited: () => done };
}

/** Poll until root can log in over TCP; fail fast if the server process dies meanwhile. */
async function waitUntilReady(started: Started, port: number, errorLog: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (started.hasExited()) {
      throw new Error(`mariadbd exited during start-up (exit code ${started.child.exitCode}).\n--- ${errorLog} (tail) ---\n${tail(errorLog)}`);
    }
    try {
      const connection = await createConnection({ host: '127.0.0.1', port, user: 'root', password: '', connectTimeout: 2_000 });
      await connection.end();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await sleep(50);
    }
  }
  throw new Error(
    `mariadbd did not accept connections on 127.0.0.1:${port} within ${READY_TIMEOUT_MS / 1000} s ` +
      `(last error: ${lastError}).\n--- ${errorLog} (tail) ---\n${tail(errorLog)}`,
  );
}

/**
 * Last-resort cleanup if the jest process goes away without running globalTeardown (Ctrl-C, a crash,
 * process.exit). mariadbd ignores SIGINT, so a Ctrl-C in the terminal would otherwise leave it running
 * with its temp dir. Only synchronous work is possible in an 'exit' handler: SIGKILL + rmSync.
 */
const liveServers = new Set<{ child: ChildProcess; baseDir: string }>();
let exitHooksInstalled = false;

function killAllSync(): void {
  for (const server of liveServers) {
    try {
      server.child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
    rmSync(server.baseDir, { recursive: true, force: true });
  }
  liveServers.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.once('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllSync();
      // Re-raise so the default behaviour (or jest's own handler) still ends the process.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** Init a datadir in a fresh temp directory and start mariadbd on a free port. */
export async function startThrowawayMariaDb(binaries?: MariaDbBinaries): Promise<ThrowawayMariaDb> {
  const bin = binaries ?? findMariaDbBinaries();
  if (bin === null) {
    throw new Error('mariadbd / mariadb-install-db not found (install mariadb-server, or set HUB_TEST_MARIADBD)');
  }
  const t0 = Date.now();
  // Short prefix: the unix socket path must stay under ~100 bytes, and macOS tmpdir is long already.
  const baseDir = mkdtempSync(join(tmpdir(), 'hub-mdb-'));
  const datadir = join(baseDir, 'data');
  const errorLog = join(baseDir, 'mariadbd.err');
  try {
    await initDatadir(bin, baseDir, datadir);
    const initMs = Date.now() - t0;
    installExitHooks();
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const started = startServer(bin, baseDir, datadir, port, errorLog);
      const entry = { child: started.child, baseDir };
      liveServers.add(entry);
      try {
        await waitUntilReady(started, port, errorLog);
      } catch (error) {
        await stopChild(started);
        liveServers.delete(entry);
        // Lost the race for the port between findFreePort() and mariadbd's bind(): try another one.
        if (attempt < 3 && /address already in use|Can't start server: Bind/i.test(tail(errorLog, 10))) continue;
        throw error;
      }
      let stopped: Promise<void> | null = null;
      return {
        url: `mysql://root:@127.0.0.1:${port}`,
        startupMs: Date.now() - t0,
        initMs,
        stop: () =>
          (stopped ??= (async () => {
            await stopChild(started);
            liveServers.delete(entry);
            rmSync(baseDir, { recursive: true, force: true });
          })()),
      };
    }
  } catch (error) {
    rmSync(baseDir, { recursive: true, force: true });
    throw error;
  }
}

/** SIGTERM = clean shutdown for mariadbd; SIGKILL only if it hangs, since the data is disposable. */
async function stopChild(started: Started): Promise<void> {
  if (started.hasExited()) return;
  started.child.kill('SIGTERM');
  // The timer is cleared afterwards: a pending 30 s timer would keep jest's process alive.
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  try {
    if (await Promise.race([started.exited.then(() => false), timedOut])) {
      started.child.kill('SIGKILL');
      await started.exited;
    }
  } finally {
    clearTimeout(timer);
  }
}

/* ---------------------------------------------------------------------------------------------- *
 * Hand-off between the jest parent (globalSetup/globalTeardown) and the test workers.            *
 * globalSetup runs in the jest parent before any worker is forked, and workers inherit the        *
 * parent's process.env (verified with jest 30 and maxWorkers=2), so two env vars are enough.       *
 * ---------------------------------------------------------------------------------------------- */

/** Set by globalSetup: the server URL the workers create their databases on. */
export const SERVER_URL_ENV = 'HUB_TEST_MARIADB_SERVER_URL';
/** Set by globalSetup when the MariaDB half is skipped; the value is the notice to show. */
export const SKIPPED_ENV = 'HUB_TEST_MARIADB_SKIPPED';

/** CI=true (GitHub Actions, GitLab, …) turns "skip the MariaDB half" into a hard failure. */
export function isCi(): boolean {
  return /^(true|1|yes)$/i.test(process.env.CI ?? '');
}

export const HOW_TO_ENABLE =
  'install MariaDB (Debian/Ubuntu: apt-get install mariadb-server; macOS: brew install mariadb) so that ' +
  '`mariadbd` is found, or set HUB_TEST_MYSQL_URL=mysql://user:pass@host:port';
