import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../db/unit-of-work';
import { ReferralEntity } from '../referrals/referral.entity';
import { WITH_DEPARTMENT_STATUSES } from '../referrals/referral-status';
import { AdapterRegistry } from './adapter-registry';
import { CallbackService } from './callback.service';

/** How long a referral held by an asynchronous partner may go without news before the hub asks. */
export const DEFAULT_OVERDUE_MINUTES = 60;
const PAGE = 50;
/** Queries per department and round at most (the rest wait for the next round). */
const MAX_QUERIES = 200;

/**
 * Asks asynchronous partners (those whose adapter can `queryStatus`, e.g. the justice bureau's
 * G2P exchange) what they decided about referrals they hold and that have had no news for a while
 * — a lost callback must not leave a referral waiting for ever. A partner answers with its whole
 * history (acknowledged, materials asked, decided); the hub applies only what comes after the
 * answers it already has (counted on the referral's timeline), in order, as callbacks are. Each
 * process asks a referral at most once per interval; two processes asking the same one is harmless.
 */
export class StatusPoller {
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly adapterRegistry: AdapterRegistry,
    private readonly callbacks: CallbackService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly overdueMinutes = DEFAULT_OVERDUE_MINUTES,
  ) {}

  /** One round over every asynchronous partner; returns how many answers it applied. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const overdueMs = this.overdueMinutes * 60_000;
    const quietSince = new Date(now.getTime() - overdueMs).toISOString();
    let applied = 0;
    for (const adapter of this.adapterRegistry.pushing()) {
      if (!adapter.queryStatus) continue;
      let queries = 0;
      let after: { updatedAt: string; id: string } | null = null;
      // Keyset pages over the quiet ones, oldest news first, skipping those asked this interval.
      while (queries < MAX_QUERIES) {
        const page: ReferralEntity[] = await this.uow.read((m) => {
          const q = m
            .getRepository(ReferralEntity)
            .createQueryBuilder('r')
            .select(['r.id', 'r.updatedAt'])
            .where("r.department = :department AND r.delivery_mode = 'PUSH' AND r.status IN (:...held) AND r.updated_at < :quietSince", {
              department: adapter.department,
              held: WITH_DEPARTMENT_STATUSES,
              quietSince,
            });
          if (after) q.andWhere('(r.updated_at > :at OR (r.updated_at = :at AND r.id > :id))', { at: after.updatedAt, id: after.id });
          return q.orderBy('r.updated_at', 'ASC').addOrderBy('r.id', 'ASC').limit(PAGE).getMany();
        });
        if (page.length === 0) break;
        after = page[page.length - 1];
        for (const r of page) {
          if ((this.asked.get(r.id) ?? 0) > now.getTime() - overdueMs) continue;
          this.asked.set(r.id, now.getTime());
          queries++;
          applied += await this.ask(adapter.department, adapter.queryStatus.bind(adapter), r.id);
        }
        if (page.length < PAGE) break;
      }
    }
    for (const [id, at] of this.asked) if (at < now.getTime() - 2 * overdueMs) this.asked.delete(id);
    return applied;
  }

  private async ask(department: string, queryStatus: NonNullable<import('./department-adapter').DepartmentAdapter['queryStatus']>, referralId: string): Promise<number> {
    try {
      const history = await queryStatus(referralId, AbortSignal.timeout(this.adapterRegistry.settingsOf(department).timeoutMs));
      let applied = 0;
      // Dated when applied, not when the round began: a round can outlast midnight, and a day's
      // figures are rolled up once the day is over (src/reports/report-rollup.ts). An asynchronous
      // partner answers later, by callback (history [] here).
      for (const answer of await this.callbacks.newInHistory(history)) if ((await this.callbacks.applyAnswer(department as never, answer, this.clock.now())) === 'APPLIED') applied++;
      return applied;
    } catch (error) {
      // A partner that cannot tell now is asked again next interval.
      this.logger.warn({ department, referralId, reason: (error as { reason?: string })?.reason ?? (error as Error)?.name }, 'status query failed');
      return 0;
    }
  }
}
