import { Hub } from '../hub';
import { RequestContext } from '../common/request-context';
import { BusinessRuleError, UserError } from '../common/user-error';
import { Role } from '../access/roles';
import { forbidden, requireRole } from '../access/guard';
import { appendTimeline, NewTimelineEvent } from '../timeline/timeline.service';
import { validateMaterials } from '../intake/intake.validation';
import { CaseEntity } from '../intake/case.entity';
import { CaseStatus } from '../intake/intake.enums';
import { ReferralEntity } from './referral.entity';
import { canApply, ReferralAction, ReferralStatus } from './referral-status';
import { ReferralErrorCode as Code } from './referral.errors';
import { applyToReferral, endPause, lockCase, parseList } from './case-lifecycle';

export type CaseResult = { caseId: string | null; userErrors: UserError[] };

/** The window's actions on a whole case: record materials (补齐材料), withdraw (撤回). */
export class CaseWorkflowService {
  constructor(private readonly hub: Hub) {}

  /**
   * Records materials the applicant brought. Each must be outstanding: missing under TOLERANT
   * acceptance, or asked for by a department. A referral whose list empties resumes its clock.
   */
  async provideSupplement(ctx: RequestContext, caseId: string, materials: string[]): Promise<CaseResult> {
    const errors: UserError[] = [];
    const fail = (code: string, message: string, path: (string | number)[]) => errors.push(new UserError(code, message, path));
    const cleaned = validateMaterials(materials, ['materials'], fail);
    if (materials.length === 0) fail(Code.NO_MATERIALS, 'Name at least one material.', ['materials']);
    return this.onOpenCase(ctx, caseId, 'caseId', errors, async (m, c) => {
      const referrals = await m.getRepository(ReferralEntity).findBy({ caseId, status: ReferralStatus.SUPPLEMENT_REQUESTED });
      const missing = parseList(c.missingMaterials);
      const unknown = cleaned
        .map((material, i) => ({ material, i }))
        .filter(({ material }) => !missing.includes(material) && !referrals.some((r) => parseList(r.outstandingMaterials).includes(material)));
      if (unknown.length > 0) {
        throw new BusinessRuleError(
          unknown.map(({ material, i }) => new UserError(Code.UNKNOWN_MATERIAL, `"${material}" is not outstanding on this case.`, ['materials', i])),
        );
      }
      const events: NewTimelineEvent[] = [];
      const caseMaterials = cleaned.filter((x) => missing.includes(x));
      if (caseMaterials.length > 0) {
        await m.getRepository(CaseEntity).update({ id: caseId }, { missingMaterials: JSON.stringify(missing.filter((x) => !cleaned.includes(x))) });
        events.push({ caseId, type: 'MATERIALS_PROVIDED', actor: ctx.caller!.sub, note: caseMaterials.join('、') });
      }
      for (const { id } of referrals) {
        let note = '';
        const changed = await applyToReferral(m, id, ctx.now, (r) => {
          if (r.status !== ReferralStatus.SUPPLEMENT_REQUESTED) return null;
          const outstanding = parseList(r.outstandingMaterials);
          const brought = cleaned.filter((x) => outstanding.includes(x));
          if (brought.length === 0) return null;
          const left = outstanding.filter((x) => !cleaned.includes(x));
          note = `${brought.join('、')}${left.length === 0 ? '; clock resumed' : `; still outstanding: ${left.join('、')}`}`;
          const changes: Partial<ReferralEntity> = { outstandingMaterials: JSON.stringify(left) };
          if (left.length === 0) Object.assign(changes, endPause(this.hub.calendar.calendar, r, ctx.today), { status: ReferralStatus.IN_PROGRESS });
          return changes;
        });
        if (changed) events.push({ caseId, referralId: id, type: 'SUPPLEMENT_PROVIDED', actor: ctx.caller!.sub, note });
      }
      await appendTimeline(m, ctx.now, events);
    });
  }

  /** Withdraws an open case: cancels its open referrals (their departments see CANCELLED). */
  async withdraw(ctx: RequestContext, caseId: string, reason: string): Promise<CaseResult> {
    const text = reason.trim();
    const errors: UserError[] = [];
    if (text.length === 0 || text.length > 500) errors.push(new UserError(Code.INVALID_REASON, 'A reason of 1–500 characters is required.', ['reason']));
    return this.onOpenCase(ctx, caseId, 'id', errors, async (m, c) => {
      const referrals = await m.getRepository(ReferralEntity).findBy({ caseId });
      const events: NewTimelineEvent[] = [];
      for (const { id, department } of referrals) {
        const cancelled = await applyToReferral(m, id, ctx.now, (r) =>
          canApply(ReferralAction.CANCEL, r.status as ReferralStatus)
            ? {
                ...endPause(this.hub.calendar.calendar, r, ctx.today),
                status: ReferralStatus.CANCELLED,
                finishedDate: ctx.today,
                claimToken: null,
                claimedBy: null,
                leaseExpiresAt: null,
              }
            : null,
        );
        if (cancelled) events.push({ caseId, referralId: id, type: 'REFERRAL_CANCELLED', actor: 'SYSTEM', note: `case withdrawn; ${department} informed` });
      }
      await m.getRepository(CaseEntity).update(
        { id: c.id },
        { status: CaseStatus.WITHDRAWN, closedAt: ctx.now.toISOString(), closedDate: ctx.today, withdrawReason: text, openApplicantKey: null },
      );
      events.push({ caseId, type: 'CASE_WITHDRAWN', actor: ctx.caller!.sub, note: text });
      await appendTimeline(m, ctx.now, events);
    });
  }

  private async onOpenCase(
    ctx: RequestContext,
    caseId: string,
    argument: 'id' | 'caseId',
    inputErrors: UserError[],
    work: (m: import('typeorm').EntityManager, c: CaseEntity) => Promise<void>,
  ): Promise<CaseResult> {
    const caller = requireRole(ctx.caller, Role.CLERK);
    const found = await this.hub.uow.read((m) => m.getRepository(CaseEntity).findOne({ where: { id: caseId }, select: { id: true, townshipCode: true } }));
    if (!found) return { caseId: null, userErrors: [new UserError(Code.NOT_FOUND, 'No such case.', [argument])] };
    if (!found.townshipCode.startsWith(caller.region)) throw forbidden();
    if (inputErrors.length > 0) return { caseId: null, userErrors: inputErrors };
    try {
      await this.hub.uow.transaction(async (m) => {
        await lockCase(m, caseId);
        const c = await m.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
        if (c.status !== CaseStatus.OPEN) {
          throw new BusinessRuleError([new UserError(Code.ILLEGAL_TRANSITION, `The case is ${c.status}, not OPEN.`, [argument])]);
        }
        await work(m, c);
      });
      return { caseId, userErrors: [] };
    } catch (error) {
      if (error instanceof BusinessRuleError) return { caseId: null, userErrors: error.userErrors };
      throw error;
    }
  }
}
