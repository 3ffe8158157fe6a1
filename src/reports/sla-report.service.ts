import { RequestContext } from '../common/request-context';
import { text } from '../common/text';
import { Department, Role } from '../access/roles';
import { badInput, requireRole } from '../access/guard';
import { effectiveRegion, whereInRegion } from '../access/region';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarService } from '../calendar/calendar.service';
import { calendarDaysBetween } from '../calendar/working-days';
import { CaseEntity } from '../intake/case.entity';
import { CaseStatus } from '../intake/intake.enums';
import { ReferralEntity } from '../referrals/referral.entity';
import { RESOLVED_STATUS } from '../referrals/referral-status';
import { caseSlaSql, slaParameters, whereCaseSla, whereReferralSla } from '../sla/sla.filters';
import { SlaState } from '../sla/sla.rules';
import { SlaService } from '../sla/sla.service';
import { DepartmentSlaRow, SlaReport, TownshipSlaRow } from './sla-report.type';

const MAX_SPAN_DAYS = 366;

// The period's case figures, on cases `c` with :from and :to (CST dates, both included): opened =
// accepted in it; closed = CLOSED in it (a withdrawn case is not "closed"). Shared by the region's
// totals and the township rows, so the two always add up.
const CASE_OPENED = 'c.accepted_date >= :from AND c.accepted_date <= :to';
const CASE_CLOSED = 'c.status = :closedStatus AND c.closed_date >= :from AND c.closed_date <= :to';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * On-time figures for a region and a period (CST dates, both ends included): cases and referrals
 * accepted in it (opened), finished in it (closed/resolved, on time or not), and the referrals
 * open today that are overdue or at risk. Every department has a row, zeros included.
 */
export class SlaReportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly sla: SlaService,
  ) {}

  async report(ctx: RequestContext, regionCode: string, from: string, to: string): Promise<SlaReport> {
    const caller = requireRole(ctx.caller, Role.DASHBOARD, Role.ADMIN, Role.CLERK);
    const region = effectiveRegion(caller.region, regionCode, ['regionCode']);
    if (from > to) throw badInput(text('开始日期不能晚于结束日期。', 'from must not be after to.'), ['from']);
    if (calendarDaysBetween(from, to) >= MAX_SPAN_DAYS) throw badInput(text(`统计期间最长${MAX_SPAN_DAYS}天。`, `A report covers at most ${MAX_SPAN_DAYS} days.`), ['to']);
    const window = this.sla.window(ctx.today);
    const ds = this.uow.dataSource;
    const cases = () => whereInRegion(ds.getRepository(CaseEntity).createQueryBuilder('c'), 'c.township_code', region);
    const referrals = () => whereInRegion(ds.getRepository(ReferralEntity).createQueryBuilder('r'), 'r.township_code', region);
    const countBy = async (qb: ReturnType<typeof referrals>) =>
      new Map(
        (await qb.select('r.department', 'department').addSelect('COUNT(*)', 'n').groupBy('r.department').getRawMany<{ department: string; n: string }>()).map(
          (row) => [row.department, Number(row.n)],
        ),
      );
    return this.uow.read(async () => {
      const closed = () => cases().andWhere(CASE_CLOSED, { closedStatus: CaseStatus.CLOSED, from, to });
      const closedOnTime = closed();
      whereCaseSla(closedOnTime, 'c', [SlaState.MET], window);
      const inPeriod = { from, to };
      const resolvedQb = () =>
        referrals().andWhere('r.status = :resolved AND r.finished_date >= :from AND r.finished_date <= :to', { resolved: RESOLVED_STATUS, ...inPeriod });
      const overdue = referrals();
      whereReferralSla(overdue, 'r', [SlaState.OVERDUE], window);
      const atRisk = referrals();
      whereReferralSla(atRisk, 'r', [SlaState.AT_RISK], window);

      const casesOpened = await cases().andWhere(CASE_OPENED, inPeriod).getCount();
      const casesClosed = await closed().getCount();
      const casesClosedOnTime = await closedOnTime.getCount();
      const opened = await countBy(referrals().andWhere('r.accepted_date >= :from AND r.accepted_date <= :to', inPeriod));
      const openOverdue = await countBy(overdue);
      const openAtRisk = await countBy(atRisk);
      const resolvedRows = await resolvedQb().select(['r.department', 'r.acceptedDate', 'r.finishedDate', 'r.dueDate']).getMany();

      const calendar = this.calendars.calendar;
      const rows: DepartmentSlaRow[] = Object.values(Department).map((department) => {
        const mine = resolvedRows.filter((r) => r.department === department);
        return {
          department,
          opened: opened.get(department) ?? 0,
          resolved: mine.length,
          resolvedOnTime: mine.filter((r) => r.finishedDate! <= r.dueDate).length,
          openOverdue: openOverdue.get(department) ?? 0,
          openAtRisk: openAtRisk.get(department) ?? 0,
          medianWorkingDays: median(mine.map((r) => calendar.workingDaysBetween(r.acceptedDate, r.finishedDate!))),
        };
      });
      return { regionCode: region, from, to, casesOpened, casesClosed, casesClosedOnTime, rows };
    });
  }

  /**
   * The report's case figures per township of its region (SlaReport.townships, computed only when
   * asked for): one GROUP BY statement. A township has a row when a case there was accepted or
   * closed in the period or is open now; open cases are counted by the case's clock, as the
   * slaState filter of `cases` does.
   */
  async townships(ctx: RequestContext, report: Pick<SlaReport, 'regionCode' | 'from' | 'to'>): Promise<TownshipSlaRow[]> {
    const caller = requireRole(ctx.caller, Role.DASHBOARD, Role.ADMIN, Role.CLERK);
    const region = effectiveRegion(caller.region, report.regionCode, ['regionCode']);
    const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
    const qb = whereInRegion(this.uow.dataSource.getRepository(CaseEntity).createQueryBuilder('c'), 'c.township_code', region)
      .select('c.township_code', 'townshipCode')
      .addSelect(count(CASE_OPENED), 'opened')
      .addSelect(count(CASE_CLOSED), 'closed')
      .addSelect(count(caseSlaSql(SlaState.OVERDUE, 'c')), 'openOverdue')
      .addSelect(count(caseSlaSql(SlaState.AT_RISK, 'c')), 'openAtRisk')
      .andWhere(`((${CASE_OPENED}) OR (${CASE_CLOSED}) OR c.status = :openStatus)`)
      .setParameters({ from: report.from, to: report.to, closedStatus: CaseStatus.CLOSED, openStatus: CaseStatus.OPEN, ...slaParameters(this.sla.window(ctx.today)) })
      .groupBy('c.township_code')
      .orderBy('c.township_code');
    type Raw = Record<keyof TownshipSlaRow, string | number>;
    const rows = await this.uow.read(() => qb.getRawMany<Raw>());
    // MariaDB answers SUM as a DECIMAL string.
    return rows.map((r) => ({
      townshipCode: String(r.townshipCode),
      opened: Number(r.opened),
      closed: Number(r.closed),
      openOverdue: Number(r.openOverdue),
      openAtRisk: Number(r.openAtRisk),
    }));
  }
}
