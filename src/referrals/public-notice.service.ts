import { EntityManager } from 'typeorm';
import { callerOf } from '../access/authorization';
import { seesReferral } from '../access/department-view';
import { withinScope } from '../access/scope';
import { CalendarService } from '../calendar/calendar.service';
import { CommandResult, failed, runCommand } from '../common/command';
import { cstDateOf } from '../common/dates';
import { newId } from '../common/ids';
import { RequestContext } from '../common/request-context';
import { text } from '../common/text';
import { BusinessRuleError, Problems, UserError } from '../common/user-error';
import { insertRows } from '../db/rows';
import { UnitOfWork } from '../db/unit-of-work';
import { closeCaseIfDone } from '../cases/case-lifecycle';
import { enterDecision } from '../register/register-decisions';
import { PauseType } from '../sla/loop-standards';
import { resumeClock } from '../sla/sla-clock';
import { appendTimeline } from '../timeline/timeline.service';
import { NoticeObjectionEntity } from './notice-objection.entity';
import { ReferralPauseEntity } from './referral-pause.entity';
import { ReferralEntity } from './referral.entity';
import { Decision, ReferralAction } from './referral-status';
import { ReferralErrorCode as Code } from './referral.errors';
import { transitionReferral } from './referral-transition';

const SUMMARY_MAX = 500;

export enum ObjectionStatus {
  RECEIVED = 'RECEIVED',
  SUSTAINED = 'SUSTAINED',
  DISMISSED = 'DISMISSED',
}

/**
 * The public notice (公示) of a 低保 or 特困 approval once it has begun (the department's approval
 * begins it: ReferralWorkflowService.resolve): objections recorded during it, the department's
 * finding on each, and the end — the approval takes effect (RESOLVED, the register entered, the case
 * closed when it was the last step) once the notice is over with no objection open; a sustained
 * objection withdraws the approval at once and the department decides again.
 */
export class PublicNoticeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
  ) {}

  /** The township or civil affairs records an objection while the notice runs. */
  async recordObjection(ctx: RequestContext, referralId: string, summary: string): Promise<CommandResult<string>> {
    const caller = callerOf(ctx);
    const r = await this.visible(ctx, referralId);
    if (!r) return failed([new UserError(Code.NOT_FOUND, text('找不到该转办事项。', 'No such referral.'), ['referralId'])]);
    const said = summary.trim();
    if (said.length === 0 || said.length > SUMMARY_MAX) {
      return failed([new UserError(Code.INVALID_REASON, text(`请填写异议内容（1–${SUMMARY_MAX}个字）。`, `An objection of 1–${SUMMARY_MAX} characters is required.`), ['summary'])]);
    }
    return runCommand(this.uow, async (m) => {
      const fresh = await m.getRepository(ReferralEntity).findOneByOrFail({ id: referralId });
      if (fresh.pauseType !== PauseType.PUBLIC_NOTICE) throw notOnNotice(['referralId']);
      const id = newId(ctx.now);
      await insertRows(m, NoticeObjectionEntity, [
        { id, referralId, caseId: r.caseId, townshipCode: r.townshipCode, receivedOn: ctx.today, receivedAt: ctx.now.toISOString(), receivedBy: caller.sub, summary: said, status: ObjectionStatus.RECEIVED, decidedOn: null, decidedBy: null, decisionNote: null, version: 1 },
      ]);
      await appendTimeline(m, ctx.now, [{ caseId: r.caseId, referralId, type: 'NOTICE_OBJECTION_RECEIVED', actor: caller.sub, params: { objectionId: id, summary: said } }]);
      return referralId;
    });
  }

  /** The department's finding on an objection; a sustained one withdraws the approval (the clock runs again). Answers the referral's id. */
  async decideObjection(ctx: RequestContext, objectionId: string, sustained: boolean, note: string | null | undefined): Promise<CommandResult<string>> {
    const caller = callerOf(ctx);
    const objection = await this.uow.read((m) => m.getRepository(NoticeObjectionEntity).findOneBy({ id: objectionId }));
    const r = objection ? await this.visible(ctx, objection.referralId) : withinScope(caller, null, false);
    if (!objection || !r) return failed([new UserError(Code.NOT_FOUND, text('找不到该异议。', 'No such objection.'), ['id'])]);
    const problems = new Problems();
    const remark = note?.trim() || null;
    if (remark !== null && remark.length > SUMMARY_MAX) problems.add(Code.TEXT_TOO_LONG, text(`核实意见最多${SUMMARY_MAX}个字。`, `A note has at most ${SUMMARY_MAX} characters.`), ['note']);
    if (sustained && remark === null) problems.add(Code.INVALID_REASON, text('异议成立时请写明核实意见。', 'Say what was found when an objection is sustained.'), ['note']);
    if (problems.any) return failed(problems.list);
    const actor = caller.department ?? caller.sub;
    return runCommand(this.uow, async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(NoticeObjectionEntity)
        .set({ status: sustained ? ObjectionStatus.SUSTAINED : ObjectionStatus.DISMISSED, decidedOn: ctx.today, decidedBy: actor, decisionNote: remark, version: objection.version + 1 })
        .where('id = :id AND version = :version AND status = :received', { id: objectionId, version: objection.version, received: ObjectionStatus.RECEIVED })
        .execute();
      if (!result.affected) {
        throw new BusinessRuleError([new UserError(Code.ILLEGAL_TRANSITION, text('该异议已有核实结论。', 'The objection was decided already.'), ['id'])]);
      }
      await appendTimeline(m, ctx.now, [{ caseId: r.caseId, referralId: r.id, type: 'NOTICE_OBJECTION_DECIDED', actor, params: { objectionId, sustained, note: remark } }]);
      if (sustained) {
        // The approval is withdrawn: no decision stands, and the clock runs again.
        await transitionReferral(m, ReferralAction.RESUME, r, { now: ctx.now, actor }, (fresh) => {
          if (fresh.pauseType !== PauseType.PUBLIC_NOTICE) throw notOnNotice(['id']);
          return {
            changes: { ...resumeClock(this.calendars.calendar, fresh, ctx.today), decision: null, amountFen: null, outcomeNote: null, decidedAt: null },
            params: { pauseType: PauseType.PUBLIC_NOTICE, evidenceRef: null, note: remark },
            resumed: { note: remark },
          };
        });
      }
      return r.id;
    });
  }

  /** Notices whose last day is over with no objection open: each approval takes effect once. Returns how many. */
  async endNotices(now: Date): Promise<number> {
    const today = cstDateOf(now);
    const over = await this.uow.read((m) =>
      m
        .getRepository(ReferralPauseEntity)
        .createQueryBuilder('p')
        .where('p.ended_on IS NULL AND p.deadline < :today AND p.type = :notice', { today, notice: PauseType.PUBLIC_NOTICE })
        .andWhere(`NOT EXISTS (SELECT 1 FROM notice_objections o WHERE o.referral_id = p.referral_id AND o.status = :received AND o.received_at >= p.started_at)`, { received: ObjectionStatus.RECEIVED })
        .getMany(),
    );
    let ended = 0;
    for (const p of over) {
      if (await this.uow.transaction((m) => this.takeEffect(m, p, now, today))) ended++;
    }
    return ended;
  }

  private async takeEffect(m: EntityManager, p: ReferralPauseEntity, now: Date, today: string): Promise<boolean> {
    const before = await transitionReferral(
      m,
      ReferralAction.RESOLVE,
      { id: p.referralId, caseId: p.caseId },
      { now, actor: 'SYSTEM' },
      (r) =>
        // Another process took it first, or an objection ended the notice meanwhile.
        r.pauseType !== PauseType.PUBLIC_NOTICE || r.decision !== Decision.APPROVED
          ? null
          : {
              changes: { ...resumeClock(this.calendars.calendar, r, today), decidedAt: now.toISOString(), finishedDate: today, claimToken: null, claimedBy: null, leaseExpiresAt: null },
              params: { decision: Decision.APPROVED, amountFen: r.amountFen, note: r.outcomeNote },
              resumed: { note: '公示期满无异议' },
            },
      { skipIllegal: true },
    );
    if (!before) return false;
    await enterDecision(m, before, { amountFen: before.amountFen, note: before.outcomeNote }, { now, today, actor: 'SYSTEM' });
    await closeCaseIfDone(m, p.caseId, now, today);
    return true;
  }

  private async visible(ctx: RequestContext, referralId: string): Promise<ReferralEntity | null> {
    const caller = callerOf(ctx);
    const r = await this.uow.read((m) => m.getRepository(ReferralEntity).findOneBy({ id: referralId }));
    return withinScope(caller, r, r !== null && seesReferral(caller, r));
  }
}

function notOnNotice(field: string[]): BusinessRuleError {
  return new BusinessRuleError([new UserError(Code.ILLEGAL_TRANSITION, text('该转办事项不在公示期内。', 'The referral is not on public notice.'), field)]);
}
