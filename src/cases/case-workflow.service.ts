import { EntityManager } from 'typeorm';
import { callerOf } from '../access/authorization';
import { RequestContext } from '../common/request-context';
import { BusinessRuleError, Problems, UserError } from '../common/user-error';
import { CommandResult, failed, runCommand } from '../common/command';
import { text } from '../common/text';
import { CASE_STATUS_NAME, nameOf } from '../common/domain-names';
import { inRegion } from '../access/region';
import { withinScope } from '../access/scope';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarService } from '../calendar/calendar.service';
import { resumeClock } from '../sla/sla-clock';
import { appendTimeline } from '../timeline/timeline.service';
import { validateMaterials } from '../intake/intake.validation';
import { CaseEntity } from './case.entity';
import { CaseStatus } from './case-status';
import { ReferralEntity } from '../referrals/referral.entity';
import { MATERIALS_STATUS, ReferralAction, ReferralStatus, WITH_DEPARTMENT_STATUSES } from '../referrals/referral-status';
import { AdapterRegistry } from '../delivery/adapter-registry';
import { enqueue, OutboxTarget } from '../delivery/outbox';
import { ReferralErrorCode as Code } from '../referrals/referral.errors';
import { transitionReferral, updateReferral } from '../referrals/referral-transition';
import { lockedCase, markWithdrawn, parseList } from './case-lifecycle';
import { CaseErrorCode } from './case.errors';
import { checkTransfer } from './case-ownership';

const MAX_REASON = 500;

/** The window's actions on a whole case: record materials (补齐材料), withdraw (撤回), hand it to another clerk (转交). */
export class CaseWorkflowService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly adapterRegistry: AdapterRegistry,
  ) {}

  /**
   * Records materials the applicant brought. Each must be outstanding: missing under TOLERANT
   * acceptance, or asked for by a department. A referral whose list empties resumes its clock.
   */
  async provideSupplement(ctx: RequestContext, caseId: string, materials: string[]): Promise<CommandResult<string>> {
    const problems = new Problems();
    const cleaned = validateMaterials(materials, ['materials'], problems);
    if (materials.length === 0) problems.add(Code.NO_MATERIALS, text('请至少填写一项带来的材料。', 'Name at least one material.'), ['materials']);
    return this.onOpenCase(ctx, caseId, 'caseId', problems, async (m, c) => {
      const waiting = await m.getRepository(ReferralEntity).findBy({ caseId, status: MATERIALS_STATUS });
      const missing = parseList(c.missingMaterials);
      const unknown = cleaned
        .map((material, i) => ({ material, i }))
        .filter(({ material }) => !missing.includes(material) && !waiting.some((r) => parseList(r.outstandingMaterials).includes(material)));
      if (unknown.length > 0) {
        throw new BusinessRuleError(
          unknown.map(
            ({ material, i }) =>
              new UserError(
                Code.UNKNOWN_MATERIAL,
                text(`“${material}”不是本案待补充的材料，请核对材料名称。`, `"${material}" is not outstanding on this case.`),
                ['materials', i],
              ),
          ),
        );
      }
      const actor = ctx.caller!.sub;
      const caseMaterials = cleaned.filter((x) => missing.includes(x));
      if (caseMaterials.length > 0) {
        await m.getRepository(CaseEntity).update({ id: caseId }, { missingMaterials: JSON.stringify(missing.filter((x) => !cleaned.includes(x))) });
        await appendTimeline(m, ctx.now, [{ caseId, type: 'MATERIALS_PROVIDED', actor, params: { materials: caseMaterials } }]);
      }
      for (const { id } of waiting) {
        const outstanding = (r: ReferralEntity) => parseList(r.outstandingMaterials);
        const brought = (r: ReferralEntity) => cleaned.filter((x) => outstanding(r).includes(x));
        const left = (r: ReferralEntity) => outstanding(r).filter((x) => !cleaned.includes(x));
        // Everything it waited for: the clock resumes (a transition). Part of it: the list shrinks.
        const resumed = await transitionReferral(
          m,
          ReferralAction.SUPPLEMENT_COMPLETE,
          { id, caseId },
          { now: ctx.now, actor },
          (r) =>
            brought(r).length > 0 && left(r).length === 0
              ? { changes: { outstandingMaterials: '[]', ...resumeClock(this.calendars.calendar, r, ctx.today) }, params: { materials: brought(r), left: [] } }
              : null,
          { skipIllegal: true },
        );
        if (resumed) continue;
        const shrunk = await updateReferral(m, id, ctx.now, (r) =>
          r.status === MATERIALS_STATUS && brought(r).length > 0 && left(r).length > 0 ? { outstandingMaterials: JSON.stringify(left(r)) } : null,
        );
        if (shrunk) {
          await appendTimeline(m, ctx.now, [
            { caseId, referralId: id, type: 'SUPPLEMENT_PROVIDED', actor, params: { materials: brought(shrunk), left: left(shrunk) } },
          ]);
        }
      }
      return caseId;
    });
  }

  /** Withdraws an open case: cancels its open referrals (their departments see CANCELLED). */
  async withdraw(ctx: RequestContext, caseId: string, reason: string): Promise<CommandResult<string>> {
    const why = reason.trim();
    const problems = new Problems();
    if (why.length === 0 || why.length > MAX_REASON) {
      problems.add(Code.INVALID_REASON, text(`请填写撤回原因（1–${MAX_REASON}个字）。`, `A reason of 1–${MAX_REASON} characters is required.`), ['reason']);
    }
    return this.onOpenCase(ctx, caseId, 'id', problems, async (m, c) => {
      const referrals = await m.getRepository(ReferralEntity).find({ where: { caseId }, select: { id: true, department: true } });
      const tell = new Map<string, OutboxTarget>(); // by referral: a re-run plan must not add it twice
      for (const { id, department } of referrals) {
        await transitionReferral(
          m,
          ReferralAction.CANCEL,
          { id, caseId },
          { now: ctx.now, actor: 'SYSTEM' },
          (r) => {
            // A PUSH department's system holds it — or may, after attempts that timed out before the
            // delivery failed: the cancellation goes out through the outbox. (A PENDING one whose
            // attempt is under way is the dispatcher's to tell.)
            if (r.deliveryMode === 'PUSH' && (WITH_DEPARTMENT_STATUSES.includes(r.status as ReferralStatus) || r.status === ReferralStatus.DELIVERY_FAILED)) {
              tell.set(id, { referralId: id, caseId, department, retryBudgetHours: this.adapterRegistry.settingsOf(department).retryBudgetHours });
            }
            return {
              changes: { ...resumeClock(this.calendars.calendar, r, ctx.today), finishedDate: ctx.today, claimToken: null, claimedBy: null, leaseExpiresAt: null },
              params: { department },
            };
          },
          { skipIllegal: true },
        );
      }
      await enqueue(m, 'CANCEL', [...tell.values()], ctx.now);
      await markWithdrawn(m, c.id, why, { now: ctx.now, today: ctx.today, actor: ctx.caller!.sub });
      return caseId;
    });
  }

  /**
   * Hands an open case to another clerk (首问负责人转交) with a reason: the new owner answers for
   * it from now on. The event names both clerks; who did it is its actor.
   */
  async transferOwnership(ctx: RequestContext, caseId: string, to: string, reason: string): Promise<CommandResult<string>> {
    const problems = new Problems();
    const wanted = checkTransfer(to, reason, problems);
    return this.onOpenCase(ctx, caseId, 'id', problems, async (m, c) => {
      if (c.owner === wanted.to) {
        throw new BusinessRuleError([
          new UserError(CaseErrorCode.SAME_OWNER, text(`该案件的负责人已是 ${wanted.to}，请填写接手的其他工作人员。`, `${wanted.to} already owns this case.`), ['to']),
        ]);
      }
      await m.getRepository(CaseEntity).update({ id: caseId }, { owner: wanted.to });
      await appendTimeline(m, ctx.now, [
        { caseId, type: 'CASE_OWNER_TRANSFERRED', actor: ctx.caller!.sub, params: { from: c.owner, to: wanted.to, reason: wanted.reason } },
      ]);
      return caseId;
    });
  }

  private async onOpenCase(
    ctx: RequestContext,
    caseId: string,
    argument: 'id' | 'caseId',
    problems: Problems,
    work: (m: EntityManager, c: CaseEntity) => Promise<string>,
  ): Promise<CommandResult<string>> {
    const caller = callerOf(ctx);
    const row = await this.uow.read((m) => m.getRepository(CaseEntity).findOne({ where: { id: caseId }, select: { id: true, townshipCode: true } }));
    const found = withinScope(caller, row, row !== null && inRegion(caller.region, row.townshipCode));
    if (!found) return failed([new UserError(CaseErrorCode.NOT_FOUND, text('找不到该案件。', 'No such case.'), [argument])]);
    if (problems.any) return failed(problems.list);
    return runCommand(this.uow, async (m) => {
      const c = await lockedCase(m, caseId);
      if (c.status !== CaseStatus.OPEN) {
        const status = nameOf(CASE_STATUS_NAME, c.status);
        throw new BusinessRuleError([
          new UserError(CaseErrorCode.ILLEGAL_TRANSITION, text(`该案件${status.zh}，不能再办理。`, `The case is ${c.status}, not OPEN.`), [argument]),
        ]);
      }
      return work(m, c);
    });
  }
}
