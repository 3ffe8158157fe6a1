import { Hub } from '../hub';
import { RequestContext } from '../common/request-context';
import { BusinessRuleError, UserError } from '../common/user-error';
import { Caller, Role } from '../access/roles';
import { forbidden, requireRole } from '../access/guard';
import { appendTimeline } from '../timeline/timeline.service';
import { validateMaterials } from '../intake/intake.validation';
import { ReferralEntity } from './referral.entity';
import { canApply, Decision, ReferralAction, ReferralStatus, TRANSITIONS } from './referral-status';
import { ReferralErrorCode as Code } from './referral.errors';
import { applyToReferral, closeCaseIfDone, endPause, lockCase } from './case-lifecycle';

export type ReferralResult = { referralId: string | null; userErrors: UserError[] };

const VERB: Record<ReferralAction, string> = {
  CLAIM: 'claim',
  LEASE_EXPIRED: 'release',
  ACKNOWLEDGE: 'acknowledge',
  REQUEST_SUPPLEMENT: 'request materials for',
  SUPPLEMENT_COMPLETE: 'resume',
  RESOLVE: 'resolve',
  CANCEL: 'cancel',
};

/** A department's actions on one of its referrals: 受理, 补充材料, 办结. */
export class ReferralWorkflowService {
  constructor(private readonly hub: Hub) {}

  acknowledge(ctx: RequestContext, id: string, externalRef: string | null | undefined): Promise<ReferralResult> {
    const ref = externalRef?.trim() || null;
    const errors: UserError[] = [];
    if (ref !== null && ref.length > 100) errors.push(new UserError(Code.INVALID_EXTERNAL_REF, 'externalRef has at most 100 characters.', ['externalRef']));
    return this.transition(ctx, id, ReferralAction.ACKNOWLEDGE, errors, (r) => {
      // A claimed referral is acknowledged by the system holding a running lease; once the lease
      // ran out it goes back to PENDING and must be claimed again.
      if (r.claimToken && r.claimedBy !== ctx.caller!.sub) {
        throw new BusinessRuleError([new UserError(Code.ILLEGAL_TRANSITION, 'Another system of the department holds the lease on this referral.', ['id'])]);
      }
      if (r.leaseExpiresAt && r.leaseExpiresAt < ctx.now.toISOString()) {
        throw new BusinessRuleError([new UserError(Code.ILLEGAL_TRANSITION, 'The lease ran out before the acknowledgement; claim the referral again.', ['id'])]);
      }
      return {
        changes: { externalRef: ref, claimToken: null, claimedBy: null, leaseExpiresAt: null },
        event: { type: 'REFERRAL_ACKNOWLEDGED', note: ref ? `externalRef ${ref}` : null },
      };
    });
  }

  requestSupplement(ctx: RequestContext, id: string, materials: string[], note: string | null | undefined): Promise<ReferralResult> {
    const errors: UserError[] = [];
    const fail = (code: string, message: string, path: (string | number)[]) => errors.push(new UserError(code, message, path));
    const cleaned = validateMaterials(materials, ['materials'], fail);
    if (materials.length === 0) fail(Code.NO_MATERIALS, 'Name at least one material.', ['materials']);
    const text = checkNote(note, errors);
    return this.transition(ctx, id, ReferralAction.REQUEST_SUPPLEMENT, errors, (r) => {
      const calendar = this.hub.calendar.calendar;
      return {
        // The clock stops today; while paused, the working days left stay what they are now.
        changes: {
          outstandingMaterials: JSON.stringify(cleaned),
          pauseStarted: ctx.today,
          pausedDaysLeft: calendar.workingDaysBetween(ctx.today, r.dueDate),
        },
        event: { type: 'SUPPLEMENT_REQUESTED', note: [cleaned.join('、'), text].filter(Boolean).join(' — ') },
      };
    });
  }

  resolve(ctx: RequestContext, id: string, decision: Decision, amountFen: number | null | undefined, note: string | null | undefined): Promise<ReferralResult> {
    const errors: UserError[] = [];
    if (amountFen != null && amountFen < 0) errors.push(new UserError(Code.NEGATIVE_AMOUNT, 'Amounts are whole, non-negative fen.', ['amountFen']));
    if (amountFen != null && decision === Decision.REJECTED) {
      errors.push(new UserError(Code.AMOUNT_NOT_ALLOWED, 'A rejected referral pays no amount.', ['amountFen']));
    }
    const text = checkNote(note, errors);
    return this.transition(ctx, id, ReferralAction.RESOLVE, errors, (r) => ({
      changes: {
        ...endPause(this.hub.calendar.calendar, r, ctx.today),
        decision,
        amountFen: amountFen ?? null,
        outcomeNote: text,
        decidedAt: ctx.now.toISOString(),
        finishedDate: ctx.today,
        outstandingMaterials: '[]', // decided: nothing is waited for any more
        claimToken: null,
        claimedBy: null,
        leaseExpiresAt: null,
      },
      event: { type: 'REFERRAL_RESOLVED', note: [decision, amountFen != null ? `${amountFen} fen` : null, text].filter(Boolean).join('; ') },
      mayCloseCase: true,
    }));
  }

  /**
   * The one path every department action takes: access, input errors (all reported together),
   * the case lock, the state machine, a version-guarded update and the timeline, in one transaction.
   */
  private async transition(
    ctx: RequestContext,
    id: string,
    action: ReferralAction,
    inputErrors: UserError[],
    plan: (r: ReferralEntity) => {
      changes: Partial<ReferralEntity>;
      event: { type: 'REFERRAL_ACKNOWLEDGED' | 'SUPPLEMENT_REQUESTED' | 'REFERRAL_RESOLVED'; note: string | null };
      mayCloseCase?: boolean;
    },
  ): Promise<ReferralResult> {
    const caller = requireRole(ctx.caller, Role.DEPARTMENT);
    const found = await this.hub.uow.read((m) => m.getRepository(ReferralEntity).findOneBy({ id }));
    if (!found) return { referralId: null, userErrors: [new UserError(Code.NOT_FOUND, 'No such referral.', ['id'])] };
    assertOwnReferral(caller, found);
    if (inputErrors.length > 0) return { referralId: null, userErrors: inputErrors };
    try {
      await this.hub.uow.transaction(async (m) => {
        await lockCase(m, found.caseId);
        let planned: ReturnType<typeof plan> | null = null;
        await applyToReferral(m, id, ctx.now, (r) => {
          if (!canApply(action, r.status as ReferralStatus)) throw illegal(action, r.status);
          planned = plan(r);
          return { ...planned.changes, status: TRANSITIONS[action].to };
        });
        const { event, mayCloseCase } = planned!;
        await appendTimeline(m, ctx.now, [{ caseId: found.caseId, referralId: id, type: event.type, actor: caller.department!, note: event.note }]);
        if (mayCloseCase) await closeCaseIfDone(m, found.caseId, ctx.now, ctx.today);
      });
      return { referralId: id, userErrors: [] };
    } catch (error) {
      if (error instanceof BusinessRuleError) return { referralId: null, userErrors: error.userErrors };
      throw error;
    }
  }
}

function illegal(action: ReferralAction, status: string): BusinessRuleError {
  return new BusinessRuleError([
    new UserError(Code.ILLEGAL_TRANSITION, `Cannot ${VERB[action]} a referral that is ${status}.`, ['id']),
  ]);
}

function checkNote(note: string | null | undefined, errors: UserError[]): string | null {
  const text = note?.trim() || null;
  if (text !== null && text.length > 1000) errors.push(new UserError(Code.TEXT_TOO_LONG, 'A note has at most 1000 characters.', ['note']));
  return text;
}

/** A department acts only on its own department's referrals inside its region. */
export function assertOwnReferral(caller: Caller, r: Pick<ReferralEntity, 'department' | 'townshipCode'>): void {
  if (caller.department !== r.department || !r.townshipCode.startsWith(caller.region)) throw forbidden();
}
