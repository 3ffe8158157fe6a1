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
import { endPause, lockCase, parseList, updateReferral } from './case-lifecycle';

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
    return this.onOpenCase(ctx, caseId, errors, async (m, c) => {
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
      for (const r of referrals) {
        const outstanding = parseList(r.outstandingMaterials);
        const brought = cleaned.filter((x) => outstanding.includes(x));
        if (brought.length === 0) continue;
        const left = outstanding.filter((x) => !cleaned.includes(x));
        const resume = left.length === 0;
        const changes: Partial<ReferralEntity> = { outstandingMaterials: JSON.stringify(left) };
        if (resume) Object.assign(changes, endPause(this.hub.calendar.calendar, r, ctx.today), { status: ReferralStatus.IN_PROGRESS });
        if (!(await updateReferral(m, r, changes, ctx.now))) throw new BusinessRuleError([conflict()]);
        events.push({
          caseId,
          referralId: r.id,
          type: 'SUPPLEMENT_PROVIDED',
          actor: ctx.caller!.sub,
          note: `${brought.join('、')}${resume ? '; clock resumed' : `; still outstanding: ${left.join('、')}`}`,
        });
      }
      await appendTimeline(m, ctx.now, events);
    });
  }

  /** Withdraws an open case: cancels its open referrals (their departments see CANCELLED). */
  async withdraw(ctx: RequestContext, caseId: string, reason: string): Promise<CaseResult> {
    const text = reason.trim();
    const errors: UserError[] = [];
    if (text.length === 0 || text.length > 500) errors.push(new UserError(Code.INVALID_REASON, 'A reason of 1–500 characters is required.', ['reason']));
    return this.onOpenCase(ctx, caseId, errors, async (m, c) => {
      const referrals = await m.getRepository(ReferralEntity).findBy({ caseId });
      const events: NewTimelineEvent[] = [];
      for (const r of referrals) {
        if (!canApply(ReferralAction.CANCEL, r.status as ReferralStatus)) continue;
        const changes = {
          ...endPause(this.hub.calendar.calendar, r, ctx.today),
          status: ReferralStatus.CANCELLED,
          finishedDate: ctx.today,
          claimToken: null,
          leaseExpiresAt: null,
        };
        if (!(await updateReferral(m, r, changes, ctx.now))) throw new BusinessRuleError([conflict()]);
        events.push({ caseId, referralId: r.id, type: 'REFERRAL_CANCELLED', actor: 'SYSTEM', note: `case withdrawn; ${r.department} informed` });
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
    inputErrors: UserError[],
    work: (m: import('typeorm').EntityManager, c: CaseEntity) => Promise<void>,
  ): Promise<CaseResult> {
    const caller = requireRole(ctx.caller, Role.CLERK);
    const found = await this.hub.uow.read((m) => m.getRepository(CaseEntity).findOne({ where: { id: caseId }, select: { id: true, townshipCode: true } }));
    if (!found) return { caseId: null, userErrors: [new UserError(Code.NOT_FOUND, 'No such case.', ['caseId'])] };
    if (!found.townshipCode.startsWith(caller.region)) throw forbidden();
    if (inputErrors.length > 0) return { caseId: null, userErrors: inputErrors };
    try {
      await this.hub.uow.transaction(async (m) => {
        await lockCase(m, caseId);
        const c = await m.getRepository(CaseEntity).findOneByOrFail({ id: caseId });
        if (c.status !== CaseStatus.OPEN) {
          throw new BusinessRuleError([new UserError(Code.ILLEGAL_TRANSITION, `The case is ${c.status}, not OPEN.`, ['id'])]);
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

function conflict(): UserError {
  return new UserError(Code.ILLEGAL_TRANSITION, 'A referral of this case changed at the same moment; try again.', ['id']);
}
