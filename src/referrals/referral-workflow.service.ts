import { RequestContext } from '../common/request-context';
import { callerOf } from '../access/authorization';
import { BusinessRuleError, Problems, UserError } from '../common/user-error';
import { CommandResult, failed, runCommand } from '../common/command';
import { text } from '../common/text';
import { withinScope } from '../access/scope';
import { seesReferral } from '../access/department-view';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarService } from '../calendar/calendar.service';
import { pauseClock, resumeClock } from '../sla/sla-clock';
import { validateMaterials } from '../intake/intake.validation';
import { ReferralEntity } from './referral.entity';
import { Decision, ReferralAction } from './referral-status';
import { ReferralErrorCode as Code } from './referral.errors';
import { illegalTransition, NewPause, transitionReferral, TransitionPlan } from './referral-transition';
import { needsPublicNotice } from './public-notice';
import { CATEGORY_NAME, nameOf } from '../common/domain-names';
import { PauseType } from '../sla/loop-standards';
import { pauseDeadline } from '../sla/pause-clock';
import { closeCaseIfDone } from '../cases/case-lifecycle';
import { enterDecision } from '../register/register-decisions';
import { EntityManager } from 'typeorm';
import { beginRefusalNotice } from './refusal-notice.service';

const MAX_NOTE = 1000;
const MAX_EXTERNAL_REF = 100;

/** A department's actions on one of its referrals: 受理, 补充材料, 办结. */
export class ReferralWorkflowService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    /** publicNotice off: the county holds 公示 outside the hub and records an approval once it is over. */
    private readonly options: { publicNotice: boolean } = { publicNotice: true },
  ) {}

  acknowledge(ctx: RequestContext, id: string, externalRef: string | null | undefined): Promise<CommandResult<string>> {
    const ref = externalRef?.trim() || null;
    const problems = new Problems();
    if (ref !== null && ref.length > MAX_EXTERNAL_REF) {
      problems.add(Code.INVALID_EXTERNAL_REF, text(`部门业务编号最多${MAX_EXTERNAL_REF}个字符。`, `externalRef has at most ${MAX_EXTERNAL_REF} characters.`), ['externalRef']);
    }
    return this.act(ctx, id, ReferralAction.ACKNOWLEDGE, problems, (r) => {
      // A claimed referral is acknowledged by the system holding a running lease; once the lease
      // ran out it goes back to PENDING and must be claimed again.
      if (r.claimToken && r.claimedBy !== ctx.caller!.sub) {
        throw new BusinessRuleError([
          new UserError(Code.ILLEGAL_TRANSITION, text('本部门的另一个系统已领取该转办事项。', 'Another system of the department holds the lease on this referral.'), ['id']),
        ]);
      }
      if (r.leaseExpiresAt && r.leaseExpiresAt < ctx.now.toISOString()) {
        throw new BusinessRuleError([
          new UserError(
            Code.ILLEGAL_TRANSITION,
            text('受理前领取期限已过，请重新领取该转办事项。', 'The lease ran out before the acknowledgement; claim the referral again.'),
            ['id'],
          ),
        ]);
      }
      return { changes: { externalRef: ref, acknowledgedDate: ctx.today, claimToken: null, claimedBy: null, leaseExpiresAt: null }, params: { externalRef: ref } };
    });
  }

  requestSupplement(ctx: RequestContext, id: string, materials: string[], note: string | null | undefined): Promise<CommandResult<string>> {
    const problems = new Problems();
    const cleaned = validateMaterials(materials, ['materials'], problems);
    if (materials.length === 0) problems.add(Code.NO_MATERIALS, text('请至少填写一项需补充的材料。', 'Name at least one material.'), ['materials']);
    const remark = checkNote(note, problems);
    return this.act(ctx, id, ReferralAction.REQUEST_SUPPLEMENT, problems, (r) => ({
      // The clock stops today; while paused, the working days left stay what they are now.
      changes: { outstandingMaterials: JSON.stringify(cleaned), ...pauseClock(this.calendars.calendar, r, ctx.today) },
      params: { materials: cleaned, note: remark },
      // 补正: the township has the pause's maximum to record what was asked for.
      pause: this.newPause(ctx, r, PauseType.MATERIALS, `需补充材料：${cleaned.join('、')}${remark ? `（${remark}）` : ''}`, null),
    }));
  }

  /**
   * A 低保 or 特困 approval goes on public notice (公示) first: the decision is kept, the clock
   * stops, and it takes effect when the notice is over with no objection open (PublicNoticeService).
   */
  private approveOnNotice(ctx: RequestContext, id: string, amountFen: number | null, remark: string | null, problems: Problems): Promise<CommandResult<string>> {
    return this.act(ctx, id, ReferralAction.NOTICE, problems, (r) => {
      if (r.pauseType === PauseType.PUBLIC_NOTICE) throw illegalTransition(ReferralAction.NOTICE, r.status);
      const pause = this.newPause(ctx, r, PauseType.PUBLIC_NOTICE, `${nameOf(CATEGORY_NAME, r.category).zh}审批公示`, null);
      return {
        changes: {
          ...(r.pauseStarted ? {} : pauseClock(this.calendars.calendar, r, ctx.today)),
          decision: Decision.APPROVED,
          amountFen,
          outcomeNote: remark,
          decidedAt: null, // not yet in effect
          outstandingMaterials: '[]',
          claimToken: null,
          claimedBy: null,
          leaseExpiresAt: null,
        },
        params: { amountFen, endsOn: pause.deadline! },
        pause,
      };
    });
  }

  /**
   * The department stops the clock for a typed step outside its own hands (入户调查, 经济状况核对,
   * 评估), saying why and on what evidence; 补正 goes through requestSupplement and 公示 begins with
   * an approval (the public notice), so neither is taken here.
   */
  pause(ctx: RequestContext, id: string, type: PauseType, reason: string, evidenceRef: string): Promise<CommandResult<string>> {
    const problems = new Problems();
    if (!DEPARTMENT_PAUSES.includes(type)) {
      problems.add(
        Code.PAUSE_TYPE_NOT_ALLOWED,
        text('补正材料请用“要求补充材料”；公示随审批决定开始。此处可暂停：入户调查、经济状况核对、评估。', 'Materials are requested with requestSupplement and a public notice begins with an approval; pause here for HOUSEHOLD_VISIT, FINANCIAL_CHECK or ASSESSMENT.'),
        ['type'],
      );
    }
    const why = reason.trim();
    if (why.length === 0 || why.length > MAX_REASON) problems.add(Code.INVALID_REASON, text(`请填写暂停原因（1–${MAX_REASON}个字）。`, `A reason of 1–${MAX_REASON} characters is required.`), ['reason']);
    const evidence = checkEvidence(evidenceRef, ['evidenceRef'], problems, true)!;
    return this.act(ctx, id, ReferralAction.PAUSE, problems, (r) => {
      const pause = this.newPause(ctx, r, type, why, evidence);
      return {
        changes: pauseClock(this.calendars.calendar, r, ctx.today),
        params: { pauseType: type, reason: why, evidenceRef: evidence, deadline: pause.deadline! },
        pause,
      };
    });
  }

  /** The step is done: the clock runs again, with the step's result as evidence. */
  resume(ctx: RequestContext, id: string, evidenceRef: string | null | undefined, note: string | null | undefined): Promise<CommandResult<string>> {
    const problems = new Problems();
    const evidence = checkEvidence(evidenceRef, ['evidenceRef'], problems, false);
    const remark = checkNote(note, problems);
    return this.act(ctx, id, ReferralAction.RESUME, problems, (r) => ({
      changes: resumeClock(this.calendars.calendar, r, ctx.today),
      params: { pauseType: r.pauseType ?? '', evidenceRef: evidence, note: remark },
      resumed: { evidenceRef: evidence, note: remark },
    }));
  }

  private newPause(ctx: RequestContext, r: ReferralEntity, type: PauseType, reason: string, evidenceRef: string | null): NewPause {
    const caller = callerOf(ctx);
    return { type, reason, evidenceRef, startedBy: caller.department ?? caller.sub, ...pauseDeadline(this.calendars.calendar, type, r.townshipCode, ctx.today) };
  }

  async resolve(ctx: RequestContext, id: string, decision: Decision, amountFen: number | null | undefined, note: string | null | undefined): Promise<CommandResult<string>> {
    const problems = new Problems();
    if (amountFen != null && amountFen < 0) problems.add(Code.NEGATIVE_AMOUNT, text('金额以“分”为单位，不能为负数。', 'Amounts are whole, non-negative fen.'), ['amountFen']);
    if (amountFen != null && decision === Decision.REJECTED) {
      problems.add(Code.AMOUNT_NOT_ALLOWED, text('不予批准的事项不能填写金额。', 'A rejected referral pays no amount.'), ['amountFen']);
    }
    const remark = checkNote(note, problems);
    return this.act(
      ctx,
      id,
      ReferralAction.RESOLVE,
      problems,
      (r) => ({
        changes: {
          ...resumeClock(this.calendars.calendar, r, ctx.today),
          decision,
          amountFen: amountFen ?? null,
          outcomeNote: remark,
          decidedAt: ctx.now.toISOString(),
          finishedDate: ctx.today,
          outstandingMaterials: '[]', // decided: nothing is waited for any more
          claimToken: null,
          claimedBy: null,
          leaseExpiresAt: null,
        },
        params: { decision, amountFen: amountFen ?? null, note: remark },
      }),
      true,
      // An approved 低保 or 特困 enters the low-income register in the same transaction; a refusal
      // starts the clock of telling the applicant (不予批准书面告知).
      decision === Decision.APPROVED
        ? (m, r) => enterDecision(m, r, { amountFen: amountFen ?? null, note: remark }, { now: ctx.now, today: ctx.today, actor: callerOf(ctx).sub }).then(() => undefined)
        : (m, r) => beginRefusalNotice(m, this.calendars.calendar, r, ctx),
      // A 低保 or 特困 approval goes on public notice instead.
      (r) => (this.options.publicNotice && needsPublicNotice(r.category, decision) ? this.approveOnNotice(ctx, id, amountFen ?? null, remark, problems) : null),
    );
  }

  /**
   * The one path every department action takes: access, input problems (all reported together),
   * then in one transaction the case lock, the transition and, after a decision, the case's close.
   */
  private async act<A extends ReferralAction>(
    ctx: RequestContext,
    id: string,
    action: A,
    problems: Problems,
    plan: (r: ReferralEntity) => TransitionPlan<A>,
    mayCloseCase = false,
    after?: (m: EntityManager, before: ReferralEntity) => Promise<void>,
    /** Another command to run instead, judged on the row read (a 低保 approval's public notice). */
    instead?: (r: ReferralEntity) => Promise<CommandResult<string>> | null,
  ): Promise<CommandResult<string>> {
    const caller = callerOf(ctx);
    const row = await this.uow.read((m) => m.getRepository(ReferralEntity).findOneBy({ id }));
    const found = withinScope(caller, row, row !== null && seesReferral(caller, row));
    if (!found) return failed([new UserError(Code.NOT_FOUND, text('找不到该转办事项。', 'No such referral.'), ['id'])]);
    if (problems.any) return failed(problems.list);
    const other = instead?.(found);
    if (other) return other;
    return runCommand(this.uow, async (m) => {
      const before = await transitionReferral(m, action, found, { now: ctx.now, actor: caller.department! }, plan);
      if (before && after) await after(m, before);
      if (mayCloseCase) await closeCaseIfDone(m, found.caseId, ctx.now, ctx.today);
      return id;
    });
  }
}

const MAX_REASON = 500;
const MAX_EVIDENCE = 200;
/** The pauses a department starts itself. */
const DEPARTMENT_PAUSES: readonly PauseType[] = [PauseType.HOUSEHOLD_VISIT, PauseType.FINANCIAL_CHECK, PauseType.ASSESSMENT];

/** An evidence reference (a document's number): one line of at most MAX_EVIDENCE characters. */
function checkEvidence(raw: string | null | undefined, field: string[], problems: Problems, required: boolean): string | null {
  const ref = raw?.trim() || null;
  if ((ref === null && required) || (ref !== null && (ref.length > MAX_EVIDENCE || /[\r\n]/.test(ref)))) {
    problems.add(
      Code.INVALID_EVIDENCE,
      text(`请填写依据的文书编号（1–${MAX_EVIDENCE}个字符，不含换行）。`, `Give the evidence's reference: 1–${MAX_EVIDENCE} characters on one line.`),
      field,
    );
  }
  return ref;
}

function checkNote(note: string | null | undefined, problems: Problems): string | null {
  const remark = note?.trim() || null;
  if (remark !== null && remark.length > MAX_NOTE) {
    problems.add(Code.TEXT_TOO_LONG, text(`备注最多${MAX_NOTE}个字。`, `A note has at most ${MAX_NOTE} characters.`), ['note']);
  }
  return remark;
}
