import { RequestContext } from '../common/request-context';
import { callerOf } from '../access/authorization';
import { UserError } from '../common/user-error';
import { CommandResult, failed, runCommand } from '../common/command';
import { text } from '../common/text';
import { inRegion } from '../access/region';
import { withinScope } from '../access/scope';
import { UnitOfWork } from '../db/unit-of-work';
import { ReferralEntity } from '../referrals/referral.entity';
import { ReferralAction, TRANSITIONS } from '../referrals/referral-status';
import { ReferralErrorCode as Code } from '../referrals/referral.errors';
import { transitionReferral } from '../referrals/referral-transition';
import { AdapterRegistry } from './adapter-registry';
import { Dispatcher } from './dispatcher';
import { enqueue } from './outbox';
import { OutboxEntity } from './outbox.entity';
import { DeliveryMetrics } from './delivery-metrics';

export interface PartnerView {
  department: string;
  mode: string;
  protocol: string | null;
  endpointHost: string | null;
  circuitState: string | null;
  outboxDepth: number;
  failedDeliveries: number;
}

/** What people do about delivery: see how each department is reached, put a failed delivery back. */
export class DeliveryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly adapterRegistry: AdapterRegistry,
    private readonly dispatcher: Dispatcher,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /** ADMIN: every department's mode, protocol, endpoint host, circuit and outbox — never a secret. */
  async overview(ctx: RequestContext): Promise<PartnerView[]> {
    const count = await this.outboxCounts();
    return this.adapterRegistry.all().map(({ settings }) => ({
      department: settings.department,
      mode: settings.mode,
      protocol: settings.protocol,
      endpointHost: settings.endpoint?.host ?? null,
      circuitState: this.dispatcher.circuitState(settings.department),
      outboxDepth: count(settings.department, 'WAITING', 'DELIVER'),
      failedDeliveries: count(settings.department, 'FAILED', 'DELIVER'),
    }));
  }

  /**
   * At start-up: departments this process runs as PULL get back what was waiting to be pushed to
   * them (a department switched from PUSH to PULL): their unsent rows are skipped and their PENDING
   * referrals become claimable. Returns how many referrals were handed back.
   */
  async reconcileModes(): Promise<number> {
    const pulling = this.adapterRegistry.all().filter((p) => p.settings.mode === 'PULL').map((p) => p.settings.department as string);
    if (pulling.length === 0) return 0;
    return this.uow.transaction(async (m) => {
      await m
        .createQueryBuilder()
        .update(OutboxEntity)
        .set({ state: 'SKIPPED', lockedBy: null, lockedUntil: null, lastError: 'DEPARTMENT_PULLS' })
        .where("state = 'WAITING' AND department IN (:...pulling)", { pulling })
        .execute();
      const handedBack = await m
        .createQueryBuilder()
        .update(ReferralEntity)
        .set({ deliveryMode: 'PULL', version: () => 'version + 1' })
        .where("delivery_mode = 'PUSH' AND department IN (:...pulling) AND status IN (:...waiting)", { pulling, waiting: TRANSITIONS.CLAIM.from })
        .execute();
      return handedBack.affected ?? 0;
    });
  }

  /** Sets the outbox-depth gauge of /metrics from the database (every process's rows). */
  async refreshGauges(): Promise<void> {
    const count = await this.outboxCounts();
    for (const { settings } of this.adapterRegistry.all()) {
      if (settings.mode === 'PUSH') this.metrics.outboxDepth.set({ department: settings.department }, count(settings.department, 'WAITING'));
    }
  }

  /** Outbox rows by department, state and (when given) kind: one grouped read. */
  private async outboxCounts(): Promise<(department: string, state: string, kind?: string) => number> {
    const rows: Array<{ department: string; state: string; kind: string; n: number | string }> = await this.uow.read((m) =>
      m.query("SELECT department, state, kind, COUNT(*) AS n FROM delivery_outbox WHERE state IN ('WAITING', 'FAILED') GROUP BY department, state, kind"),
    );
    return (department, state, kind) =>
      rows.filter((r) => r.department === department && r.state === state && (kind === undefined || r.kind === kind)).reduce((n, r) => n + Number(r.n), 0);
  }

  /**
   * Puts a DELIVERY_FAILED referral back in the queue with a fresh budget (ADMIN, or a CLERK of the
   * case's region). A department switched to PULL meanwhile gets it by claiming instead.
   */
  async retry(ctx: RequestContext, referralId: string): Promise<CommandResult<string>> {
    const caller = callerOf(ctx);
    const row = await this.uow.read((m) => m.getRepository(ReferralEntity).findOneBy({ id: referralId }));
    const found = withinScope(caller, row, row !== null && inRegion(caller.region, row.townshipCode));
    if (!found) return failed([new UserError(Code.NOT_FOUND, text('找不到该转办事项。', 'No such referral.'), ['referralId'])]);
    const mode = this.adapterRegistry.modeOf(found.department);
    const result = await runCommand(this.uow, async (m) => {
      await transitionReferral(m, ReferralAction.RETRY_DELIVERY, found, { now: ctx.now, actor: caller.sub }, () => ({ changes: { deliveryMode: mode }, params: {} }));
      const budgetHours = this.adapterRegistry.settingsOf(found.department).retryBudgetHours;
      await m
        .createQueryBuilder()
        .update(OutboxEntity)
        .set({
          state: mode === 'PUSH' ? 'WAITING' : 'SKIPPED',
          attempts: 0,
          nextAttemptAt: ctx.now.toISOString(),
          giveUpAt: new Date(ctx.now.getTime() + budgetHours * 3_600_000).toISOString(),
          lockedBy: null,
          lockedUntil: null,
          lastError: null,
        })
        .where("referral_id = :referralId AND kind = 'DELIVER'", { referralId })
        .execute();
      if (mode === 'PUSH') {
        await enqueue(m, 'DELIVER', [{ referralId, caseId: found.caseId, department: found.department, retryBudgetHours: budgetHours }], ctx.now);
      }
      return referralId;
    });
    if (result.value !== null && mode === 'PUSH') this.dispatcher.nudge([found.department]);
    return result;
  }
}
