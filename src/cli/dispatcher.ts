import 'reflect-metadata';
import { loadConfigOrExit, partnersOrExit } from './config-or-exit';
import { createHub } from '../server';

/**
 * npm run dispatcher: delivery alone, without serving the API (several may run on one database;
 * each leases its rows). Callbacks still come to the hub processes that serve HTTP.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const partners = partnersOrExit(config);
  const running = await createHub({ config, ...partners, startScanner: false, startDispatcher: true });
  const pushing = partners.partners.filter((p) => p.mode === 'PUSH').map((p) => p.department);
  running.logger.info({ departments: pushing }, 'dispatcher running');
  process.stdout.write(pushing.length ? `Dispatcher delivering to ${pushing.join(', ')}\n` : 'No PUSH department in the partner file: nothing to deliver.\n');
  const shutdown = () => running.close().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`The dispatcher could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
