import { CalendarService } from '../calendar/calendar.service';
import { clockBeforeDepartment } from '../sla/acknowledgement-clock';
import { partnerCaller } from '../access/authorization';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { RequestContext } from '../common/request-context';
import { cstDateOf } from '../common/dates';
import { Department } from '../access/roles';
import { isUniqueViolation, UnitOfWork } from '../db/unit-of-work';
import { createLoaders } from '../graphql/loaders';
import { ReferralEntity } from '../referrals/referral.entity';
import { ReferralWorkflowService } from '../referrals/referral-workflow.service';
import { Decision, nextStatus, ReferralAction, ReferralStatus, TRANSITIONS } from '../referrals/referral-status';
import { TimelineEventEntity } from '../timeline/timeline-event.entity';
import { In } from 'typeorm';
import { transitionReferral } from '../referrals/referral-transition';
import { AdapterRegistry } from './adapter-registry';
import { CallbackRequest, CallbackResult, HttpReply, PartnerAnswer } from './department-adapter';
import { DeliveryMetrics } from './delivery-metrics';
import { InboxEntity, NonceEntity } from './outbox.entity';

/** The events a department's own answers write: what the hub already knows of its history. */
const ANSWER_EVENTS = [TRANSITIONS.ACKNOWLEDGE.event, TRANSITIONS.REQUEST_SUPPLEMENT.event, TRANSITIONS.RESOLVE.event];

/** Nonces older than this are forgotten; the protocols refuse timestamps older than 5 minutes. */
const NONCE_KEEP_MS = 15 * 60_000;

/**
 * Answers from partner systems by signed callback (回调): verified in the department's protocol,
 * refused when unsigned, wrongly signed, stale or replayed (logged without the body, nothing
 * changed), applied once per partner message id (the inbox), and applied in order — a decision
 * that arrives before the acknowledgement acknowledges first. An answer that comes after a later
 * one (an acknowledgement after the decision) is taken and changes nothing.
 */
export class CallbackService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly adapterRegistry: AdapterRegistry,
    private readonly workflow: ReferralWorkflowService,
    private readonly clock: Clock,
    private readonly metrics: DeliveryMetrics,
    private readonly logger: Logger,
    private readonly calendars: CalendarService,
  ) {}

  /** null when the department does not push (no callback endpoint). */
  async receive(department: string, request: CallbackRequest): Promise<HttpReply | null> {
    const adapter = this.adapterRegistry.adapterFor(department);
    if (!adapter) return null;
    const now = this.clock.now();
    // Signature windows and nonces are judged on real time (as token expiry is), not the business clock.
    const reading = await adapter.readCallback(request, new Date());
    if (!reading.accepted) return this.refused(department, reading.reason, reading.reply);
    if (reading.nonce !== null && !(await this.firstUse(department, reading.nonce, new Date()))) {
      return this.refused(department, 'REPLAYED', { status: 409, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: 'REPLAYED' }) });
    }
    const seen = await this.uow.read((m) => m.getRepository(InboxEntity).findOneBy({ department, messageId: reading.messageId }));
    if (seen) {
      this.metrics.callbacks.inc({ department, result: 'DUPLICATE' });
      // A message refused before is refused again: the partner must not read a repeat as taken.
      return reading.reply(seen.outcome === 'REJECTED' ? 'REJECTED' : 'DUPLICATE');
    }
    // REJECTED over STALE over APPLIED: the inbox keeps the worst; a stale answer is taken all the same.
    let outcome: 'APPLIED' | 'STALE' | 'REJECTED' = 'APPLIED';
    const answers = reading.history ? await this.newInHistory(reading.answers) : reading.answers;
    if (reading.history && answers.length === 0 && reading.answers.length > 0) outcome = 'STALE';
    for (const answer of answers) {
      const applied = await this.applyAnswer(adapter.department, answer, now);
      if (applied === 'REJECTED' || (applied === 'STALE' && outcome === 'APPLIED')) outcome = applied;
    }
    const result: CallbackResult = outcome === 'REJECTED' ? 'REJECTED' : 'APPLIED';
    // Recorded after applying: a crash in between means the partner's retry applies again, and
    // every answer is harmless to apply twice (the state machine refuses the second).
    await this.uow.transaction((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(InboxEntity)
        .values({ department, messageId: reading.messageId, referralId: reading.answers[0]?.referralId ?? null, outcome, receivedAt: now.toISOString() })
        .orIgnore()
        .execute(),
    );
    if (outcome === 'APPLIED') {
      // Two copies of one message at once both pass the inbox check; the one that applied it is
      // what the inbox keeps, whichever wrote first.
      await this.uow.transaction((m) =>
        m.createQueryBuilder().update(InboxEntity).set({ outcome }).where("department = :department AND message_id = :id AND outcome = 'STALE'", { department, id: reading.messageId }).execute(),
      );
    }
    this.metrics.callbacks.inc({ department, result: outcome });
    return reading.reply(result);
  }

  private refused(department: string, reason: string, reply: HttpReply): HttpReply {
    this.metrics.callbacks.inc({ department, result: reason });
    this.logger.warn({ department, reason }, 'partner callback refused');
    return reply;
  }

  /** Records the nonce; false when any hub process saw it already (its unique key). */
  private async firstUse(department: string, nonce: string, now: Date): Promise<boolean> {
    try {
      await this.uow.transaction(async (m) => {
        await m.createQueryBuilder().delete().from(NonceEntity).where('seen_at < :old', { old: new Date(now.getTime() - NONCE_KEEP_MS).toISOString() }).execute();
        await m.createQueryBuilder().insert().into(NonceEntity).values({ department, nonce: nonce.slice(0, 100), seenAt: now.toISOString() }).execute();
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Of a partner's whole history of one referral (acknowledged, materials asked, decided, in that
   * order), the answers after those the hub already has, counted on the referral's timeline: a
   * request for materials already answered must not be asked again.
   */
  async newInHistory(history: PartnerAnswer[]): Promise<PartnerAnswer[]> {
    const referralId = history[0]?.referralId;
    if (!referralId || history.some((a) => a.referralId !== referralId)) return [];
    const known = await this.uow.read((m) => m.getRepository(TimelineEventEntity).count({ where: { referralId, type: In(ANSWER_EVENTS) } }));
    return history.slice(known);
  }

  /** Applies one answer as the department would through the API; acknowledges first when needed. */
  async applyAnswer(department: Department, answer: PartnerAnswer, now: Date): Promise<'APPLIED' | 'STALE' | 'REJECTED'> {
    const ctx: RequestContext = {
      caller: partnerCaller(department),
      now,
      today: cstDateOf(now),
      lang: 'zh-CN',
      loaders: createLoaders(this.uow),
      unmaskedReads: new Set(),
    };
    const r = await this.uow.read((m) => m.getRepository(ReferralEntity).findOneBy({ id: answer.referralId }));
    if (!r || r.department !== department) return 'REJECTED';
    if (nextStatus(ReferralAction.DELIVER, r.status) !== null && r.deliveryMode === 'PUSH') {
      // The partner answers before the dispatcher recorded the delivery (its reply is still on the
      // way, or every attempt timed out after reaching it): the answer proves the partner has it.
      const moved = await this.uow.transaction((m) =>
        transitionReferral(
          m,
          ReferralAction.DELIVER,
          r,
          { now, actor: department },
          (fresh) => ({
            changes: { externalRef: answer.externalRef ?? null, ...clockBeforeDepartment(this.calendars.calendar, fresh, ctx.today) },
            params: { externalRef: answer.externalRef ?? null },
          }),
          {
          skipIllegal: true,
        }),
      );
      // Only what the state machine applied: a referral withdrawn meanwhile stays as it is now.
      if (moved) r.status = nextStatus(ReferralAction.DELIVER, moved.status) ?? r.status;
      else r.status = (await this.uow.read((m) => m.getRepository(ReferralEntity).findOneByOrFail({ id: r.id }))).status;
    }
    if (answer.kind !== 'ACKNOWLEDGED' && r.status === ReferralStatus.DELIVERED) {
      await this.workflow.acknowledge(ctx, r.id, answer.externalRef ?? r.externalRef);
    }
    const result =
      answer.kind === 'ACKNOWLEDGED'
        ? await this.workflow.acknowledge(ctx, r.id, answer.externalRef ?? r.externalRef)
        : answer.kind === 'SUPPLEMENT_REQUESTED'
          ? await this.workflow.requestSupplement(ctx, r.id, answer.materials, answer.note)
          : await this.workflow.resolve(ctx, r.id, answer.decision as Decision, answer.amountFen ?? null, answer.note);
    if (result.userErrors.length === 0) return 'APPLIED';
    // Already past this step (a late or repeated answer): taken, nothing to change.
    return result.userErrors.every((e) => e.code === 'ILLEGAL_TRANSITION') ? 'STALE' : 'REJECTED';
  }
}
