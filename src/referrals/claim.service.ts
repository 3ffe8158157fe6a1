import { RequestContext } from '../common/request-context';
import { Problems } from '../common/user-error';
import { CommandResult, failed } from '../common/command';
import { text } from '../common/text';
import { Department, Role } from '../access/roles';
import { forbidden, requireRole } from '../access/guard';
import { whereInRegion } from '../access/region';
import { UnitOfWork } from '../db/unit-of-work';
import { ReferralEntity } from './referral.entity';
import { ReferralAction, TRANSITIONS } from './referral-status';
import { ReferralErrorCode as Code } from './referral.errors';
import { transitionBatch, transitionReferral } from './referral-transition';

export const MAX_CLAIM = 100;
const MIN_LEASE_SECONDS = 10;
const MAX_LEASE_SECONDS = 3600;
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

  async claim(ctx: RequestContext, department: Department, limit: number, leaseSeconds: number): Promise<CommandResult<string[]>> {
    const caller = requireRole(ctx.caller, Role.DEPARTMENT);
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

    await this.releaseExpiredLeases(ctx.now, { department, region: caller.region });
    const leaseUntil = new Date(ctx.now.getTime() + leaseSeconds * 1000).toISOString();
    const ids = await this.uow.transaction(async (m) => {
      let taken: string[] = [];
      for (let round = 0; round < ROUNDS && taken.length < limit; round++) {
        const query = m
          .getRepository(ReferralEntity)
          .createQueryBuilder('r')
          .select('r.id')
          .where("r.department = :department AND r.status IN (:...claimable) AND r.delivery_mode = 'PULL'", { department, claimable: TRANSITIONS.CLAIM.from });
        const candidates = await whereInRegion(query, 'r.township_code', caller.region)
          .orderBy('r.dueDate', 'ASC')
          .addOrderBy('r.id', 'ASC')
          .limit(limit - taken.length)
          .getMany();
        if (candidates.length === 0) break; // (PUSH referrals are the dispatcher's: never claimed)
        const rows = await transitionBatch(
          m,
          ReferralAction.CLAIM,
          candidates.map((c) => c.id),
          { now: ctx.now, actor: department },
          { changes: { claimedBy: caller.sub, leaseExpiresAt: leaseUntil }, params: { leaseUntil } },
        );
        taken = [...taken, ...rows.map((r) => r.id)];
        if (candidates.length < limit) break; // nothing more to find
      }
      return taken;
    });
    return { value: ids, userErrors: [] };
  }

  /**
   * Returns referrals whose lease ran out before they were acknowledged to PENDING. Runs before
   * every claim (for that department) and in the periodic scan (for all). Returns how many.
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
      let released = 0;
      for (const expired of await query.getMany()) {
        const done = await transitionReferral(
          m,
          ReferralAction.LEASE_EXPIRED,
          expired.id,
          { now, actor: 'SYSTEM' },
          // Still the same lease, still run out: a new claim or an acknowledgement meanwhile wins.
          (r) =>
            r.claimToken === expired.claimToken && r.leaseExpiresAt !== null && r.leaseExpiresAt < now.toISOString()
              ? { changes: { claimToken: null, claimedBy: null, leaseExpiresAt: null }, params: {} }
              : null,
          { skipIllegal: true },
        );
        if (done) released++;
      }
      return released;
    });
  }
}
