import { callerOf } from '../access/authorization';
import { listedDepartment, seesReferral } from '../access/department-view';
import { effectiveRegion, whereInRegion } from '../access/region';
import { withinScope } from '../access/scope';
import { CommandResult, failed, runCommand } from '../common/command';
import { checkFirst, keysetPage } from '../common/cursor';
import { addCalendarDays, IsoDate } from '../common/dates';
import { RequestContext } from '../common/request-context';
import { text } from '../common/text';
import { BusinessRuleError, Problems, UserError } from '../common/user-error';
import { UnitOfWork } from '../db/unit-of-work';
import { appendTimeline } from '../timeline/timeline.service';
import { SupervisionNoticeEntity } from './supervision-notice.entity';
import { SupervisionErrorCode as Code } from './supervision.errors';
import { NoticeStatus, SupervisedClock, SupervisionLevel } from './supervision-rules';

const REASON_MAX = 500;
/** How far ahead a department may promise: a promise further out is no answer to a notice. */
const PROMISE_MAX_DAYS = 60;

export interface NoticeFilter {
  status?: NoticeStatus[] | null;
  department?: string | null;
  level?: SupervisionLevel | null;
  clock?: SupervisedClock | null;
  regionCode?: string | null;
  caseId?: string | null;
}

/** Supervision notices (督办单): read by region (a department only its own), answered by the department. */
export class SupervisionService {
  constructor(private readonly uow: UnitOfWork) {}

  /** One notice; an unknown id answers like one outside the caller's scope. */
  async byId(ctx: RequestContext, id: string): Promise<SupervisionNoticeEntity | null> {
    const caller = callerOf(ctx);
    const n = await this.uow.read((m) => m.getRepository(SupervisionNoticeEntity).findOneBy({ id }));
    return withinScope(caller, n, n !== null && seesReferral(caller, n));
  }

  /** Newest first, keyset-paginated. */
  async list(ctx: RequestContext, filter: NoticeFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = callerOf(ctx);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    const department = listedDepartment(caller, filter?.department);
    const base = () => {
      const qb = whereInRegion(this.uow.dataSource.getRepository(SupervisionNoticeEntity).createQueryBuilder('n'), 'n.township_code', region);
      if (department) qb.andWhere('n.department = :department', { department });
      if (filter?.status?.length) qb.andWhere('n.status IN (:...statuses)', { statuses: filter.status });
      if (filter?.level) qb.andWhere('n.level = :level', { level: filter.level });
      if (filter?.clock) qb.andWhere('n.clock = :clock', { clock: filter.clock });
      if (filter?.caseId) qb.andWhere('n.case_id = :caseId', { caseId: filter.caseId });
      return qb;
    };
    return keysetPage(this.uow, base, { alias: 'n', column: 'raised_at', key: (n) => n.raisedAt, direction: 'DESC' }, first, after);
  }

  /** The department's answer: why it is late and by when it will be done. */
  async answer(ctx: RequestContext, id: string, reason: string, promisedDate: IsoDate): Promise<CommandResult<string>> {
    const caller = callerOf(ctx);
    const found = await this.byId(ctx, id);
    if (!found) return failed([new UserError(Code.NOT_FOUND, text('找不到该督办单。', 'No such supervision notice.'), ['id'])]);
    const problems = new Problems();
    const why = reason.trim();
    if (why.length === 0 || why.length > REASON_MAX) problems.add(Code.INVALID_REASON, text(`请填写逾期原因（1–${REASON_MAX}个字）。`, `A reason of 1–${REASON_MAX} characters is required.`), ['reason']);
    if (promisedDate < ctx.today || promisedDate > addCalendarDays(ctx.today, PROMISE_MAX_DAYS)) {
      problems.add(
        Code.INVALID_PROMISED_DATE,
        text(`承诺办结日期应在今天到${PROMISE_MAX_DAYS}天之内。`, `The promised date is between today and ${PROMISE_MAX_DAYS} days from now.`),
        ['promisedDate'],
      );
    }
    if (problems.any) return failed(problems.list);
    return runCommand(this.uow, async (m) => {
      const n = await m.getRepository(SupervisionNoticeEntity).findOneByOrFail({ id });
      const notOpen = () => new BusinessRuleError([new UserError(Code.NOT_OPEN, text('该督办单已反馈、升级或销号。', 'The notice was answered, escalated or closed already.'), ['id'])]);
      if (n.status !== NoticeStatus.OPEN) throw notOpen();
      const result = await m
        .createQueryBuilder()
        .update(SupervisionNoticeEntity)
        .set({ status: NoticeStatus.ANSWERED, answeredOn: ctx.today, answeredBy: caller.department ?? caller.sub, answerReason: why, promisedDate, version: n.version + 1 })
        .where('id = :id AND version = :version', { id, version: n.version })
        .execute();
      if (!result.affected) throw notOpen(); // escalated or closed by the scan at the same moment
      await appendTimeline(m, ctx.now, [{ caseId: n.caseId, referralId: n.referralId, type: 'SUPERVISION_ANSWERED', actor: caller.department ?? caller.sub, params: { noticeId: id, reason: why, promisedDate } }]);
      return id;
    });
  }
}
