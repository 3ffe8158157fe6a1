import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/**
 * Applies the pending migrations, each in its own transaction, and logs their names: what every
 * start does (a hub process, the supervisor of several, `npm run migrate`). Returns the names.
 */
export async function applyMigrations(dataSource: DataSource, logger?: Logger): Promise<string[]> {
  const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  if (applied.length > 0) logger?.info({ migrations: applied }, 'migrations applied');
  return applied;
}
