import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AbstractLogger, DataSource, LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { DatabaseUrl } from '../config';
import { mysqlConnectionOptions } from './database-hosts';
import { MIGRATIONS } from '../../migrations';
/** Counts SQL statements (tests assert counts, never times). Never logs parameters: they hold PII. */
export class StatementCounter extends AbstractLogger {
  count = 0;
  onError: ((message: string) => void) | null = null;

  constructor() {
    super(['query', 'error']);
  }

  protected writeLog(_level: LogLevel, message: LogMessage | LogMessage[], _queryRunner?: QueryRunner): void {
    const messages = Array.isArray(message) ? message : [message];
    for (const m of messages) {
      if (m.type === 'query') this.count++;
      if (m.type === 'query-error' && this.onError) this.onError(String(m.message ?? 'query failed').slice(0, 200));
    }
  }
}

/**
 * A data source for the database, with the migrations. `entities` are the mapped tables the caller
 * works with (the hub's list is src/entities.ts; applying migrations needs none).
 */
export function createDataSource(database: DatabaseUrl, counter: StatementCounter, entities: Function[] = []): DataSource {
  const common = {
    entities,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: ['query', 'error'] as ('query' | 'error')[],
    logger: counter,
  };
  if (database.kind === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: true,
      timeout: 10_000, // busy timeout: a second hub process on the same file waits, not fails
    });
  }
  return new DataSource({
    ...common,
    type: 'mysql',
    ...mysqlConnectionOptions(database.url, (message) => counter.onError?.(message)), // one host, or several with failover (database-hosts.ts)
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    poolSize: 10,
    // mysql2 otherwise captures a stack trace for every query (a measurable share of the hub's CPU).
    trace: false,
  });
}
