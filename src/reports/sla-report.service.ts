import { SelectQueryBuilder } from 'typeorm';
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
import { CANCELLED_STATUS, FINISHED_STATUSES, RESOLVED_STATUS } from '../referrals/referral-status';
import { whereCaseSla, whereReferralSla } from '../sla/sla.filters';
import { SlaState } from '../sla/sla.rules';
import { SlaService } from '../sla/sla.service';
import { DepartmentSlaRow, SlaReport, TownshipSlaRow } from './sla-report.type';

const MAX_SPAN_DAYS = 366;

// The period's case figures, on cases `c` with :from and :to (CST dates, both included): opened =
// accepted in it; closed = CLOSED in it (a withdrawn case is not "closed"). Shared by the region's
// totals and the township rows, so the two always add up.
const CASE_OPENED = 'c.accepted_date >= :from AND c.accepted_date <= :to';
const CASE_CLOSED = 'c.status = :closedStatus AND c.closed_date >= :from AND c.closed_date <= :to';

/** The median of values repeated `weight` times each: median() of the expanded list, without expanding it. */
export function weightedMedian(groups: Array<{ value: number; weight: number }>): number | null {
  const sorted = groups.filter((g) => g.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, g) => n + g.weight, 0);
  if (total === 0) return null;
  // The k-th value (0-based) of the expanded list.
  const at = (k: number) => {
    for (const g of sorted) {
      if (k < g.weight) return g.value;
      k -= g.weight;
    }
    throw new Error('unreachable');
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
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
      // Closed on time = closed − closed late. A case closes the day its last referral finishes
      // (closeCaseIfDone, in that referral's transaction), so a case closed late has a referral
      // that finished in the period after its due date, or was cancelled: the few such referrals
      // (an index range over the period's finished ones) name the only cases worth testing,
      // instead of an SLA look-up for every case closed in the period.
      const closedLate = closed().andWhere(
        `c.id IN (SELECT lr.case_id FROM referrals lr WHERE lr.status IN (:...finished) AND lr.finished_date >= :from AND lr.finished_date <= :to ` +
          `AND lr.township_code LIKE :lateRegion AND (lr.status = :cancelled OR lr.finished_date > lr.due_date))`,
        { finished: FINISHED_STATUSES, cancelled: CANCELLED_STATUS, lateRegion: `${region}%` },
      );
      whereCaseSla(closedLate, 'c', [SlaState.MISSED], window);
      const inPeriod = { from, to };
      const overdue = referrals();
      whereReferralSla(overdue, 'r', [SlaState.OVERDUE], window);
      const atRisk = referrals();
      whereReferralSla(atRisk, 'r', [SlaState.AT_RISK], window);
      // Resolved referrals counted in the database by (department, accepted, finished): a few
      // thousand groups a year for a province instead of every row, and the medians from them.
      const resolved = referrals()
        .andWhere('r.status = :resolved AND r.finished_date >= :from AND r.finished_date <= :to', { resolved: RESOLVED_STATUS, ...inPeriod })
        .select('r.department', 'department')
        .addSelect('r.accepted_date', 'acceptedDate')
        .addSelect('r.finished_date', 'finishedDate')
        .addSelect('COUNT(*)', 'n')
        .addSelect('SUM(CASE WHEN r.finished_date <= r.due_date THEN 1 ELSE 0 END)', 'onTime')
        .groupBy('r.department')
        .addGroupBy('r.accepted_date')
        .addGroupBy('r.finished_date');

      const casesOpened = await cases().andWhere(CASE_OPENED, inPeriod).getCount();
      const casesClosed = await closed().getCount();
      const casesClosedOnTime = casesClosed - (await closedLate.getCount());
      const opened = await countBy(referrals().andWhere('r.accepted_date >= :from AND r.accepted_date <= :to', inPeriod));
      const openOverdue = await countBy(overdue);
      const openAtRisk = await countBy(atRisk);
      type ResolvedGroup = { department: string; acceptedDate: string; finishedDate: string; n: string | number; onTime: string | number };
      const resolvedGroups = await resolved.getRawMany<ResolvedGroup>();

      const calendar = this.calendars.calendar;
      const rows: DepartmentSlaRow[] = Object.values(Department).map((department) => {
        const mine = resolvedGroups.filter((g) => g.department === department);
        return {
          department,
          opened: opened.get(department) ?? 0,
          resolved: mine.reduce((sum, g) => sum + Number(g.n), 0),
          // MariaDB answers SUM as a DECIMAL string.
          resolvedOnTime: mine.reduce((sum, g) => sum + Number(g.onTime), 0),
          openOverdue: openOverdue.get(department) ?? 0,
          openAtRisk: openAtRisk.get(department) ?? 0,
          medianWorkingDays: weightedMedian(mine.map((g) => ({ value: calendar.workingDaysBetween(g.acceptedDate, g.finishedDate), weight: Number(g.n) }))),
        };
      });
      return { regionCode: region, from, to, casesOpened, casesClosed, casesClosedOnTime, rows };
    });
  }

  /**
   * The report's case figures per township of its region (SlaReport.townships, computed only when
   * asked for). A township has a row when a case there was accepted or closed in the period or is
   * open now; open cases are counted by the case's clock, as the slaState filter of `cases` does.
   * One statement of five GROUP BYs, each an index range: the cases opened, closed, open now, and
   * open OVERDUE or AT_RISK (those two from the few candidate cases, not from every open case).
   */
  async townships(ctx: RequestContext, report: Pick<SlaReport, 'regionCode' | 'from' | 'to'>): Promise<TownshipSlaRow[]> {
    const caller = requireRole(ctx.caller, Role.DASHBOARD, Role.ADMIN, Role.CLERK);
    const region = effectiveRegion(caller.region, report.regionCode, ['regionCode']);
    const window = this.sla.window(ctx.today);
    type Figure = 'opened' | 'closed' | 'open' | 'openOverdue' | 'openAtRisk';
    const perTownship = (figure: Figure, where: (qb: SelectQueryBuilder<CaseEntity>) => unknown) => {
      const qb = whereInRegion(this.uow.dataSource.getRepository(CaseEntity).createQueryBuilder('c'), 'c.township_code', region)
        .select(`'${figure}'`, 'figure')
        .addSelect('c.township_code', 'townshipCode')
        .addSelect('COUNT(*)', 'n')
        .groupBy('c.township_code');
      where(qb);
      return qb.getQueryAndParameters();
    };
    const open = (qb: SelectQueryBuilder<CaseEntity>) => qb.andWhere('c.status = :openStatus', { openStatus: CaseStatus.OPEN });
    const parts = [
      perTownship('opened', (qb) => qb.andWhere(CASE_OPENED, { from: report.from, to: report.to })),
      perTownship('closed', (qb) => qb.andWhere(CASE_CLOSED, { closedStatus: CaseStatus.CLOSED, from: report.from, to: report.to })),
      perTownship('open', open),
      perTownship('openOverdue', (qb) => whereCaseSla(open(qb), 'c', [SlaState.OVERDUE], window)),
      perTownship('openAtRisk', (qb) => whereCaseSla(open(qb), 'c', [SlaState.AT_RISK], window)),
    ];
    const rows: Array<{ figure: Figure; townshipCode: string; n: string | number }> = await this.uow.read((m) =>
      m.query(parts.map(([sql]) => sql).join(' UNION ALL '), parts.flatMap(([, parameters]) => parameters)),
    );
    const counts = new Map<string, Record<Figure, number>>();
    for (const r of rows) {
      const code = String(r.townshipCode);
      const row = counts.get(code) ?? { opened: 0, closed: 0, open: 0, openOverdue: 0, openAtRisk: 0 };
      row[r.figure] = Number(r.n); // MariaDB answers COUNT as a string with supportBigNumbers
      counts.set(code, row);
    }
    return [...counts.keys()].sort().map((townshipCode) => {
      const { opened, closed, openOverdue, openAtRisk } = counts.get(townshipCode)!;
      return { townshipCode, opened, closed, openOverdue, openAtRisk };
    });
  }
}
