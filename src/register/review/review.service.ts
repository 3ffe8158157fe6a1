import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { cstDateOf, IsoDate } from '../../common/dates';
import { text } from '../../common/text';
import { BusinessRuleError, Problems, UserError } from '../../common/user-error';
import { CommandResult, failed, runCommand } from '../../common/command';
import { checkFirst, keysetPage } from '../../common/cursor';
import { Caller } from '../../access/roles';
import { effectiveRegion, inRegion, whereCaseInRegion } from '../../access/region';
import { withinScope } from '../../access/scope';
import { assertReadsRegister, assertRecordsReviews } from '../../access/department-view';
import { UnitOfWork } from '../../db/unit-of-work';
import { SlaService } from '../../sla/sla.service';
import { SlaState } from '../../sla/sla.rules';
import { minimumLivingLine } from '../../classification/assistance-standards';
import { REGISTER_TIER_NAME } from '../../common/domain-names';
import { TierRecordEntity } from '../register.entities';
import { exitTier, lockHousehold, setNextReview, startTier, WriteAt } from '../register-writer';
import { nextReviewDate, registerStandardFor } from '../register-standards';
import { ExitReason, RegisterTier, TierSource } from '../tiers';
import { ReviewErrorCode as Code } from '../register.errors';
import { RegisterReviewEntity, ReviewOutcome, ReviewStatus } from './review.entity';
import { reviewState, ReviewFigures } from './review-rules';
import { RecordReviewOutcomeInput, ReviewFilter } from './review.inputs';

const NOTE_MAX = 500;

/** Periodic review tasks (定期复核): reading them, and the township's outcome written to the register. */
export class ReviewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sla: SlaService,
    private readonly clock: Clock,
  ) {}

  /** A task's state today (null once superseded). */
  figures(review: RegisterReviewEntity, today: IsoDate): ReviewFigures | null {
    return reviewState(this.sla.calendar, review, today, this.sla.settings.warningDays);
  }

  /** One task; an unknown id answers like one outside the caller's region. */
  async byId(caller: Caller, id: string): Promise<RegisterReviewEntity | null> {
    assertReadsRegister(caller);
    const r = await this.uow.read((m) => m.getRepository(RegisterReviewEntity).findOneBy({ id }));
    return withinScope(caller, r, r !== null && inRegion(caller.region, r.townshipCode));
  }

  /** Tasks by deadline, earliest first (the township's work order), keyset-paginated. */
  async list(caller: Caller, filter: ReviewFilter | null | undefined, today: IsoDate, first: number, after: string | null | undefined) {
    assertReadsRegister(caller);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    const window = this.sla.window(today);
    const base = () => {
      const qb = this.uow.dataSource.getRepository(RegisterReviewEntity).createQueryBuilder('v');
      whereCaseInRegion(qb, 'v', region);
      const states = filter?.slaState ?? [];
      const implied = states.length > 0 ? [...new Set(states.map((s) => (s === SlaState.MET || s === SlaState.MISSED ? ReviewStatus.DONE : ReviewStatus.OPEN)))] : [ReviewStatus.OPEN];
      const statuses = filter?.status?.length ? filter.status : implied;
      qb.andWhere('v.status IN (:...statuses)', { statuses });
      if (filter?.householdId) qb.andWhere('v.household_id = :householdId', { householdId: filter.householdId });
      if (states.length > 0) {
        // The SQL forms of reviewState (review-rules.ts): the deadline against today and the risk limit.
        const forms: Record<SlaState, string> = {
          [SlaState.ON_TRACK]: "(v.status = 'OPEN' AND v.deadline_date > :riskLimit)",
          [SlaState.AT_RISK]: "(v.status = 'OPEN' AND v.deadline_date >= :today AND v.deadline_date <= :riskLimit)",
          [SlaState.OVERDUE]: "(v.status = 'OPEN' AND v.deadline_date < :today)",
          [SlaState.MET]: "(v.status = 'DONE' AND v.completed_on <= v.deadline_date)",
          [SlaState.MISSED]: "(v.status = 'DONE' AND v.completed_on > v.deadline_date)",
        };
        qb.andWhere(`(${states.map((s) => forms[s]).join(' OR ')})`, { today, riskLimit: window.riskLimit });
      }
      return qb;
    };
    return keysetPage(this.uow, base, { alias: 'v', column: 'deadline_date', key: (v) => v.deadlineDate, direction: 'ASC' }, first, after);
  }

  /** A household's tasks, newest scheduled date first. */
  ofHousehold(householdId: string): Promise<RegisterReviewEntity[]> {
    return this.uow.read((m) => m.getRepository(RegisterReviewEntity).find({ where: { householdId }, order: { dueDate: 'DESC', id: 'DESC' } }));
  }

  /**
   * The township's outcome of an open task, in one transaction with the household locked:
   * continued (the next review moves on by the tier's interval from the day of the review), tier
   * changed (a new tier record with its basis, the old one ended), or exited (the tier ends with
   * its reason). The register writer does the register's part.
   */
  async recordOutcome(caller: Caller, input: RecordReviewOutcomeInput): Promise<CommandResult<string>> {
    assertRecordsReviews(caller);
    const now = this.clock.now();
    const today = cstDateOf(now);
    const completedOn = input.completedOn ?? today;
    const problems = checkInput(input, completedOn, today);
    const found = await this.byId(caller, input.reviewId);
    if (!found) return failed([new UserError(Code.NOT_FOUND, text('找不到该复核任务。', 'No such review task.'), ['input', 'reviewId'])]);
    if (problems.any) return failed(problems.list);
    const at: WriteAt = { now, today, actor: caller.sub };
    return runCommand(this.uow, async (m) => {
      await lockHousehold(m, found.householdId);
      // Read again under the household's lock: a second outcome of the same task waits, then sees it done.
      const review = await m.getRepository(RegisterReviewEntity).findOneByOrFail({ id: found.id });
      if (review.status !== ReviewStatus.OPEN) {
        throw rule(Code.REVIEW_NOT_OPEN, text('该复核任务已办结或已失效，不能再次登记结果。', 'This review is no longer open.'), ['input', 'reviewId']);
      }
      const tier = await m.getRepository(TierRecordEntity).findOneByOrFail({ id: review.tierRecordId });
      if (completedOn < tier.effectiveFrom) {
        throw rule(Code.DATE_BEFORE_TIER, text(`复核日期早于该类别的认定日期（${tier.effectiveFrom}）。`, `The review date is before the tier began (${tier.effectiveFrom}).`), ['input', 'completedOn']);
      }
      if (input.outcome === ReviewOutcome.TIER_CHANGED && input.tier === review.tier) {
        throw rule(Code.TIER_UNCHANGED, text('调整类别须选择与原类别不同的类别；维持原类别请选择“继续享受”。', 'Choose another tier, or CONTINUED to keep this one.'), ['input', 'tier']);
      }
      // The task is closed first, so the writer's closing of a superseded household's open tasks passes it by.
      await m.getRepository(RegisterReviewEntity).update(
        { id: review.id },
        { status: ReviewStatus.DONE, outcome: input.outcome, completedOn, completedBy: caller.sub, completedAt: now.toISOString(), note: input.note?.trim() || null, version: review.version + 1 },
      );
      const newTierRecordId = await this.applyToRegister(m, review, input, completedOn, at);
      if (newTierRecordId) await m.getRepository(RegisterReviewEntity).update({ id: review.id }, { newTierRecordId });
      return review.id;
    });
  }

  private async applyToRegister(m: EntityManager, review: RegisterReviewEntity, input: RecordReviewOutcomeInput, on: IsoDate, at: WriteAt): Promise<string | null> {
    const irregular = input.irregularIncome === true;
    if (input.outcome === ReviewOutcome.CONTINUED) {
      await setNextReview(m, review.householdId, nextReviewDate(on, review.townshipCode, review.tier as RegisterTier, irregular), at);
      return null;
    }
    if (input.outcome === ReviewOutcome.EXITED) {
      await exitTier(m, review.householdId, on, input.exitReason!, input.note?.trim() || null, at);
      return null;
    }
    const tier = input.tier!;
    const line = standardLine(review.townshipCode, tier, on);
    const reasons = [`定期复核（应复核日期${review.dueDate}）调整为${REGISTER_TIER_NAME[tier].zh}`];
    if (input.note?.trim()) reasons.push(`复核意见：${input.note.trim()}`);
    return startTier(
      m,
      review.householdId,
      {
        tier,
        effectiveFrom: on,
        perCapitaIncomeFen: input.perCapitaIncomeFen!,
        standardFen: line?.fen ?? null,
        standardSource: line?.source ?? null,
        reasons,
        source: TierSource.REVIEW,
        monthlyAmountFen: input.monthlyAmountFen ?? null,
        nextReviewDate: nextReviewDate(on, review.townshipCode, tier, irregular),
      },
      at,
    );
  }
}

/** The line a tier's basis is compared with, where there is one: 低保 and 特困 the 低保 line, 低保边缘 its multiple, 刚性支出困难 the disposable income. */
function standardLine(townshipCode: string, tier: RegisterTier, on: IsoDate): { fen: number; source: string } | null {
  const lines = minimumLivingLine(townshipCode);
  if (tier === RegisterTier.MINIMUM_LIVING || tier === RegisterTier.EXTREME_POVERTY) return { fen: lines.monthlyFen, source: lines.source };
  if (tier === RegisterTier.NEAR_MINIMUM) return { fen: lines.lowIncomeMonthlyFen, source: lines.source };
  if (tier === RegisterTier.EXPENDITURE_HARDSHIP) {
    const s = registerStandardFor(townshipCode, on);
    return { fen: s.disposableIncomeMonthlyFen, source: s.source };
  }
  return null;
}

/** Every problem of the input that needs no database, each naming its field. */
function checkInput(input: RecordReviewOutcomeInput, completedOn: IsoDate, today: IsoDate): Problems {
  const p = new Problems(['input']);
  if (completedOn > today) p.add(Code.DATE_IN_FUTURE, text('复核日期不能晚于今天。', 'The review date is in the future.'), ['completedOn']);
  const note = input.note?.trim() ?? '';
  if (note.length > NOTE_MAX) p.add(Code.NOTE_TOO_LONG, text(`复核意见不能超过${NOTE_MAX}个字。`, `The note is longer than ${NOTE_MAX} characters.`), ['note']);
  const changing = input.outcome === ReviewOutcome.TIER_CHANGED;
  const exiting = input.outcome === ReviewOutcome.EXITED;
  if (changing) {
    if (!input.tier) p.add(Code.TIER_REQUIRED, text('调整类别须填写新的类别。', 'A tier change needs the new tier.'), ['tier']);
    if (input.perCapitaIncomeFen == null) p.add(Code.INCOME_REQUIRED, text('调整类别须填写复核核定的月人均收入。', 'A tier change needs the per-capita income found.'), ['perCapitaIncomeFen']);
  } else {
    for (const field of ['tier', 'perCapitaIncomeFen', 'monthlyAmountFen'] as const) {
      if (input[field] != null) p.add(Code.NOT_FOR_OUTCOME, text('只有“调整类别”需要填写此项。', 'Only a tier change takes this field.'), [field]);
    }
  }
  for (const field of ['perCapitaIncomeFen', 'monthlyAmountFen'] as const) {
    const v = input[field];
    if (v != null && v < 0) p.add(Code.NEGATIVE_AMOUNT, text('金额不能为负数。', 'An amount cannot be negative.'), [field]);
  }
  if (exiting) {
    if (!input.exitReason) p.add(Code.EXIT_REASON_REQUIRED, text('退出须填写退出原因。', 'An exit needs its reason.'), ['exitReason']);
    else if (input.exitReason === ExitReason.OTHER && note === '') p.add(Code.NOTE_REQUIRED, text('退出原因为“其他”时须填写复核意见说明。', 'An exit for another reason needs a note.'), ['note']);
  } else if (input.exitReason != null) {
    p.add(Code.NOT_FOR_OUTCOME, text('只有“退出”需要填写退出原因。', 'Only an exit takes a reason.'), ['exitReason']);
  }
  return p;
}

function rule(code: string, message: ReturnType<typeof text>, field: string[]): BusinessRuleError {
  return new BusinessRuleError([new UserError(code, message, field)]);
}
