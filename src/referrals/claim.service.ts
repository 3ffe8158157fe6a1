import { EntityManager } from 'typeorm';
import { callerOf } from '../access/authorization';
import { RequestContext } from '../common/request-context';
import { Problems } from '../common/user-error';
import { CommandResult, failed } from '../common/command';
import { text } from '../common/text';
import { Department } from '../access/roles';
import { forbidden } from '../access/guard';
import { sqlInRegion, whereInRegion } from '../access/region';
import { placeholders } from '../db/rows';
import { UnitOfWork } from '../db/unit-of-work';
import { ReferralEntity } from './referral.entity';
import { MAX_CLAIM, MAX_LEASE_SECONDS, MIN_LEASE_SECONDS } from './claim-rules';
import { ReferralAction, TRANSITIONS } from './referral-status';
import { ReferralErrorCode as Code } from './referral.errors';
import { transitionBatch } from './referral-transition';

const ROUNDS = 3;

/**
 * Partner pull (拉取): leases PENDING referrals to the calling department's system.
 *
 * Portable and TiDB-ready by design: no SKIP LOCKED, no GET_LOCK. Candidates are read without
 * locks, then taken with one conditional UPDATE (`… WHERE id IN (…) AND status IN (claimable)`)
 * stamped with a claim token fresh for each round, and read back by that token. Two claimers racing for the
 * same row: the database lets exactly one UPDATE match it; the other simply gets fewer rows and
 * tries the next candidates (up to three rounds).
 */
export class ClaimService {
  constructor(private readonly uow: UnitOfWork) {}

  async claim(ctx: RequestContext, department: Department, limit: number, leaseSeconds: number): Promise<CommandResult<ReferralEntity[]>> {
    const caller = callerOf(ctx);
    if (caller.department !== department) throw forbidden();
    const problems = new Problems();
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CLAIM) {
      problems.add(Code.INVALID_LIMIT, text(`每次领取数量应在1到${MAX_CLAIM}之间。`, `limit must be between 1 and ${MAX_CLAIM}.`), ['limit']);
    }
    if (leaseSeconds < MIN_LEASE_SECONDS || leaseSeconds > MAX_LEASE_SECONDS) {
      problems.add(
        Code.INVALID_LEASE,
        text(`领取期限应在${MIN_LEASE_SECONDS}到${MAX_LEASE_SECONDS}秒之间。`, `leaseSeconds must be between ${MIN_LEASE_SECONDS} and ${MAX_LEASE_SECONDS}.`),
        ['leaseSeconds'],
      );
    }
    if (problems.any) return failed(problems.list);

    // One read, outside any transaction, answers an empty poll: the first candidates and any
    // run-out leases of this department in the caller's region (the usual answer is neither).
    const first = await this.uow.read((m) => this.lookAround(m, department, caller.region, limit, ctx.now));
    const expired = first.filter((row) => row.kind === 'EXPIRED');
    if (expired.length > 0) await this.release(ctx.now, expired);
    else if (first.length === 0) return { value: [], userErrors: [] };
    const leaseUntil = new Date(ctx.now.getTime() + leaseSeconds * 1000).toISOString();
    const ids = await this.uow.transaction(async (m) => {
      let taken: ReferralEntity[] = [];
      // Released leases are candidates again: look afresh rather than use the first read.
      let candidates = expired.length > 0 ? null : first.map((row) => row.id);
      for (let round = 0; round < ROUNDS && taken.length < limit; round++) {
        const wanted = limit - taken.length;
        candidates ??= (await this.lookAround(m, department, caller.region, wanted, null)).map((row) => row.id);
        if (candidates.length === 0) break; // (PUSH referrals are the dispatcher's: never claimed)
        const rows = await transitionBatch(
          m,
          ReferralAction.CLAIM,
          candidates,
          { now: ctx.now, actor: department },
          { changes: { claimedBy: caller.sub, leaseExpiresAt: leaseUntil }, params: { leaseUntil } },
        );
        taken = [...taken, ...rows];
        if (candidates.length < wanted) break; // nothing more to find
        candidates = null;
      }
      return taken;
    });
    return { value: ids, userErrors: [] };
  }

  /**
   * Up to `limit` claimable referrals of the department in the region, most urgent first, and
   * (when `now` is given) up to 500 of its leases that ran out before `now`: one statement, two
   * index ranges (idx_referrals_claim, idx_referrals_lease).
   */
  private async lookAround(m: EntityManager, department: Department, region: string, limit: number, now: Date | null): Promise<Array<{ id: string; kind: 'CANDIDATE' | 'EXPIRED'; claim_token: string | null }>> {
    const inRegion = sqlInRegion('township_code', region);
    const claimable = TRANSITIONS.CLAIM.from;
    const candidates = `SELECT id, 'CANDIDATE' AS kind, claim_token FROM referrals
      WHERE department = ? AND status IN (${placeholders(claimable.length)}) AND delivery_mode = 'PULL'${inRegion.sql}
      ORDER BY due_date, id LIMIT ${Number(limit)}`;
    if (now === null) return m.query(candidates, [department, ...claimable, ...inRegion.params]);
    const leased = TRANSITIONS.LEASE_EXPIRED.from;
    return m.query(
      `SELECT * FROM (${candidates}) AS candidates UNION ALL SELECT * FROM (SELECT id, 'EXPIRED' AS kind, claim_token FROM referrals
        WHERE status IN (${placeholders(leased.length)}) AND lease_expires_at < ? AND department = ?${inRegion.sql} LIMIT 500) AS expired`,
      [department, ...claimable, ...inRegion.params, ...leased, now.toISOString(), department, ...inRegion.params],
    );
  }

  /** Hands run-out leases back to PENDING (each still the same lease, still run out). */
  private async release(now: Date, expired: Array<{ id: string; claim_token: string | null }>): Promise<number> {
    return this.uow.transaction((m) => this.releaseLeases(m, now, expired.map((lease) => ({ id: lease.id, claimToken: lease.claim_token }))));
  }

  /**
   * One conditional UPDATE for a batch of leases as they were read (same claim token, still run
   * out: a new claim or an acknowledgement meanwhile wins), their events in one INSERT, and the
   * batch's stamp cleared: a PENDING referral holds no claim token.
   */
  private async releaseLeases(m: EntityManager, now: Date, leases: Array<{ id: string; claimToken: string | null }>): Promise<number> {
    const released = await transitionBatch(m, ReferralAction.LEASE_EXPIRED, leases.map((lease) => lease.id), { now, actor: 'SYSTEM' }, {
      changes: { claimedBy: null, leaseExpiresAt: null },
      params: {},
      runOutLeases: { before: now, tokens: leases.flatMap((lease) => (lease.claimToken === null ? [] : [lease.claimToken])) },
    });
    if (released.length > 0) await m.query('UPDATE referrals SET claim_token = NULL WHERE claim_token = ?', [released[0].claimToken]);
    return released.length;
  }

  /**
   * Returns referrals whose lease ran out before they were acknowledged to PENDING. A claim does
   * it for its department (above); the periodic scan for all. Returns how many.
   */
  async releaseExpiredLeases(now: Date, scope: { department?: Department; region?: string } = {}, batch = 500): Promise<number> {
    return this.uow.transaction(async (m) => {
      const query = m
        .getRepository(ReferralEntity)
        .createQueryBuilder('r')
        .select(['r.id', 'r.claimToken'])
        .where('r.status IN (:...leased) AND r.leaseExpiresAt < :now', { leased: TRANSITIONS.LEASE_EXPIRED.from, now: now.toISOString() })
        .limit(batch);
      if (scope.department) query.andWhere('r.department = :department', { department: scope.department });
      if (scope.region) whereInRegion(query, 'r.township_code', scope.region);
      return this.releaseLeases(m, now, await query.getMany());
    });
  }
}
