import { createPool, Pool, PoolConnection } from 'mysql2/promise';

/**
 * The floor's database handle: a plain mysql2 pool that counts every statement it sends (BEGIN and
 * COMMIT included, as the hub's StatementCounter counts TypeORM's START TRANSACTION and COMMIT).
 * Sessions run READ COMMITTED, as the hub's transactions do, set once per connection (not counted;
 * the hub sets it once per pooled connection too, and counts that).
 */
export class FloorSql {
  statements = 0;
  /** Transactions run again after a deadlock. */
  retries = 0;
  readonly pool: Pool;

  constructor(url: string, connections: number) {
    this.pool = createPool({ uri: url, connectionLimit: connections, dateStrings: true, supportBigNumbers: true });
    // The listener gets the callback-style connection: its query is queued before any other.
    this.pool.on('connection', (c) => void (c as unknown as { query(sql: string): unknown }).query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED'));
  }

  async query<T = any>(sql: string, params: unknown[] = [], on?: PoolConnection): Promise<T> {
    this.statements++;
    const [rows] = await (on ?? this.pool).query(sql, params);
    return rows as T;
  }

  /** BEGIN … COMMIT on one connection; ROLLBACK on a failure (counted too); run again after a deadlock (up to 5 times). */
  async transaction<T>(work: (q: Query) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT')) throw error;
        this.retries++;
      }
    }
  }

  private async once<T>(work: (q: (sql: string, params?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
    const conn = await this.pool.getConnection();
    const q = (sql: string, params: unknown[] = []) => this.query(sql, params, conn);
    try {
      await q('BEGIN');
      const result = await work(q);
      await q('COMMIT');
      return result;
    } catch (error) {
      await q('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      conn.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

export type Query = (sql: string, params?: unknown[]) => Promise<any>;

export interface FloorEvent {
  caseId: string;
  referralId: string | null;
  type: string;
  actor: string;
  params: object;
}

/** Appends events after each case's last one: the cases' MAX(seq) in one statement, the events in one multi-row INSERT. */
export async function appendEvents(q: Query, newId: () => string, iso: string, events: FloorEvent[]): Promise<void> {
  const caseIds = [...new Set(events.map((e) => e.caseId))];
  const last: Array<{ case_id: string; seq: number }> = await q('SELECT case_id, MAX(seq) AS seq FROM timeline_events WHERE case_id IN (?) GROUP BY case_id', [caseIds]);
  const next = new Map(last.map((l) => [l.case_id, Number(l.seq)]));
  await q(
    `INSERT INTO timeline_events (id, case_id, seq, referral_id, at, type, actor, note, params) VALUES ${placeholders(events.length, 9)}`,
    events.flatMap((e) => {
      const seq = (next.get(e.caseId) ?? 0) + 1;
      next.set(e.caseId, seq);
      return [newId(), e.caseId, seq, e.referralId, iso, e.type, e.actor, null, JSON.stringify(e.params)];
    }),
  );
}

/** `(?, ?, …), (?, ?, …)` for rows of `width` values. */
export function placeholders(rows: number, width: number): string {
  const one = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
}

/** Runs `work(i)` for i in [0, total) with `inFlight` at a time. */
export async function inFlight(total: number, concurrent: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrent }, async () => {
      while (next < total) await work(next++);
    }),
  );
}
