import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { setUpPartners } from '../../src/delivery/partners-setup';
import { createHub } from '../../src/server';
import { PROTOCOLS } from '../../adapters';
import { hubInternals } from './hub';
import type { FailoverPool, HostFailure } from '../../src/db/database-hosts';

// One hub process of the Galera bench: the hub as `npm start` composes it (settings from the
// environment: HUB_DATABASE_URL with the cluster's hosts, the partner file; dispatcher running),
// plus a second tiny HTTP server with the hub's internal counters, which the real hub does not
// publish. Prints one JSON line { port, statsPort } once it listens; runs until SIGTERM.

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await createHub({ config, partnerSetup: setUpPartners(config, PROTOCOLS), jobs: new Set(['dispatcher']) });
  const server = running.app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const internals = hubInternals(running);
  const { uow } = running.services;
  const pool = (internals.dataSource.driver as unknown as { pool?: FailoverPool }).pool;
  const hostFailures: Array<HostFailure & { at: string }> = [];
  pool?.on('host-failed', (f: HostFailure) => hostFailures.push({ at: new Date().toISOString(), ...f }));
  const stats = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        retries: uow.retries,
        connectionRetries: uow.connectionRetries,
        unknownCommits: uow.unknownCommits,
        connectionsElsewhere: pool?.connectionsElsewhere ?? 0,
        hostFailures,
      }),
    );
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => stats.once('listening', resolve));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, statsPort: (stats.address() as AddressInfo).port })}\n`);
  process.on('SIGTERM', () => {
    server.close();
    stats.close();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
