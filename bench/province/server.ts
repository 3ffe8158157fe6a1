import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { createConnection } from 'mysql2/promise';
import { findFreePort, findMariaDbBinaries } from '../../test/support/mariadb-server';

// The province's MariaDB: a mariadbd of the installed binaries (found as the tests' throwaway
// server finds them, test/support/mariadb-server.ts), but with a datadir that can outlive the
// run and an InnoDB sized for ten million rows (HUB_PROVINCE_BUFFER_POOL, 8G). After seeding, the
// datadir is copied to `seeded/`; HUB_PROVINCE_REUSE=1 starts the next run from a fresh copy of it
// instead of seeding again, so every run measures the same data.

export interface ProvinceServer {
  /** mysql://root:@127.0.0.1:port (no database). */
  url: string;
  pid: number;
  /** True when the data came from an earlier run's seeded copy. */
  reused: boolean;
  /** Stops the server cleanly; snapshot() first to keep the data as the seeded copy. */
  stop(): Promise<void>;
  /** Stops the server, copies its datadir to the seeded copy, starts it again. */
  snapshot(marker: object): Promise<void>;
  marker: Record<string, unknown> | null;
}

const userOption = () => (process.getuid?.() === 0 ? [`--user=${userInfo().username}`] : []);

export async function provinceServer(baseDir: string, reuse: boolean): Promise<ProvinceServer> {
  const bin = findMariaDbBinaries();
  if (!bin) throw new Error('mariadbd not found (install mariadb-server, or set HUB_TEST_MARIADBD)');
  const data = join(baseDir, 'data');
  const seeded = join(baseDir, 'seeded');
  const markerFile = join(seeded, 'province.json');
  mkdirSync(baseDir, { recursive: true });
  const reused = reuse && existsSync(markerFile);
  rmSync(data, { recursive: true, force: true });
  if (reused) {
    const t0 = performance.now();
    cpSync(join(seeded, 'data'), data, { recursive: true });
    process.stdout.write(`datadir copied from ${seeded} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  } else {
    rmSync(seeded, { recursive: true, force: true });
    const r = spawnSync(
      bin.installDb,
      ['--no-defaults', `--datadir=${data}`, `--basedir=${dirname(dirname(bin.installDb))}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...userOption()],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`${bin.installDb} failed: ${r.stdout}${r.stderr}`);
  }
  const pool = process.env.HUB_PROVINCE_BUFFER_POOL ?? '8G';
  let child: ChildProcess;
  let port = 0;
  const start = async () => {
    port = await findFreePort();
    const log = join(baseDir, 'mariadbd.err');
    child = spawn(
      bin.mariadbd,
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--socket=${join(baseDir, 'mariadbd.sock')}`,
        `--pid-file=${join(baseDir, 'mariadbd.pid')}`,
        `--tmpdir=${baseDir}`,
        `--log-error=${log}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        ...userOption(),
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        `--innodb-buffer-pool-size=${pool}`,
        '--innodb-log-file-size=2G',
        '--innodb-log-buffer-size=64M',
        '--innodb-flush-log-at-trx-commit=2', // as the tests' throwaway server; see bench/README.md
        '--skip-log-bin',
        '--skip-name-resolve',
        '--max-connections=500',
        '--local-infile=1',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited: ${readFileSync(log, 'utf8').split('\n').slice(-20).join('\n')}`);
      try {
        const c = await createConnection({ host: '127.0.0.1', port, user: 'root', password: '' });
        await c.end();
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  const server: ProvinceServer = {
    get url() {
      return `mysql://root:@127.0.0.1:${port}`;
    },
    get pid() {
      return child.pid!;
    },
    reused,
    marker: reused ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Record<string, unknown>) : null,
    stop,
    async snapshot(marker: object) {
      await stop();
      const t0 = performance.now();
      rmSync(seeded, { recursive: true, force: true });
      cpSync(data, join(seeded, 'data'), { recursive: true });
      writeFileSync(markerFile, JSON.stringify(marker, null, 2));
      process.stdout.write(`seeded datadir kept in ${seeded} (${((performance.now() - t0) / 1000).toFixed(1)} s to copy); HUB_PROVINCE_REUSE=1 starts from it\n`);
      await start();
    },
  };
  return server;
}
