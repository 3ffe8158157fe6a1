import type { Logger } from 'pino';
import { In } from 'typeorm';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../db/unit-of-work';
import { ReferralEntity } from '../referrals/referral.entity';
import { WITH_DEPARTMENT_STATUSES } from '../referrals/referral-status';
import { AdapterRegistry } from './adapter-registry';
import { CallbackService } from './callback.service';

/** How long a referral held by an asynchronous partner may go without news before the hub asks. */
export const DEFAULT_OVERDUE_MINUTES = 60;
const BATCH = 50;

/**
 * Asks asynchronous partners (those whose adapter can `queryStatus`, e.g. the justice bureau's
 * G2P exchange) what they decided about referrals they hold and that have had no news for a while
 * — a lost callback must not leave a referral waiting for ever. What they say is applied exactly
 * as a callback would be (in order; repeats change nothing). Each process asks a referral at most
 * once per interval; two processes asking the same one is harmless.
 */
export class StatusPoller {
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly partners: AdapterRegistry,
    private readonly callbacks: CallbackService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly overdueMinutes = DEFAULT_OVERDUE_MINUTES,
  ) {}

  /** One round over every asynchronous partner; returns how many answers it applied. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const overdueMs = this.overdueMinutes * 60_000;
    let applied = 0;
    for (const adapter of this.partners.pushing()) {
      if (!adapter.queryStatus) continue;
      const quiet = await this.uow.read((m) =>
        m.getRepository(ReferralEntity).find({
          select: { id: true, updatedAt: true },
          where: { department: adapter.department, deliveryMode: 'PUSH', status: In([...WITH_DEPARTMENT_STATUSES]) },
          order: { updatedAt: 'ASC' },
          take: BATCH,
        }),
      );
      for (const r of quiet) {
        if (Date.parse(r.updatedAt) > now.getTime() - overdueMs) break; // ordered: the rest are newer
        if ((this.asked.get(r.id) ?? 0) > now.getTime() - overdueMs) continue;
        this.asked.set(r.id, now.getTime());
        const timeoutMs = this.partners.settingsOf(adapter.department).timeoutMs;
        try {
          const answers = await adapter.queryStatus(r.id, AbortSignal.timeout(timeoutMs));
          for (const answer of answers) if ((await this.callbacks.applyAnswer(adapter.department, answer, now)) === 'APPLIED') applied++;
        } catch (error) {
          // A partner that cannot tell now is asked again next interval.
          this.logger.warn({ department: adapter.department, referralId: r.id, reason: (error as { reason?: string })?.reason ?? (error as Error)?.name }, 'status query failed');
        }
      }
    }
    for (const [id, at] of this.asked) if (at < now.getTime() - 2 * overdueMs) this.asked.delete(id);
    return applied;
  }
}
