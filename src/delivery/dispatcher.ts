import { cstDateOf } from '../common/dates';
import { CalendarService } from '../calendar/calendar.service';
import { clockBeforeDepartment } from '../sla/acknowledgement-clock';
import { DeliveryBreaker } from './breaker';
import { partnerCaller } from '../access/authorization';
import type { Logger } from 'pino';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { UnitOfWork } from '../db/unit-of-work';
import { PiiCrypto } from '../access/pii-crypto';
import { recordAccess } from '../access/access-log';
import { ReferralEntity } from '../referrals/referral.entity';
import { isFinished, ReferralAction, ReferralStatus } from '../referrals/referral-status';
import { lockedReferral, transitionReferral } from '../referrals/referral-transition';
import { AdapterRegistry } from './adapter-registry';
import { DeliveryOutcome, DepartmentAdapter, ReferralDelivery, SupervisionNoticeMessage } from './department-adapter';
import { SupervisionNoticeEntity } from '../supervision/supervision-notice.entity';
import { NoticeStatus } from '../supervision/supervision-rules';

/** A notice still asking for an answer (or for its promise to be kept). */
const ASKING: readonly NoticeStatus[] = [NoticeStatus.OPEN, NoticeStatus.ANSWERED];
import { deliveriesOf } from './delivery-content';
import { CaseEntity } from '../cases/case.entity';
import { DeliveryMetrics } from './delivery-metrics';
import { DEFAULT_RETRY_POLICY, enqueue, leaseDue, nextAttempt, RetryPolicy, updateHeld } from './outbox';
import { OutboxEntity } from './outbox.entity';

export interface DispatcherOptions {
  /** Rows a department's loop takes at once (and sends concurrently). */
  batch: number;
  /** How long an idle loop waits before looking again (a commit in this process wakes it at once). */
  pollMs: number;
  retry: RetryPolicy;
  /** Consecutive failures that open a department's breaker, and how long it stays open. */
  breakerFailures: number;
  breakerOpenMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = { batch: 16, pollMs: 1000, retry: DEFAULT_RETRY_POLICY, breakerFailures: 5, breakerOpenMs: 30_000 };


/**
 * The dispatcher (投递): sends outbox rows to the PUSH departments' systems. One loop per
 * department, so a department that is down or slow holds up only its own rows. Rows are leased
 * with one conditional UPDATE and a lease expiry, as claims are: several processes share one
 * database, and a crashed process's rows are taken again when its lease runs out. No transaction
 * is open during a call. At-least-once; the referral id is the idempotency key every protocol
 * carries, so the partner applies each effect once.
 */
export class Dispatcher {
  /** Each PUSH department's breaker, on the injected clock (no rows are leased while it is open). */
  private readonly breakers = new Map<string, DeliveryBreaker>();
  private readonly wakers = new Map<string, () => void>();
  private inFlight = new AbortController();
  private loops: Promise<void>[] = [];
  private stopped = true;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly adapterRegistry: AdapterRegistry,
    private readonly crypto: PiiCrypto,
    private readonly clock: Clock,
    private readonly metrics: DeliveryMetrics,
    private readonly logger: Logger,
    private readonly calendars: CalendarService,
    private readonly options: DispatcherOptions = DEFAULT_DISPATCHER_OPTIONS,
  ) {
    for (const adapter of adapterRegistry.pushing()) {
      const breaker = new DeliveryBreaker(clock, options.breakerFailures, options.breakerOpenMs, (state) => {
        metrics.openBreakers.set({ department: adapter.department }, state === 'OPEN' ? 1 : 0);
        if (state === 'OPEN') logger.warn({ department: adapter.department }, 'delivery circuit opened');
        if (state === 'CLOSED') logger.info({ department: adapter.department }, 'delivery circuit closed');
      });
      this.breakers.set(adapter.department, breaker);
    }
  }

  /** OPEN, HALF_OPEN or CLOSED; null for a PULL department. */
  circuitState(department: string): 'CLOSED' | 'OPEN' | 'HALF_OPEN' | null {
    return this.breakers.get(department)?.state ?? null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.inFlight = new AbortController();
    this.loops = this.adapterRegistry.pushing().map((adapter) => this.loop(adapter));
  }

  /** Wakes the loops of these departments (rows were just committed in this process). */
  nudge(departments: Iterable<string>): void {
    for (const d of departments) this.wakers.get(d)?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.inFlight.abort();
    for (const wake of this.wakers.values()) wake();
    await Promise.all(this.loops);
  }

  /** Sends every row now due, department after department, until none is left (tests, tools). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      let round = 0;
      for (const adapter of this.adapterRegistry.pushing()) round += await this.runOnce(adapter);
      total += round;
      if (round === 0) return total;
    }
  }

  private async loop(adapter: DepartmentAdapter): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.runOnce(adapter);
      } catch (error) {
        this.logger.error({ department: adapter.department, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'dispatcher round failed');
      }
      if (sent === 0 && !this.stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, this.options.pollMs);
          function done() {
            clearTimeout(timer);
            resolve();
          }
          this.wakers.set(adapter.department, done);
        });
      }
    }
  }

  /**
   * Takes the department's rows that are due and sends them; returns how many it took. What the
   * batch sends is read at once (four reads), and the whole identity numbers it will disclose are
   * logged in one write before any call.
   */
  async runOnce(adapter: DepartmentAdapter): Promise<number> {
    // A breaker that is open: lease nothing until it may half-open, then one row to try it.
    const state = this.breakers.get(adapter.department)!.state;
    if (state === 'OPEN') return 0;
    const limit = state === 'HALF_OPEN' ? 1 : this.options.batch;
    const rows = await this.lease(adapter.department, limit);
    if (rows.length === 0) return 0;
    const { referrals, deliveries, caseNos, notices } = await this.uow.read(async (m) => {
      const referrals = new Map((await m.getRepository(ReferralEntity).find({ where: { id: In(rows.map((r) => r.referralId)) } })).map((r) => [r.id, r]));
      const toDeliver = rows.filter((row) => row.kind === 'DELIVER' && referrals.get(row.referralId)?.status === ReferralStatus.PENDING);
      const deliveries = await deliveriesOf(m, this.crypto, toDeliver.map((row) => referrals.get(row.referralId)!));
      // Cancellations and notices name the case by its number.
      const named = rows.filter((row) => row.kind !== 'DELIVER').map((row) => referrals.get(row.referralId)!.caseId);
      const caseNos = new Map<string, string>(
        named.length ? (await m.getRepository(CaseEntity).find({ select: { id: true, caseNo: true }, where: { id: In(named) } })).map((c) => [c.id, c.caseNo]) : [],
      );
      const noticeIds = rows.filter((row) => row.kind === 'NOTICE').map((row) => row.subjectId);
      const notices = new Map(noticeIds.length ? (await m.getRepository(SupervisionNoticeEntity).find({ where: { id: In(noticeIds) } })).map((n) => [n.id, n]) : []);
      return { referrals, deliveries, caseNos, notices };
    });
    // Whole identity numbers leave the hub: logged before the calls, naming the department.
    await recordAccess(
      this.uow,
      partnerCaller(adapter.department),
      this.clock.now(),
      [...deliveries.values()].flatMap((d) => adapter.disclosedPersons(d).map((personId) => ({ purpose: 'DELIVERY' as const, personId }))),
    );
    await Promise.all(
      rows.map((row) => {
        const referral = referrals.get(row.referralId)!;
        const caseNo = caseNos.get(referral.caseId) ?? '';
        if (row.kind !== 'NOTICE') return this.send(adapter, row, referral, deliveries.get(row.referralId) ?? null, caseNo);
        const notice = notices.get(row.subjectId);
        // A protocol without a notice message: the department reads its notices through the API.
        if (!adapter.supervise) return this.skip(row, 'NO_NOTICE_MESSAGE');
        // Closed or escalated while it waited (the step done, the partner down), or the referral ended: nothing to ask any more.
        if (!notice || !ASKING.includes(notice.status as NoticeStatus) || isFinished(referral.status)) return this.skip(row, 'NOTICE_CLOSED');
        return this.send(adapter, row, referral, null, caseNo, supervisionMessage(notice, referral, caseNo));
      }),
    );
    return rows.length;
  }

  private async lease(department: string, limit: number): Promise<OutboxEntity[]> {
    const now = this.clock.now();
    const at = now.toISOString();
    const token = newId(now);
    const settings = this.adapterRegistry.settingsOf(department);
    // Long enough for the batch's calls (each bounded by the timeout) and the writes after them.
    const leaseMs = Math.max(5_000, 3 * settings.timeoutMs);
    return this.uow.transaction((m) => leaseDue(m, department, limit, { token, at, until: new Date(now.getTime() + leaseMs).toISOString() }));
  }

  private async send(adapter: DepartmentAdapter, row: OutboxEntity, referral: ReferralEntity, delivery: ReferralDelivery | null, caseNo: string, notice?: SupervisionNoticeMessage): Promise<void> {
    if (row.kind === 'DELIVER' && delivery === null) return this.notNeeded(row, referral);
    const settings = this.adapterRegistry.settingsOf(adapter.department);
    this.metrics.attempts.inc({ department: adapter.department, kind: row.kind });
    const breaker = this.breakers.get(adapter.department)!;
    // Opened by another row of the same round: this one waits for the breaker's time.
    if (!breaker.admits()) return this.postpone(row, new Date(this.clock.now().getTime() + this.options.breakerOpenMs), 'CIRCUIT_OPEN', false);
    // One controller per call (a listener on the long-lived shutdown signal, removed after).
    const call$ = new AbortController();
    const timer = setTimeout(() => call$.abort(new DOMException('deadline', 'TimeoutError')), settings.timeoutMs);
    const onShutdown = () => call$.abort();
    this.inFlight.signal.addEventListener('abort', onShutdown);
    const signal = call$.signal;
    const call = notice
      ? () => adapter.supervise!(notice, signal)
      : delivery !== null
        ? () => adapter.deliver(delivery, signal)
        : () => adapter.cancel({ referralId: referral.id, caseNo, externalRef: referral.externalRef, reason: 'CASE_WITHDRAWN' }, signal);
    let outcome: DeliveryOutcome;
    try {
      outcome = await call();
      // A retryable failure counts against the partner; an answer (even a refusal) shows it is up.
      if (!outcome.ok && outcome.retryable) breaker.failed();
      else breaker.succeeded();
    } catch {
      // The adapter itself threw (a bug, not the partner's failure): the breaker is not told.
      outcome = { ok: false, retryable: true, reason: 'ADAPTER_ERROR' };
    } finally {
      clearTimeout(timer);
      this.inFlight.signal.removeEventListener('abort', onShutdown);
    }
    // Cut short by shutdown: not the partner's failure; the row goes back as it was.
    if (this.inFlight.signal.aborted && !outcome.ok) return this.postpone(row, this.clock.now(), row.lastError ?? 'SHUTDOWN', false);
    if (outcome.ok) return this.delivered(adapter, row, outcome.externalRef);
    if (!outcome.retryable) return this.giveUp(row, row.attempts + 1, outcome.reason);
    const next = nextAttempt(row.attempts + 1, this.clock.now(), row.giveUpAt, this.options.retry);
    if (next === null) return this.giveUp(row, row.attempts + 1, outcome.reason);
    return this.postpone(row, next, outcome.reason, true);
  }

  /**
   * A DELIVER row whose referral is no longer PENDING. Moved on (a callback or another process
   * recorded the delivery): SENT. Cancelled: SKIPPED — and when an earlier attempt may have
   * reached the partner (it timed out), the partner is told of the cancellation.
   */
  private async notNeeded(row: OutboxEntity, referral: ReferralEntity): Promise<void> {
    const cancelled = referral.status === ReferralStatus.CANCELLED;
    const state = cancelled || referral.status === ReferralStatus.DELIVERY_FAILED ? 'SKIPPED' : 'SENT';
    await this.uow.transaction(async (m) => {
      if ((await this.update(m, row, { state })) && cancelled && row.attempts > 0) {
        await enqueue(m, 'CANCEL', [{ referralId: row.referralId, caseId: row.caseId, department: row.department, retryBudgetHours: this.adapterRegistry.settingsOf(row.department).retryBudgetHours }], this.clock.now());
      }
    });
    this.metrics.deliveries.inc({ department: row.department, kind: row.kind, result: state });
  }

  private async delivered(adapter: DepartmentAdapter, row: OutboxEntity, externalRef: string | null): Promise<void> {
    const now = this.clock.now();
    await this.uow.transaction(async (m) => {
      if (row.kind === 'DELIVER') {
        // The transition takes the case's lock first: six departments' deliveries of one case queue
        // on it instead of colliding on its timeline numbering.
        const moved = await transitionReferral(
          m,
          ReferralAction.DELIVER,
          { id: row.referralId, caseId: row.caseId },
          { now, actor: adapter.department },
          // Before the department from today: its acknowledgement clock starts (once).
          (r) => ({ changes: { externalRef, ...clockBeforeDepartment(this.calendars.calendar, r, cstDateOf(now)) }, params: { externalRef } }),
          { skipIllegal: true },
        );
        if (!moved) {
          // Withdrawn while the call was under way: the partner has it, so tell it.
          const r = await m.getRepository(ReferralEntity).findOneByOrFail({ id: row.referralId });
          if (r.status === ReferralStatus.CANCELLED) {
            await enqueue(m, 'CANCEL', [{ referralId: r.id, caseId: r.caseId, department: r.department, retryBudgetHours: this.adapterRegistry.settingsOf(r.department).retryBudgetHours }], now);
          }
        }
      }
      await this.update(m, row, { state: 'SENT', attempts: row.attempts + 1, sentAt: now.toISOString(), externalRef, lastError: null });
      // Idempotent: a second run finds the referral moved on and the row no longer held by this
      // lease, and changes nothing — so a COMMIT whose outcome is unknown is run again rather than
      // leaving the row to be sent once more when its lease runs out.
    }, { idempotent: true });
    this.metrics.deliveries.inc({ department: adapter.department, kind: row.kind, result: 'SENT' });
    if (row.kind === 'DELIVER') this.metrics.lag.observe({ department: adapter.department }, Math.max(0, now.getTime() - Date.parse(row.createdAt)) / 1000);
  }

  private async postpone(row: OutboxEntity, next: Date, reason: string, counted: boolean): Promise<void> {
    if (next.toISOString() > row.giveUpAt) return this.giveUp(row, row.attempts + (counted ? 1 : 0), reason);
    await this.uow.transaction((m) => this.update(m, row, { attempts: row.attempts + (counted ? 1 : 0), nextAttemptAt: next.toISOString(), lastError: reason }));
  }

  /**
   * The budget is spent, or the partner refused the content: a person must look (DELIVERY_FAILED).
   * Only while this round still holds the row (a round whose lease ran out leaves it to the
   * round that took it over), and only for a referral still PENDING (one a callback has shown the
   * partner holds is delivered, not failed).
   */
  private async giveUp(row: OutboxEntity, attempts: number, reason: string): Promise<void> {
    const now = this.clock.now();
    const failed = await this.uow.transaction(async (m) => {
      // A cancellation or a notice that cannot be sent fails alone; the referral stays as it is.
      if (row.kind !== 'DELIVER') return this.update(m, row, { state: 'FAILED', attempts, lastError: reason });
      const r = await lockedReferral(m, { id: row.referralId, caseId: row.caseId });
      if (r.status !== ReferralStatus.PENDING) {
        await this.update(m, row, { state: r.status === ReferralStatus.CANCELLED ? 'SKIPPED' : 'SENT', attempts, lastError: reason });
        return false;
      }
      if (!(await this.update(m, row, { state: 'FAILED', attempts, lastError: reason }))) return false;
      await transitionReferral(m, ReferralAction.DELIVERY_FAILED, { id: row.referralId, caseId: row.caseId }, { now, actor: 'SYSTEM' }, () => ({ changes: {}, params: { attempts, reason } }));
      return true;
    });
    if (!failed) return;
    this.metrics.deliveries.inc({ department: row.department, kind: row.kind, result: 'FAILED' });
    this.logger.warn({ department: row.department, kind: row.kind, referralId: row.referralId, attempts, reason }, 'delivery failed for good');
  }

  /** A row with nothing to send: SKIPPED with why. */
  private async skip(row: OutboxEntity, reason: string): Promise<void> {
    await this.uow.transaction((m) => this.update(m, row, { state: 'SKIPPED', lastError: reason }));
    this.metrics.deliveries.inc({ department: row.department, kind: row.kind, result: 'SKIPPED' });
  }

  private update(m: EntityManager, row: OutboxEntity, changes: Partial<OutboxEntity>): Promise<boolean> {
    return updateHeld(m, row, changes);
  }
}

/** What a partner is told of a supervision notice: the referral and the ask, no personal data. */
function supervisionMessage(n: SupervisionNoticeEntity, r: ReferralEntity, caseNo: string): SupervisionNoticeMessage {
  return {
    noticeId: n.id,
    referralId: r.id,
    caseNo,
    externalRef: r.externalRef,
    clock: n.clock,
    level: n.level,
    supervisorRegion: n.supervisorRegion,
    dueDate: n.dueDate,
    raisedOn: n.raisedOn,
    respondBy: n.respondBy,
  };
}
