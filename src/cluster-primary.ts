import cluster, { Worker } from 'node:cluster';
import pino from 'pino';
import { HubConfig } from './config';
import { resolveSecrets } from './access/dev-secrets';
import { createDataSource, StatementCounter } from './db/data-source';
import { applyMigrations } from './db/migrate';
import { createLogger } from './logger';
import { serveClusterMetrics } from './cluster-metrics';

// HUB_WORKERS > 1: this process only supervises. It applies pending migrations and makes the
// development secrets once (so the workers do not race to), then forks the workers, which share the port (node:cluster hands
// connections round-robin) and coordinate through the database as separate hub processes do.
// Worker 1 also runs the periodic jobs (src/jobs.ts); every worker runs a dispatcher.

/** Env of a worker: its number (1…N). */
export const WORKER_INDEX = 'HUB_WORKER_INDEX';

const RESTART_DELAY_MS = 1000;

export async function runPrimary(config: HubConfig): Promise<void> {
  // Written at once: the supervisor's few lines (a worker died) must not wait in a buffer.
  const logger = createLogger(pino.destination({ dest: 1, sync: true }), config.logLevel);
  const dataSource = createDataSource(config.database, new StatementCounter());
  await dataSource.initialize();
  await applyMigrations(dataSource, logger);
  await dataSource.destroy();
  // Development secrets are generated here, once, before any worker reads the file: two workers
  // generating their own would seal identity numbers with different keys.
  resolveSecrets(config);

  let stopping = false;
  const workers = new Map<number, Worker>();
  const fork = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX]: String(index) });
    workers.set(index, worker);
    worker.on('exit', (code, signal) => {
      workers.delete(index);
      if (stopping) {
        if (workers.size === 0) process.exit(0);
        return;
      }
      // A worker that died is replaced; its claims and outbox leases run out and are taken again.
      logger.error({ worker: index, code, signal }, 'hub worker exited; starting another');
      setTimeout(() => fork(index), RESTART_DELAY_MS).unref();
    });
  };
  for (let index = 1; index <= config.workers; index++) fork(index);
  // A scrape of /metrics, whichever worker takes it, shows the sum of every worker's figures.
  serveClusterMetrics();
  logger.info({ workers: config.workers, port: config.port }, 'hub workers started');

  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (workers.size === 0) process.exit(0);
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
