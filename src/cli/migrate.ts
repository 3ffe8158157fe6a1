import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { createDataSource, StatementCounter } from '../db/data-source';

/** npm run migrate: applies pending migrations (the hub also does this at start-up). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const dataSource = createDataSource(config.database, new StatementCounter());
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  process.stdout.write(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}\n` : 'No pending migrations.\n');
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
