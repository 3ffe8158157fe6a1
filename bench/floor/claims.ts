import { monotonicFactory } from 'ulid';
import { appendEvents, FloorSql } from './floor-sql';
import { REGION } from './intake';

// Concurrent claims, both sides. The hub's claimers lease JUDICIAL referrals, the floor's MEDICAL
// ones: every application (both sides') made one of each, so each side has the same number waiting
// and neither takes the other's.

export interface ClaimRun {
  seconds: number;
  claimed: string[];
}

/** The hub: claimReferrals(limit) over HTTP by `claimers` department systems until none is left. */
export async function hubClaims(gqlAs: Array<(query: string) => Promise<any>>, limit: number): Promise<ClaimRun> {
  const claimed: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    gqlAs.map(async (gql) => {
      for (;;) {
        const data = await gql(`mutation { claimReferrals(department: JUDICIAL, limit: ${limit}) { referrals { id } } }`);
        const ids = data.claimReferrals.referrals.map((r: { id: string }) => r.id);
        if (ids.length === 0) return;
        claimed.push(...ids);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, claimed };
}

/**
 * The floor: per claim one transaction — the expired-lease look-up the hub makes before each claim
 * (none here), the candidates `SELECT … FOR UPDATE SKIP LOCKED` in due-date order, one UPDATE to
 * DELIVERED with lease and token, the cases' last timeline seq and one multi-row INSERT of
 * REFERRAL_DELIVERED events (as the hub records a claim).
 */
export async function floorClaims(sql: FloorSql, claimers: number, limit: number, now: () => Date): Promise<ClaimRun> {
  const claimed: string[] = [];
  const ulid = monotonicFactory();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: claimers }, async (_, i) => {
      for (;;) {
        const at = now();
        const iso = at.toISOString();
        const leaseUntil = new Date(at.getTime() + 300_000).toISOString();
        const ids = await sql.transaction(async (q) => {
          await q(`SELECT id FROM referrals WHERE status = 'DELIVERED' AND lease_expires_at < ? AND department = 'MEDICAL' AND township_code LIKE ? LIMIT 500`, [iso, `${REGION}%`]);
          const rows: Array<{ id: string; case_id: string }> = await q(
            `SELECT id, case_id FROM referrals WHERE department = 'MEDICAL' AND status = 'PENDING' AND delivery_mode = 'PULL' AND township_code LIKE ?
             ORDER BY due_date, id LIMIT ? FOR UPDATE SKIP LOCKED`,
            [`${REGION}%`, limit],
          );
          if (rows.length === 0) return [];
          const token = ulid(at.getTime());
          await q(
            `UPDATE referrals SET status = 'DELIVERED', claim_token = ?, claimed_by = ?, lease_expires_at = ?, updated_at = ?, version = version + 1
             WHERE id IN (?) AND status = 'PENDING'`,
            [token, `medical-${i}`, leaseUntil, iso, rows.map((r) => r.id)],
          );
          await appendEvents(
            q,
            () => ulid(at.getTime()),
            iso,
            rows.map((r) => ({ caseId: r.case_id, referralId: r.id, type: 'REFERRAL_DELIVERED', actor: 'MEDICAL', params: { leaseUntil } })),
          );
          return rows.map((r) => r.id);
        });
        if (ids.length === 0) return;
        claimed.push(...ids);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, claimed };
}

/** Handed out twice: ids that appear more than once in a run. */
export function duplicates(ids: string[]): number {
  return ids.length - new Set(ids).size;
}
