import { EntityManager, In } from 'typeorm';
import { Hub } from '../hub';
import { RequestContext } from '../common/request-context';
import { newId } from '../common/ids';
import { UserError } from '../common/user-error';
import { Department, Role } from '../access/roles';
import { forbidden, requireRole } from '../access/guard';
import { appendTimeline, NewTimelineEvent } from '../timeline/timeline.service';
import { ReferralEntity } from './referral.entity';
import { ReferralStatus } from './referral-status';
import { ReferralErrorCode as Code } from './referral.errors';
import { formatCst } from '../graphql/scalars';

export const MAX_CLAIM = 100;
const MIN_LEASE_SECONDS = 10;
const MAX_LEASE_SECONDS = 3600;
const ROUNDS = 3;

/**
 * Partner pull (拉取): leases PENDING referrals to the calling department's system.
 *
 * Portable and TiDB-ready by design: no SKIP LOCKED, no GET_LOCK. Candidates are read without
 * locks, then taken with one conditional UPDATE (`… WHERE id IN (…) AND status = 'PENDING'`)
 * stamped with a fresh claim token, and read back by that token. Two claimers racing for the
 * same row: the database lets exactly one UPDATE match it; the other simply gets fewer rows and
 * tries the next candidates (up to three rounds).
 */
export class ClaimService {
  constructor(private readonly hub: Hub) {}

  async claim(ctx: RequestContext, department: Department, limit: number, leaseSeconds: number): Promise<{ ids: string[]; userErrors: UserError[] }> {
    const caller = requireRole(ctx.caller, Role.DEPARTMENT);
    if (caller.department !== department) throw forbidden();
    const errors: UserError[] = [];
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CLAIM) {
      errors.push(new UserError(Code.INVALID_LIMIT, `limit must be between 1 and ${MAX_CLAIM}.`, ['limit']));
    }
    if (leaseSeconds < MIN_LEASE_SECONDS || leaseSeconds > MAX_LEASE_SECONDS) {
      errors.push(new UserError(Code.INVALID_LEASE, `leaseSeconds must be between ${MIN_LEASE_SECONDS} and ${MAX_LEASE_SECONDS}.`, ['leaseSeconds']));
    }
    if (errors.length > 0) return { ids: [], userErrors: errors };

    await this.releaseExpiredLeases(ctx.now, { department, region: caller.region });
    const token = newId(ctx.now);
    const leaseExpiresAt = new Date(ctx.now.getTime() + leaseSeconds * 1000).toISOString();
    const ids = await this.hub.uow.transaction(async (m) => {
      let taken: ReferralEntity[] = [];
      for (let round = 0; round < ROUNDS && taken.length < limit; round++) {
        const candidates = await m
          .getRepository(ReferralEntity)
          .createQueryBuilder('r')
          .select('r.id')
          .where('r.department = :department AND r.status = :pending', { department, pending: ReferralStatus.PENDING })
          .andWhere('r.townshipCode LIKE :region', { region: `${caller.region}%` })
          .orderBy('r.dueDate', 'ASC')
          .addOrderBy('r.id', 'ASC')
          .limit(limit - taken.length)
          .getMany();
        if (candidates.length === 0) break;
        await m
          .createQueryBuilder()
          .update(ReferralEntity)
          .set({
            status: ReferralStatus.DELIVERED,
            claimToken: token,
            claimedBy: caller.sub,
            leaseExpiresAt,
            updatedAt: ctx.now.toISOString(),
            version: () => 'version + 1',
          })
          .where({ id: In(candidates.map((c) => c.id)), status: ReferralStatus.PENDING })
          .execute();
        taken = await m.getRepository(ReferralEntity).find({
          where: { claimToken: token },
          select: { id: true, caseId: true, dueDate: true },
          order: { dueDate: 'ASC', id: 'ASC' },
        });
        if (candidates.length < limit) break; // nothing more to find
      }
      await appendTimeline(
        m,
        ctx.now,
        taken.map((r) => ({ caseId: r.caseId, referralId: r.id, type: 'REFERRAL_DELIVERED', actor: department, note: `claimed until ${formatCst(new Date(leaseExpiresAt))}` })),
      );
      return taken.map((r) => r.id);
    });
    return { ids, userErrors: [] };
  }

  /**
   * Returns referrals whose lease ran out before they were acknowledged to PENDING. Runs before
   * every claim (for that department) and in the periodic scan (for all). Returns how many.
   */
  async releaseExpiredLeases(now: Date, scope: { department?: Department; region?: string } = {}, batch = 500): Promise<number> {
    return this.hub.uow.transaction(async (m) => {
      const query = m
        .getRepository(ReferralEntity)
        .createQueryBuilder('r')
        .select(['r.id', 'r.caseId', 'r.claimToken'])
        .where('r.status = :delivered AND r.leaseExpiresAt < :now', { delivered: ReferralStatus.DELIVERED, now: now.toISOString() })
        .limit(batch);
      if (scope.department) query.andWhere('r.department = :department', { department: scope.department });
      if (scope.region) query.andWhere('r.townshipCode LIKE :region', { region: `${scope.region}%` });
      const expired = await query.getMany();
      const events: NewTimelineEvent[] = [];
      for (const r of expired) {
        if (await this.release(m, r, now)) {
          events.push({ caseId: r.caseId, referralId: r.id, type: 'REFERRAL_LEASE_EXPIRED', actor: 'SYSTEM', note: 'lease ran out before acknowledgement' });
        }
      }
      await appendTimeline(m, now, events);
      return events.length;
    });
  }

  private async release(m: EntityManager, r: ReferralEntity, now: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(ReferralEntity)
      .set({ status: ReferralStatus.PENDING, claimToken: null, claimedBy: null, leaseExpiresAt: null, updatedAt: now.toISOString(), version: () => 'version + 1' })
      .where('id = :id AND claim_token = :token AND status = :delivered', { id: r.id, token: r.claimToken, delivered: ReferralStatus.DELIVERED })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
