import 'reflect-metadata';
import { loadConfigOrExit } from './config-or-exit';
import { createDataSource, StatementCounter } from '../db/data-source';
import { applyMigrations } from '../db/migrate';

/** npm run migrate: applies pending migrations (the hub also does this at start-up). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = createDataSource(config.database, new StatementCounter());
  await dataSource.initialize();
  const applied = await applyMigrations(dataSource);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations.\n');
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
