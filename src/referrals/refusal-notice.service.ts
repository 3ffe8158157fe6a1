import { EntityManager } from 'typeorm';
import { callerOf } from '../access/authorization';
import { seesReferral } from '../access/department-view';
import { effectiveRegion, whereInRegion } from '../access/region';
import { withinScope } from '../access/scope';
import { CalendarService } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-days';
import { CommandResult, failed, runCommand } from '../common/command';
import { checkFirst, keysetPage } from '../common/cursor';
import { IsoDate } from '../common/dates';
import { RequestContext } from '../common/request-context';
import { text } from '../common/text';
import { BusinessRuleError, Problems, UserError } from '../common/user-error';
import { insertRows } from '../db/rows';
import { UnitOfWork } from '../db/unit-of-work';
import { REFUSAL_STATE_SQL, refusalNoticeDeadline, refusalWindow } from '../sla/refusal-notice-clock';
import { SlaState } from '../sla/sla.rules';
import { appendTimeline } from '../timeline/timeline.service';
import { ownedByFilter } from '../cases/case-ownership';
import { RefusalNoticeEntity } from './refusal-notice.entity';
import { ReferralEntity } from './referral.entity';
import { ReferralErrorCode as Code } from './referral.errors';

/** How the applicant was told (告知方式): in writing is what the rules ask for; the others are recorded as they happened. */
export enum ToldMeans {
  IN_WRITING = 'IN_WRITING',
  IN_PERSON = 'IN_PERSON',
  PHONE = 'PHONE',
  SMS = 'SMS',
}

const MAX_EVIDENCE = 200;

export interface RefusalNoticeFilter {
  /** Told or not yet. */
  told?: boolean | null;
  /** The clock's state today (ON_TRACK/AT_RISK/OVERDUE while untold, MET/MISSED once told). */
  state?: SlaState[] | null;
  /** Cases owned by this clerk (首问负责人). */
  ownedBy?: string | null;
  regionCode?: string | null;
}

/** Begins the clock of a referral refused on `today`, in the decision's transaction (once: a repeat changes nothing). */
export async function beginRefusalNotice(m: EntityManager, calendar: WorkingCalendar, r: ReferralEntity, at: { now: Date; today: IsoDate }): Promise<void> {
  const deadline = refusalNoticeDeadline(calendar, r.townshipCode, at.today);
  await insertRows(
    m,
    RefusalNoticeEntity,
    [{ id: r.id, caseId: r.caseId, townshipCode: r.townshipCode, department: r.department, refusedOn: at.today, ...deadline, toldOn: null, toldMeans: null, evidenceRef: null, toldBy: null, recordedAt: null, createdAt: at.now.toISOString() }],
    { ignore: true },
  );
}

/**
 * Telling the applicant of a refusal (不予批准书面告知): a department's refusal begins it (in the
 * transaction of the decision), the township records that the applicant was told, and the SLA
 * scan warns when the day comes near or passes untold (sla-scanner.ts).
 */
export class RefusalNoticeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
  ) {}

  /** The township records that the applicant was told, how and when; once. */
  async recordTold(ctx: RequestContext, referralId: string, toldOn: IsoDate, means: ToldMeans, evidenceRef: string | null | undefined): Promise<CommandResult<string>> {
    const caller = callerOf(ctx);
    const notice = await this.byReferral(ctx, referralId);
    if (!notice) return failed([new UserError(Code.NOT_FOUND, text('该转办事项没有待告知的不予批准结果。', 'The referral has no refusal to tell.'), ['referralId'])]);
    const problems = new Problems();
    if (toldOn > ctx.today) problems.add(Code.INVALID_DATE, text('告知日期不能晚于今天。', 'toldOn cannot be after today.'), ['toldOn']);
    if (toldOn < notice.refusedOn) problems.add(Code.INVALID_DATE, text(`告知日期不能早于不予批准的日期（${notice.refusedOn}）。`, `toldOn cannot be before the refusal (${notice.refusedOn}).`), ['toldOn']);
    const ref = evidenceRef?.trim() || null;
    if (means === ToldMeans.IN_WRITING && ref === null) problems.add(Code.INVALID_EVIDENCE, text('书面告知请填写告知书编号。', 'Give the written notice\'s number.'), ['evidenceRef']);
    if (ref !== null && (ref.length > MAX_EVIDENCE || /[\r\n]/.test(ref))) {
      problems.add(Code.INVALID_EVIDENCE, text(`告知凭证编号为1–${MAX_EVIDENCE}个字符，不含换行。`, `evidenceRef is 1–${MAX_EVIDENCE} characters on one line.`), ['evidenceRef']);
    }
    if (problems.any) return failed(problems.list);
    return runCommand(this.uow, async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(RefusalNoticeEntity)
        .set({ toldOn, toldMeans: means, evidenceRef: ref, toldBy: caller.sub, recordedAt: ctx.now.toISOString() })
        .where('referral_id = :referralId AND told_on IS NULL', { referralId })
        .execute();
      if (!result.affected) {
        throw new BusinessRuleError([new UserError(Code.ILLEGAL_TRANSITION, text('已登记过告知申请人。', 'The applicant was recorded as told already.'), ['referralId'])]);
      }
      await appendTimeline(m, ctx.now, [{ caseId: notice.caseId, referralId, type: 'APPLICANT_TOLD', actor: caller.sub, params: { toldOn, means, evidenceRef: ref } }]);
      return referralId;
    });
  }

  /** The refusal notice of a referral the caller sees; null when it has none; FORBIDDEN outside the scope. */
  async byReferral(ctx: RequestContext, referralId: string): Promise<RefusalNoticeEntity | null> {
    const caller = callerOf(ctx);
    const r = await this.uow.read((m) => m.getRepository(ReferralEntity).findOneBy({ id: referralId }));
    if (!withinScope(caller, r, r !== null && seesReferral(caller, r))) return null;
    return this.uow.read((m) => m.getRepository(RefusalNoticeEntity).findOneBy({ id: referralId }));
  }

  /** The refusals of the caller's region (a department only its own), the earliest deadline first, keyset-paginated. */
  list(ctx: RequestContext, filter: RefusalNoticeFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = callerOf(ctx);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    const window = refusalWindow(this.calendars.calendar, ctx.today);
    const owner = ownedByFilter(filter?.ownedBy);
    const base = () => {
      const qb = whereInRegion(this.uow.dataSource.getRepository(RefusalNoticeEntity).createQueryBuilder('n'), 'n.township_code', region);
      if (caller.department) qb.andWhere('n.department = :department', { department: caller.department });
      if (filter?.told != null) qb.andWhere(filter.told ? 'n.told_on IS NOT NULL' : 'n.told_on IS NULL');
      if (owner) qb.andWhere('n.case_id IN (SELECT c.id FROM cases c WHERE c.owner = :owner)', { owner });
      if (filter?.state?.length) {
        qb.andWhere(`(${filter.state.map((s) => REFUSAL_STATE_SQL[s]).join(' OR ')})`, window);
      }
      return qb;
    };
    return keysetPage(this.uow, base, { alias: 'n', column: 'tell_by', key: (n) => n.tellBy, direction: 'ASC' }, first, after);
  }
}
