import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, SUBMIT } from '../support/operations';
import { transitionBatch } from '../../src/referrals/referral-transition';
import { ReferralAction } from '../../src/referrals/referral-status';

describeDb('claimReferrals (partner pull)', () => {
  let env: TestEnvironment;
  let clerk: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-04-07T09:00:00+08:00' });
    clerk = await env.token(Role.CLERK, '3707');
  });
  afterAll(() => env.close());

  async function submitMany(n: number, category: string, township = TOWNSHIP) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await env.gql(clerk, SUBMIT, { input: application({ categories: [category], townshipCode: township }) });
      expect(res.data.submitApplication.userErrors).toEqual([]);
      ids.push(res.data.submitApplication.case.referrals[0].id);
    }
    return ids;
  }

  it('never gives one referral to two concurrent claimers', async () => {
    const created = await submitMany(60, 'LEGAL_AID');
    const tokens = await Promise.all([1, 2, 3, 4].map((i) => env.token(Role.DEPARTMENT, '370783', Department.JUDICIAL, `judicial-${i}`)));
    const rounds = await Promise.all(
      tokens.flatMap((token) => [0, 1, 2].map(() => env.gql(token, CLAIM, { department: 'JUDICIAL', limit: 7 }))),
    );
    const claimed = rounds.flatMap((r) => {
      expect(r.errors).toBeUndefined();
      return r.data.claimReferrals.referrals.map((x: any) => x.id);
    });
    expect(new Set(claimed).size).toBe(claimed.length); // no referral twice
    expect(claimed.length).toBe(60); // 12 claims × 7 ≥ 60: every one was taken
    expect(new Set(claimed)).toEqual(new Set(created));
    const delivered = await env.running.services.uow.dataSource.query(
      "SELECT COUNT(*) AS n FROM timeline_events WHERE type = 'REFERRAL_DELIVERED' AND actor = 'JUDICIAL'",
    );
    expect(Number(delivered[0].n)).toBe(60);
  });

  it('returns from each round of one claim only the rows that round took', async () => {
    // When a racer took part of round 1, round 2 must not hand back (and log again) what round 1
    // already returned, even when its candidates overlap.
    const created = await submitMany(4, 'EMPLOYMENT');
    const at = { now: new Date('2026-04-07T01:00:00Z'), actor: 'EMPLOYMENT' };
    const batch = { changes: { claimedBy: 'employment-1', leaseExpiresAt: '2026-04-07T01:05:00.000Z' }, params: { leaseUntil: '2026-04-07T01:05:00.000Z' } };
    const rounds = await env.running.services.uow.transaction(async (m) => [
      await transitionBatch(m, ReferralAction.CLAIM, created.slice(0, 2), at, batch),
      await transitionBatch(m, ReferralAction.CLAIM, created.slice(1, 4), at, batch), // one already taken
    ]);
    expect(rounds.map((r) => r.map((x) => x.id).sort())).toEqual([created.slice(0, 2).sort(), created.slice(2, 4).sort()]);
    const events = await env.running.services.uow.dataSource.query(
      "SELECT referral_id FROM timeline_events WHERE type = 'REFERRAL_DELIVERED' AND actor = 'EMPLOYMENT'",
    );
    expect(events.map((e: any) => e.referral_id).sort()).toEqual([...created].sort());
  });

  it('leases most urgent first, only in the caller region and department', async () => {
    await submitMany(2, 'HOUSING', '370783001'); // 街道 in the same county
    await submitMany(1, 'HOUSING', '370784101'); // another county
    const housing = await env.token(Role.DEPARTMENT, '370783', Department.HOUSING);
    const res = await env.gql(housing, CLAIM, { department: 'HOUSING', limit: 100 });
    const got = res.data.claimReferrals.referrals;
    expect(got).toHaveLength(2);
    expect(got.every((r: any) => r.department === 'HOUSING')).toBe(true);
    const dues = got.map((r: any) => r.sla.dueDate);
    expect([...dues].sort()).toEqual(dues);
    const forbidden = await env.gql(housing, CLAIM, { department: 'MEDICAL', limit: 5 });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('returns a referral to PENDING when its lease runs out before acknowledgement', async () => {
    const [id] = await submitMany(1, 'EMPLOYMENT');
    const a = await env.token(Role.DEPARTMENT, '370783', Department.EMPLOYMENT, 'employment-a');
    const b = await env.token(Role.DEPARTMENT, '370783', Department.EMPLOYMENT, 'employment-b');
    const first = await env.gql(a, CLAIM, { department: 'EMPLOYMENT', limit: 10, leaseSeconds: 60 });
    expect(first.data.claimReferrals.referrals.map((r: any) => r.id)).toEqual([id]);
    const none = await env.gql(b, CLAIM, { department: 'EMPLOYMENT', limit: 10 });
    expect(none.data.claimReferrals.referrals).toEqual([]);

    env.clock.set('2026-04-07T09:01:30+08:00'); // 90 s later: the 60 s lease has run out
    const again = await env.gql(b, CLAIM, { department: 'EMPLOYMENT', limit: 10 });
    expect(again.data.claimReferrals.referrals.map((r: any) => r.id)).toEqual([id]);
    // The first system's lease is gone: it may no longer acknowledge; the holder may.
    const stale = await env.gql(a, ACK, { id });
    expect(stale.data.acknowledgeReferral.userErrors).toEqual([expect.objectContaining({ code: 'ILLEGAL_TRANSITION', field: ['id'] })]);
    const ack = await env.gql(b, ACK, { id });
    expect(ack.data.acknowledgeReferral.referral.status).toBe('IN_PROGRESS');
    const events = await env.running.services.uow.dataSource.query('SELECT type FROM timeline_events WHERE referral_id = ? ORDER BY id', [id]);
    expect(events.map((e: any) => e.type)).toEqual([
      'REFERRAL_CREATED',
      'REFERRAL_DELIVERED',
      'REFERRAL_LEASE_EXPIRED',
      'REFERRAL_DELIVERED',
      'REFERRAL_ACKNOWLEDGED',
    ]);
    env.clock.set('2026-04-07T09:00:00+08:00');
  });

  it('refuses an acknowledgement after the lease ran out, even before anyone else claims', async () => {
    env.clock.set('2026-04-08T09:00:00+08:00');
    const [id] = await submitMany(1, 'EDUCATION');
    const education = await env.token(Role.DEPARTMENT, '370783', Department.EDUCATION, 'education-a');
    await env.gql(education, CLAIM, { department: 'EDUCATION', limit: 10, leaseSeconds: 10 });
    env.clock.set('2026-04-08T09:00:30+08:00');
    const late = await env.gql(education, ACK, { id }, { lang: 'en-US,en;q=0.9' });
    expect(late.data.acknowledgeReferral.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/lease ran out/) });
    const lateZh = await env.gql(education, ACK, { id });
    expect(lateZh.data.acknowledgeReferral.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: '受理前领取期限已过，请重新领取该转办事项。' });
    const again = await env.gql(education, CLAIM, { department: 'EDUCATION', limit: 10 });
    expect(again.data.claimReferrals.referrals.map((r: any) => r.id)).toEqual([id]);
    expect((await env.gql(education, ACK, { id })).data.acknowledgeReferral.referral.status).toBe('IN_PROGRESS');
    env.clock.set('2026-04-07T09:00:00+08:00');
  });

  it('numbers the events of one case without gaps when every department claims its part at once', async () => {
    const categories = ['TEMPORARY', 'MEDICAL', 'EDUCATION', 'HOUSING', 'EMPLOYMENT', 'LEGAL_AID', 'CHARITY'];
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories }) });
    const c = res.data.submitApplication.case;
    const departments = ['CIVIL_AFFAIRS', 'MEDICAL', 'EDUCATION', 'HOUSING', 'EMPLOYMENT', 'JUDICIAL', 'CHARITY'] as Department[];
    const tokens = await Promise.all(departments.map((d) => env.token(Role.DEPARTMENT, '370783', d, `all-at-once-${d}`)));
    const claims = await Promise.all(departments.map((d, i) => env.gql(tokens[i], CLAIM, { department: d, limit: 100 })));
    for (const claim of claims) expect(claim.errors).toBeUndefined();
    const rows = await env.running.services.uow.dataSource.query('SELECT seq, type FROM timeline_events WHERE case_id = ? ORDER BY seq', [c.id]);
    expect(rows.map((r: any) => Number(r.seq))).toEqual(rows.map((_: unknown, i: number) => i + 1));
    expect(rows.filter((r: any) => r.type === 'REFERRAL_DELIVERED')).toHaveLength(7);
  });

  it('hands run-out leases back in a few statements, whatever their number, and only those still run out', async () => {
    env.clock.set('2026-04-09T09:00:00+08:00');
    await submitMany(30, 'HOUSING');
    const housing = await env.token(Role.DEPARTMENT, '370783', Department.HOUSING, 'housing-a');
    const claimed = await env.gql(housing, CLAIM, { department: 'HOUSING', limit: 30, leaseSeconds: 60 });
    const leased: string[] = claimed.data.claimReferrals.referrals.map((r: any) => r.id); // older HOUSING referrals of this file among them
    expect(leased).toHaveLength(30);
    const claims = env.running.services.claims;
    expect(await claims.releaseExpiredLeases(new Date('2026-04-09T01:00:30Z'), { department: Department.HOUSING })).toBe(0); // 30 s on: not run out
    // A lease read before another claim took the referral again carries another token: not released.
    const runOut = new Date('2026-04-09T01:01:30Z');
    const stale = await env.running.services.uow.transaction((m) =>
      transitionBatch(m, ReferralAction.LEASE_EXPIRED, leased, { now: runOut, actor: 'SYSTEM' }, {
        changes: { claimedBy: null, leaseExpiresAt: null },
        params: {},
        runOutLeases: { before: runOut, tokens: ['01KA0000000000000000000000'] },
      }),
    );
    expect(stale).toEqual([]);
    const before = env.running.statements.count;
    expect(await claims.releaseExpiredLeases(new Date('2026-04-09T01:01:30Z'), { department: Department.HOUSING })).toBe(30);
    expect(env.running.statements.count - before).toBeLessThanOrEqual(8);
    const rows = await env.running.services.uow.dataSource.query(
      `SELECT status, claim_token, claimed_by, lease_expires_at FROM referrals WHERE id IN (${leased.map(() => '?').join(', ')})`,
      leased,
    );
    expect(new Set(rows.map((r: any) => JSON.stringify([r.status, r.claim_token, r.claimed_by, r.lease_expires_at])))).toEqual(new Set([JSON.stringify(['PENDING', null, null, null])]));
    const events = await env.running.services.uow.dataSource.query(
      `SELECT COUNT(*) AS n FROM timeline_events WHERE type = 'REFERRAL_LEASE_EXPIRED' AND at >= '2026-04-09T01:01' AND referral_id IN (${leased.map(() => '?').join(', ')})`,
      leased,
    );
    expect(Number(events[0].n)).toBe(30);
    env.clock.set('2026-04-07T09:00:00+08:00');
  });

  it('reports bad limits and leases as userErrors naming the argument', async () => {
    const token = await env.token(Role.DEPARTMENT, '370783', Department.CHARITY);
    const res = await env.gql(token, CLAIM, { department: 'CHARITY', limit: 101, leaseSeconds: 1 });
    expect(res.data.claimReferrals.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_LIMIT', field: ['limit'] }),
      expect.objectContaining({ code: 'INVALID_LEASE', field: ['leaseSeconds'] }),
    ]);
  });
});
