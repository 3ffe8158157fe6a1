import type { DataSource, EntityManager } from 'typeorm';
import { CommitOutcomeUnknown, UnitOfWork } from '../../src/db/unit-of-work';
import { FailoverPool } from '../../src/db/database-hosts';

// What the unit of work does when a MySQL/MariaDB connection or Galera node fails, on a stand-in
// data source whose COMMIT (or work) fails as told: before COMMIT nothing was committed and the
// work runs again; during COMMIT the outcome is unknown and only idempotent work runs again.

const lost = () => Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4001'), { code: 'ECONNREFUSED', fatal: true });
const notReady = () => Object.assign(new Error('WSREP has not yet prepared node for application use'), { driverError: { errno: 1047, code: 'ER_UNKNOWN_COM_ERROR' } });
const certification = () => Object.assign(new Error('Deadlock found when trying to get lock'), { driverError: { errno: 1213, code: 'ER_LOCK_DEADLOCK' } });

function standIn(commitFailures: Array<() => Error>, startFailures: Array<() => Error> = []) {
  const log: string[] = [];
  // The failover pool, reduced to the one call the unit of work makes of it.
  const pool = Object.create(FailoverPool.prototype) as FailoverPool;
  const discarded: Array<{ connection: object; error: unknown }> = [];
  pool.connectionFailed = (connection, error) => void discarded.push({ connection, error });
  let connections = 0;
  const dataSource = {
    options: { type: 'mysql' },
    manager: {} as EntityManager,
    createQueryRunner: () => {
      const databaseConnection = { n: ++connections };
      return {
      connection: { driver: { pool } },
      databaseConnection,
      // The session's isolation level is set once per connection (not logged here).
      connect: async () => databaseConnection,
      query: async () => undefined,
      manager: {} as EntityManager,
      startTransaction: async () => {
        const failure = startFailures.shift();
        if (failure) throw failure();
        log.push('begin');
      },
      commitTransaction: async () => {
        const failure = commitFailures.shift();
        if (failure) {
          log.push('commit failed');
          throw failure();
        }
        log.push('commit');
      },
      rollbackTransaction: async () => void log.push('rollback'),
      release: async () => undefined,
      };
    },
  } as unknown as DataSource;
  return { uow: new UnitOfWork(dataSource), log, discarded };
}

describe('UnitOfWork on a failing MySQL connection or Galera node', () => {
  it('runs the work again when the connection broke or the node refused before COMMIT', async () => {
    const { uow, log } = standIn([], [lost, refused]);
    let runs = 0;
    let threw = false;
    const result = await uow.transaction(async () => {
      runs++;
      if (runs === 1 && !threw) {
        threw = true;
        throw notReady(); // a statement refused by a node that left the primary component
      }
      return 'done';
    });
    expect(result).toBe('done');
    expect(runs).toBe(2);
    expect(log).toEqual(['begin', 'rollback', 'begin', 'commit']);
    expect([uow.retries, uow.connectionRetries]).toEqual([3, 3]);
  });

  it('runs the work again after a certification failure at COMMIT (1213: nothing committed)', async () => {
    const { uow, log, discarded } = standIn([certification]);
    let runs = 0;
    await uow.transaction(async () => void runs++);
    expect(runs).toBe(2);
    expect(log).toEqual(['begin', 'commit failed', 'rollback', 'begin', 'commit']);
    expect(uow.connectionRetries).toBe(0);
    expect(discarded).toEqual([]); // the connection is fine: back to the pool
  });

  it("closes a connection whose node refused a statement instead of returning it to the pool", async () => {
    const { uow, discarded } = standIn([lost]);
    let runs = 0;
    await uow.transaction(async () => {
      if (++runs === 1) throw notReady();
    }, { idempotent: true });
    expect(runs).toBe(3); // 1047, then the COMMIT's connection lost (idempotent), then done
    expect(discarded.map((d) => d.connection)).toEqual([{ n: 1 }, { n: 2 }]);
    expect((discarded[0].error as { driverError: { errno: number } }).driverError.errno).toBe(1047);
    expect(discarded[1].error).toMatchObject({ code: 'PROTOCOL_CONNECTION_LOST' }); // the cause, not CommitOutcomeUnknown
  });

  it('does not run work again whose COMMIT outcome is unknown: CommitOutcomeUnknown', async () => {
    const { uow } = standIn([lost]);
    let runs = 0;
    const error = await uow.transaction(async () => void runs++).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitOutcomeUnknown);
    expect((error as CommitOutcomeUnknown).cause).toMatchObject({ code: 'PROTOCOL_CONNECTION_LOST' });
    expect(runs).toBe(1);
    expect([uow.retries, uow.unknownCommits]).toEqual([0, 1]);
  });

  it('runs the work again when the node answered COMMIT with an error (1047: out of the primary component, not committed)', async () => {
    const { uow } = standIn([notReady]);
    let runs = 0;
    await uow.transaction(async () => void runs++);
    expect(runs).toBe(2);
    expect([uow.retries, uow.connectionRetries, uow.unknownCommits]).toEqual([1, 1, 0]);
  });

  it('runs idempotent work again when the COMMIT outcome is unknown', async () => {
    const { uow } = standIn([lost]);
    let runs = 0;
    await uow.transaction(async () => void runs++, { idempotent: true });
    expect(runs).toBe(2);
    expect([uow.retries, uow.connectionRetries, uow.unknownCommits]).toEqual([1, 1, 0]);
  });

  it('runs a read once more on the next host when its connection broke', async () => {
    const { uow } = standIn([]);
    let runs = 0;
    const value = await uow.read(async () => {
      if (++runs === 1) throw lost();
      return 42;
    });
    expect([value, runs, uow.connectionRetries]).toEqual([42, 2, 1]);
  });
});
