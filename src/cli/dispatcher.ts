import 'reflect-metadata';
import { exitOnConfigError, loadConfigOrExit } from './config-or-exit';
import { createHub } from '../server';
import { jobsOf } from '../jobs';

/**
 * npm run dispatcher: delivery alone, without serving the API (several may run on one database;
 * each leases its rows). Callbacks still come to the hub processes that serve HTTP.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const running = await createHub({ config, jobs: jobsOf(config, 'dispatcher-only') });
  const pushing = running.services.adapterRegistry.pushing().map((a) => a.department);
  running.logger.info({ departments: pushing }, 'dispatcher running');
  process.stdout.write(pushing.length ? `Dispatcher delivering to ${pushing.join(', ')}\n` : 'No PUSH department in the partner file: nothing to deliver.\n');
  const shutdown = () => running.close().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  process.stderr.write(`The dispatcher could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
