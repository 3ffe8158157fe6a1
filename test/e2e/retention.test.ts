import { ulid } from 'ulid';
import { createTestEnvironment, TestEnvironment } from '../support/environment';
import { describeDb } from '../support/test-database';

// Rows kept no longer than needed: finished outbox rows and partner inbox entries older than
// HUB_RETENTION_DAYS (90) go, a thousand per statement; waiting rows and anything younger stay.

const NOW = '2026-06-30T10:00:00+08:00';
const OLD = '2026-03-01T02:00:00.000Z'; // 121 days before NOW
const RECENT = '2026-06-20T02:00:00.000Z';

describeDb('retention of the outbox and the partner inbox', () => {
  let env: TestEnvironment;
  const query = (sql: string, params: unknown[] = []) => env.running.services.uow.dataSource.query(sql, params);

  async function outboxRows(state: string, createdAt: string, n: number) {
    for (let at = 0; at < n; at += 500) {
      const rows = Array.from({ length: Math.min(500, n - at) }, () => [ulid(), ulid(), ulid(), 'HOUSING', 'DELIVER', state, 1, createdAt, createdAt, createdAt]);
      await query(
        `INSERT INTO delivery_outbox (id, referral_id, case_id, department, kind, state, attempts, next_attempt_at, give_up_at, created_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        rows.flat(),
      );
    }
  }
  async function inboxRows(receivedAt: string, n: number) {
    for (let at = 0; at < n; at += 500) {
      const rows = Array.from({ length: Math.min(500, n - at) }, () => ['HOUSING', ulid(), 'APPLIED', receivedAt]);
      await query(`INSERT INTO partner_inbox (department, message_id, outcome, received_at) VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`, rows.flat());
    }
  }
  const count = async (sql: string) => Number((await query(sql))[0].n);

  beforeAll(async () => {
    env = await createTestEnvironment({ now: NOW });
  });
  afterAll(() => env?.close());

  it('removes finished rows and inbox entries past the retention, in batches, and keeps the rest', async () => {
    await outboxRows('SENT', OLD, 2_100);
    await outboxRows('FAILED', OLD, 5);
    await outboxRows('SKIPPED', OLD, 3);
    await outboxRows('WAITING', OLD, 4); // never removed, however old
    await outboxRows('SENT', RECENT, 6);
    await inboxRows(OLD, 1_050);
    await inboxRows(RECENT, 3);

    expect(await env.running.services.retention.purge()).toEqual({ outbox: 2_108, inbox: 1_050 });
    expect(await query('SELECT state, COUNT(*) AS n FROM delivery_outbox GROUP BY state ORDER BY state')).toEqual([
      { state: 'SENT', n: expect.anything() },
      { state: 'WAITING', n: expect.anything() },
    ]);
    expect(await count("SELECT COUNT(*) AS n FROM delivery_outbox WHERE state = 'WAITING'")).toBe(4);
    expect(await count(`SELECT COUNT(*) AS n FROM delivery_outbox WHERE state = 'SENT' AND created_at = '${RECENT}'`)).toBe(6);
    expect(await count('SELECT COUNT(*) AS n FROM partner_inbox')).toBe(3);
    // Nothing left to remove: a second run removes nothing.
    expect(await env.running.services.retention.purge()).toEqual({ outbox: 0, inbox: 0 });
  });

  it('keeps rows until they pass the retention', async () => {
    await outboxRows('SENT', '2026-04-02T02:00:00.000Z', 2); // 89 days before NOW
    const before = await count('SELECT COUNT(*) AS n FROM delivery_outbox');
    expect((await env.running.services.retention.purge()).outbox).toBe(0);
    env.clock.set('2026-07-02T10:00:00+08:00'); // now 91 days
    expect((await env.running.services.retention.purge()).outbox).toBe(2);
    expect(await count('SELECT COUNT(*) AS n FROM delivery_outbox')).toBe(before - 2);
  });
});
