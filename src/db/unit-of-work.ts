import { DataSource, EntityManager } from 'typeorm';
import { discardConnection, isHostFailure } from './database-hosts';

// Every write runs through `transaction()`: one place that opens the transaction, retries it when
// the database says "try again" (InnoDB deadlock 1213, lock-wait timeout 1205, SQLite busy), and
// commits. The work function re-reads what it needs, so running it again is always safe.
//
// On a Galera cluster (docs/high-availability.md) 1213 is also a certification failure at COMMIT,
// retried the same way. A connection that breaks or a node that refuses the statement (1047: not
// in the primary component) BEFORE the COMMIT is sent leaves nothing committed: the work runs again,
// on the next host. A connection that breaks DURING the COMMIT leaves the outcome unknown (the
// write-set may have been replicated before the node died): the work runs again only when it is
// idempotent (`idempotent: true`, e.g. intake with its idempotency key); otherwise the caller gets
// CommitOutcomeUnknown and decides.

const MAX_ATTEMPTS = 8;

function driverError(error: unknown): { errno?: number; code?: string } {
  const e = error as { driverError?: { errno?: number; code?: string }; errno?: number; code?: string };
  return e?.driverError ?? e ?? {};
}

/** Thrown by the hub's own code when a concurrent writer won and the unit of work must run again. */
export class RetryableConflict extends Error {}

/** The connection to the database broke during COMMIT: the transaction may or may not have been committed. */
export class CommitOutcomeUnknown extends Error {
  constructor(readonly cause: unknown) {
    super('the database connection failed during COMMIT: the transaction may or may not have been committed');
    this.name = 'CommitOutcomeUnknown';
  }
}

/** The connection or the node failed (MySQL/MariaDB); before COMMIT this means nothing was committed. */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as { driverError?: unknown };
  return isHostFailure(e?.driverError ?? e);
}

/** The server itself answered with an error (MySQL error numbers are positive; a broken socket's are not). */
function serverAnswered(error: unknown): boolean {
  const { errno } = driverError(error);
  return typeof errno === 'number' && errno > 0;
}

/**
 * Errors after which the whole transaction was rolled back and may run again: a deadlock or a
 * Galera certification failure (1213), a lock wait timeout (1205), SQLite busy; and TiDB's
 * (docs.pingcap.com/tidb/stable/error-codes: "the application can safely retry the whole
 * transaction"): 8002 a SELECT FOR UPDATE's commit conflict, 8005 and 9007 write conflicts,
 * 8022 a commit that failed and was rolled back, 8028 a table changed under the transaction.
 */
const RETRYABLE_ERRNOS = new Set([1213, 1205, 8002, 8005, 8022, 8028, 9007]);

export function isRetryableConflict(error: unknown): boolean {
  if (error instanceof RetryableConflict) return true;
  const { errno, code } = driverError(error);
  return (typeof errno === 'number' && RETRYABLE_ERRNOS.has(errno)) || code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export function isUniqueViolation(error: unknown): boolean {
  const { errno, code } = driverError(error);
  return errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A FIFO lock: TypeORM's SQLite driver has ONE connection, so two transactions must not interleave. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

export interface TransactionOptions {
  /** Also run again after a unique-key violation (the work then finds the row that won). */
  retryOnUniqueViolation?: boolean;
  /**
   * The work finds its own earlier result first (an idempotency key), so it may run again when the
   * connection broke during COMMIT and the outcome is unknown. Otherwise that is CommitOutcomeUnknown.
   */
  idempotent?: boolean;
}

export class UnitOfWork {
  readonly kind: 'sqlite' | 'mysql';
  private readonly sqliteLock = new Mutex();
  /** Pooled MySQL connections whose session is already READ COMMITTED. */
  private readonly readCommitted = new WeakSet<object>();
  /** How many times a transaction was run again; exposed for tests and metrics. */
  retries = 0;
  /** … of which because the connection or the node failed (before COMMIT, or during it when idempotent). */
  connectionRetries = 0;
  /** Transactions given up as CommitOutcomeUnknown. */
  unknownCommits = 0;

  constructor(readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  async transaction<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(work);
      } catch (error) {
        const unknownCommit = error instanceof CommitOutcomeUnknown;
        // Before COMMIT a failed connection or node committed nothing; during it, only idempotent work may run again.
        const connection = this.kind === 'mysql' && (unknownCommit ? options.idempotent === true : isConnectionFailure(error));
        const again = connection || isRetryableConflict(error) || (options.retryOnUniqueViolation === true && isUniqueViolation(error));
        if (!again || attempt >= MAX_ATTEMPTS) {
          if (unknownCommit) this.unknownCommits++;
          throw error;
        }
        this.retries++;
        if (connection) this.connectionRetries++;
        // Exponential backoff with full jitter: concurrent losers do not collide again in step.
        await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
      }
    }
  }

  private async runOnce<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.sqliteLock.run(() => this.runSqlite(work));
    const runner = this.dataSource.createQueryRunner();
    try {
      // READ COMMITTED: correctness rests on conditional updates and unique keys, not on
      // isolation, and it takes fewer gap locks (fewer deadlocks) than REPEATABLE READ. Set once
      // per pooled connection, not before every transaction (a statement saved per write).
      const connection = await runner.connect();
      if (!this.readCommitted.has(connection)) {
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        this.readCommitted.add(connection);
      }
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        try {
          await runner.commitTransaction();
        } catch (error) {
          // An error the server answered (a certification failure 1213, a node out of the primary
          // component 1047) is a clear "not committed"; a connection that broke without an answer is not.
          if (isConnectionFailure(error) && !serverAnswered(error)) throw new CommitOutcomeUnknown(error);
          throw error;
        }
        return result;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      // Not back to the pool: a node out of the primary component keeps its connections open.
      const failure = error instanceof CommitOutcomeUnknown ? error.cause : error;
      if (isConnectionFailure(failure)) discardConnection(runner, failure);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async runSqlite<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    // BEGIN IMMEDIATE takes the write lock up front, so a second process waits on the busy
    // timeout instead of failing when it upgrades a read lock (TypeORM's default is DEFERRED).
    await runner.query('BEGIN IMMEDIATE');
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Runs a read (no transaction); on SQLite it waits for a running write transaction to finish. On
   * MySQL a read whose connection or node failed runs once more (on the next host: a read commits nothing).
   */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.sqliteLock.run(() => work(this.dataSource.manager));
    try {
      return await work(this.dataSource.manager);
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      this.retries++;
      this.connectionRetries++;
      return work(this.dataSource.manager);
    }
  }
}
