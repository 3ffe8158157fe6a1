import 'reflect-metadata';
import { createDataSource, StatementCounter } from '../../src/db/data-source';
import { isRetryableConflict, isUniqueViolation, UnitOfWork } from '../../src/db/unit-of-work';

const deadlock = Object.assign(new Error('Deadlock found'), { driverError: { errno: 1213, code: 'ER_LOCK_DEADLOCK' } });
const lockWait = Object.assign(new Error('Lock wait timeout'), { driverError: { errno: 1205 } });
const duplicate = Object.assign(new Error('Duplicate entry'), { driverError: { errno: 1062 } });

describe('UnitOfWork', () => {
  const counter = new StatementCounter();
  const dataSource = createDataSource({ kind: 'sqlite', path: ':memory:' }, counter);
  let uow: UnitOfWork;

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    uow = new UnitOfWork(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('classifies the errors worth another attempt', () => {
    expect(isRetryableConflict(deadlock)).toBe(true);
    expect(isRetryableConflict(lockWait)).toBe(true);
    expect(isRetryableConflict({ code: 'SQLITE_BUSY' })).toBe(true);
    // TiDB's "retry the whole transaction" errors; its 8004 (transaction too large) is not one.
    for (const errno of [8002, 8005, 8022, 8028, 9007]) expect(isRetryableConflict({ driverError: { errno } })).toBe(true);
    expect(isRetryableConflict({ driverError: { errno: 8004 } })).toBe(false);
    expect(isRetryableConflict(duplicate)).toBe(false);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
  });

  it('runs the whole unit again after a deadlock or lock-wait timeout, rolling back each failed attempt', async () => {
    let attempts = 0;
    const result = await uow.transaction(async (m) => {
      attempts++;
      await m.query('INSERT INTO t (id, v) VALUES (?, ?)', [1, `attempt ${attempts}`]);
      if (attempts === 1) throw deadlock;
      if (attempts === 2) throw lockWait;
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(await dataSource.query('SELECT v FROM t')).toEqual([{ v: 'attempt 3' }]);
  });

  it('does not retry other failures, and rolls them back', async () => {
    let attempts = 0;
    await expect(
      uow.transaction(async (m) => {
        attempts++;
        await m.query('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'x']);
        throw duplicate;
      }),
    ).rejects.toBe(duplicate);
    expect(attempts).toBe(1);
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM t WHERE id = 2')).toEqual([{ n: 0 }]);
  });

  it('retries a unique violation only when asked to', async () => {
    let attempts = 0;
    await uow.transaction(
      async () => {
        attempts++;
        if (attempts === 1) throw duplicate;
      },
      { retryOnUniqueViolation: true },
    );
    expect(attempts).toBe(2);
  });

  it('gives up after a bounded number of attempts', async () => {
    let attempts = 0;
    await expect(
      uow.transaction(async () => {
        attempts++;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(attempts).toBe(8);
  });

  it('never interleaves two transactions on the single SQLite connection', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        uow.transaction(async (m) => {
          order.push(`${name}:begin`);
          await m.query('SELECT 1');
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(`${name}:end`);
        }),
      ),
    );
    expect(order).toEqual(['a:begin', 'a:end', 'b:begin', 'b:end', 'c:begin', 'c:end']);
  });
});
