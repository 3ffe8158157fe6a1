import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { BENCH_SECRET } from '../shared/hub';
import { findFreePort } from '../../test/support/mariadb-server';

/**
 * HUB_BENCH_WORKERS=N: the hub under measure runs as it is deployed, `node src/main.js` with
 * HUB_WORKERS=N (node:cluster), in processes of its own; the bench process then only sends the
 * HTTP requests. Its statements are counted by the server (the growth of MariaDB's `Questions`,
 * less the bench's own reads of it), so nothing else may use the server during a hub phase.
 */
export interface HubCluster {
  url: string;
  statements(): Promise<number>;
  stop(): Promise<void>;
}


export async function startHubCluster(databaseUrl: string, workers: number): Promise<HubCluster> {
  const port = await findFreePort();
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', '..', 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: process.env.NODE_ENV ?? '',
      PORT: String(port),
      HUB_WORKERS: String(workers),
      HUB_DATABASE_URL: databaseUrl,
      HUB_JWT_SECRET: BENCH_SECRET,
      HUB_DATA_KEY: 'cd'.repeat(32),
      HUB_LOG_LEVEL: 'info', // each worker's "hub listening" tells the bench it is up
      // The bench drives the scan itself; the periodic one would add statements to a phase.
      HUB_SLA_SCAN_SECONDS: '86400',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const url = `http://127.0.0.1:${port}/graphql`;
  // Ready when every worker has logged that it listens.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the hub cluster exited: ${output.slice(-2000)}`);
    if (i > 600) throw new Error(`the hub cluster did not start: ${output.slice(-2000)}`);
    const ok = await fetch(url.replace('/graphql', '/healthz')).then((r) => r.ok, () => false);
    if (ok && (output.match(/"msg":"hub listening"/g) ?? []).length >= workers) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const admin = await createConnection({ uri: databaseUrl });
  let reads = 0;
  return {
    url,
    async statements() {
      const [rows] = await admin.query("SHOW GLOBAL STATUS LIKE 'Questions'");
      reads++;
      return Number((rows as Array<{ Value: string }>)[0].Value) - reads;
    },
    async stop() {
      await admin.end();
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
