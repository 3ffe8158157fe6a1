import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { callerOf } from '../access/authorization';
import { RequestContext } from '../common/request-context';
import { text } from '../common/text';
import { Department } from '../access/roles';
import { badInput } from '../access/guard';
import { effectiveRegion, sqlInRegion, whereInRegion } from '../access/region';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarService } from '../calendar/calendar.service';
import { addCalendarDays, calendarDaysBetween, IsoDate } from '../common/dates';
import { CaseEntity } from '../cases/case.entity';
import { CaseStatus } from '../cases/case-status';
import { ReferralEntity } from '../referrals/referral.entity';
import { SlaWindow, whereCaseSla, whereReferralSla } from '../sla/sla.filters';
import { whereAcknowledgementSla } from '../sla/acknowledgement.filters';
import { SlaState } from '../sla/sla.rules';
import { SlaService } from '../sla/sla.service';
import { DepartmentSlaRow, NoticeSlaRow, PauseSlaRow, SlaReport, TownshipSlaRow } from './sla-report.type';
import { noticeFigures, pauseFigures } from './loop-figures';
import { addFigures, CASE_FIGURES, collectFigures, dailyFigureQueries, dailyFigures, figureStatement, Figures, FigureQuery, FigureRow } from './daily-figures';
import { ReportRollup } from './report-rollup';

const MAX_SPAN_DAYS = 366;

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

const none = (): Figures => ({ opened: 0, closed: 0, closedOnTime: 0 });

/** A period's figures by department ('' = the cases), the resolved referrals' working days and the acknowledged ones' by department. */
interface PeriodFigures {
  rolledThrough: IsoDate | null;
  figures: Map<string, Figures>;
  workingDays: Map<string, Map<number, number>>;
  acknowledged: Map<string, { onTime: number; workingDays: Map<number, number> }>;
}

/**
 * On-time figures for a region and a period (CST dates, both ends included): cases and referrals
 * accepted in it (opened), finished in it (closed/resolved, on time or not), and the referrals
 * open today that are overdue or at risk. Every department has a row, zeros included. The period's
 * figures are the rollup's for the days it holds and counted live for the rest (daily-figures.ts
 * says what counts); the open ones are counted now.
 */
export class SlaReportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly sla: SlaService,
    private readonly rollup: ReportRollup,
  ) {}

  async report(ctx: RequestContext, regionCode: string, from: string, to: string): Promise<SlaReport> {
    const caller = callerOf(ctx);
    const region = effectiveRegion(caller.region, regionCode, ['regionCode']);
    if (from > to) throw badInput(text('开始日期不能晚于结束日期。', 'from must not be after to.'), ['from']);
    if (calendarDaysBetween(from, to) >= MAX_SPAN_DAYS) throw badInput(text(`统计期间最长${MAX_SPAN_DAYS}天。`, `A report covers at most ${MAX_SPAN_DAYS} days.`), ['to']);
    const window = this.sla.window(ctx.today);
    return this.uow.read(async (m) => {
      const period = await this.periodFigures(m, window, region, from, to);
      const referrals = () => whereInRegion(m.getRepository(ReferralEntity).createQueryBuilder('r'), 'r.township_code', region);
      const openIn = async (where: (qb: SelectQueryBuilder<ReferralEntity>) => void) => {
        const qb = referrals().select('r.department', 'department').addSelect('COUNT(*)', 'n').groupBy('r.department');
        where(qb);
        const rows = await qb.getRawMany<{ department: string; n: string }>();
        return new Map(rows.map((row) => [row.department, Number(row.n)]));
      };
      const openOverdue = await openIn((qb) => whereReferralSla(qb, 'r', [SlaState.OVERDUE], window));
      const openAtRisk = await openIn((qb) => whereReferralSla(qb, 'r', [SlaState.AT_RISK], window));
      const ackWindow = this.sla.acknowledgementWindow(ctx.today);
      const ackOverdue = await openIn((qb) => whereAcknowledgementSla(qb, 'r', [SlaState.OVERDUE], ackWindow));
      const ackAtRisk = await openIn((qb) => whereAcknowledgementSla(qb, 'r', [SlaState.AT_RISK], ackWindow));
      const cases = period.figures.get(CASE_FIGURES) ?? none();
      const rows: DepartmentSlaRow[] = Object.values(Department).map((department) => {
        const mine = period.figures.get(department) ?? none();
        const days = period.workingDays.get(department) ?? new Map<number, number>();
        const acknowledged = period.acknowledged.get(department) ?? { onTime: 0, workingDays: new Map<number, number>() };
        return {
          department,
          opened: mine.opened,
          resolved: mine.closed,
          resolvedOnTime: mine.closedOnTime,
          openOverdue: openOverdue.get(department) ?? 0,
          openAtRisk: openAtRisk.get(department) ?? 0,
          medianWorkingDays: weightedMedian([...days].map(([value, weight]) => ({ value, weight }))),
          acknowledged: [...acknowledged.workingDays.values()].reduce((a, b) => a + b, 0),
          acknowledgedOnTime: acknowledged.onTime,
          medianWorkingDaysToAcknowledge: weightedMedian([...acknowledged.workingDays].map(([value, weight]) => ({ value, weight }))),
          openAcknowledgementOverdue: ackOverdue.get(department) ?? 0,
          openAcknowledgementAtRisk: ackAtRisk.get(department) ?? 0,
        };
      });
      return {
        regionCode: region,
        from,
        to,
        casesOpened: cases.opened,
        casesClosed: cases.closed,
        casesClosedOnTime: cases.closedOnTime,
        rows,
        rolledThrough: period.rolledThrough,
      };
    });
  }

  /** The days of a period the rollup holds for `region` (null: none) and the ones to count live (null: none). */
  private split(region: string, from: IsoDate, to: IsoDate, through: IsoDate | null) {
    const rolledTo = ReportRollup.covers(region) && through !== null && through >= from ? (through < to ? through : to) : null;
    const liveFrom = rolledTo === null ? from : addCalendarDays(rolledTo, 1);
    return { rolled: rolledTo === null ? null : { from, to: rolledTo }, live: liveFrom <= to ? { from: liveFrom, to } : null };
  }

  private async periodFigures(m: EntityManager, window: SlaWindow, region: string, from: IsoDate, to: IsoDate): Promise<PeriodFigures> {
    const rolledThrough = await this.rollup.rolledThrough(m);
    const result: PeriodFigures = { rolledThrough, figures: new Map(), workingDays: new Map(), acknowledged: new Map() };
    const figuresOf = (department: string) => result.figures.get(department) ?? result.figures.set(department, none()).get(department)!;
    const countDays = (department: string, workingDays: number, referrals: number) => {
      const days = result.workingDays.get(department) ?? result.workingDays.set(department, new Map()).get(department)!;
      days.set(workingDays, (days.get(workingDays) ?? 0) + referrals);
    };
    const countAcknowledged = (department: string, workingDays: number, referrals: number, onTime: number) => {
      const a = result.acknowledged.get(department) ?? result.acknowledged.set(department, { onTime: 0, workingDays: new Map() }).get(department)!;
      a.onTime += onTime;
      a.workingDays.set(workingDays, (a.workingDays.get(workingDays) ?? 0) + referrals);
    };
    const { rolled, live } = this.split(region, from, to, rolledThrough);
    if (rolled) {
      const sums: Array<{ department: string } & Figures> = await m.query(
        'SELECT department, SUM(opened) AS opened, SUM(closed) AS closed, SUM(closed_on_time) AS closedOnTime FROM report_days ' +
          'WHERE region_code = ? AND day >= ? AND day <= ? GROUP BY department',
        [region, rolled.from, rolled.to],
      );
      for (const s of sums) addFigures(figuresOf(s.department), s);
      const days: Array<{ department: string; workingDays: number; referrals: string | number }> = await m.query(
        'SELECT department, working_days AS workingDays, SUM(referrals) AS referrals FROM report_resolutions ' +
          'WHERE region_code = ? AND day >= ? AND day <= ? GROUP BY department, working_days',
        [region, rolled.from, rolled.to],
      );
      for (const d of days) countDays(d.department, Number(d.workingDays), Number(d.referrals));
      const acknowledged: Array<{ department: string; workingDays: number; referrals: string | number; onTime: string | number }> = await m.query(
        'SELECT department, working_days AS workingDays, SUM(referrals) AS referrals, SUM(on_time) AS onTime FROM report_acknowledgements ' +
          'WHERE region_code = ? AND day >= ? AND day <= ? GROUP BY department, working_days',
        [region, rolled.from, rolled.to],
      );
      for (const a of acknowledged) countAcknowledged(a.department, Number(a.workingDays), Number(a.referrals), Number(a.onTime));
    }
    if (live) {
      // Summed over days and townships: the report needs neither, and a rollup far behind leaves many days to count.
      const counted = await dailyFigures(m, this.calendars.calendar, window, region, live.from, live.to, { grain: { byDay: false, byTownship: false } });
      for (const f of counted.figures) addFigures(figuresOf(f.department), f);
      for (const r of counted.resolutions) countDays(r.department, r.workingDays, r.referrals);
      for (const a of counted.acknowledgements) countAcknowledged(a.department, a.workingDays, a.referrals, a.onTime);
    }
    return result;
  }

  /** Supervision notices per department, for the report's region and period (loop-figures.ts). */
  async notices(ctx: RequestContext, report: Pick<SlaReport, 'regionCode' | 'from' | 'to'>): Promise<NoticeSlaRow[]> {
    const region = effectiveRegion(callerOf(ctx).region, report.regionCode, ['regionCode']);
    const figures = await this.uow.read((m) => noticeFigures(m, region, report.from, report.to));
    return Object.values(Department).map((department) => ({ department, raised: 0, answeredOnTime: 0, escalated: 0, open: 0, ...figures.get(department) }));
  }

  /** Pauses per type, for the report's region and period. */
  async pauses(ctx: RequestContext, report: Pick<SlaReport, 'regionCode' | 'from' | 'to'>): Promise<PauseSlaRow[]> {
    const region = effectiveRegion(callerOf(ctx).region, report.regionCode, ['regionCode']);
    return this.uow.read((m) => pauseFigures(m, region, report.from, report.to, ctx.today));
  }

  /**
   * The report's case figures per township of its region (SlaReport.townships, computed only when
   * asked for). A township has a row when a case there was accepted or closed in the period or is
   * open now. Opened and closed come as the report's do (rollup, then live); the open cases are
   * counted by the case's clock, as the slaState filter of `cases` does, in one statement of three
   * GROUP BYs: open now, and open OVERDUE or AT_RISK (those two from the few candidate cases).
   */
  async townships(ctx: RequestContext, report: Pick<SlaReport, 'regionCode' | 'from' | 'to' | 'rolledThrough'>): Promise<TownshipSlaRow[]> {
    const caller = callerOf(ctx);
    const region = effectiveRegion(caller.region, report.regionCode, ['regionCode']);
    const window = this.sla.window(ctx.today);
    type Figure = 'opened' | 'closed' | 'open' | 'openOverdue' | 'openAtRisk';
    const counts = new Map<string, Record<Figure, number>>();
    const count = (townshipCode: string, figure: Figure, n: number) => {
      const row = counts.get(townshipCode) ?? { opened: 0, closed: 0, open: 0, openOverdue: 0, openAtRisk: 0 };
      row[figure] += n;
      counts.set(townshipCode, row);
    };
    await this.uow.read(async (m) => {
      // As the report was counted: a rollup that moved on since would shift days between the two ways.
      const through = report.rolledThrough === undefined ? await this.rollup.rolledThrough(m) : report.rolledThrough;
      const { rolled, live } = this.split(region, report.from, report.to, through);
      if (rolled) {
        const inRegion = sqlInRegion('region_code', region);
        const sums: Array<{ townshipCode: string; opened: string | number; closed: string | number }> = await m.query(
          'SELECT region_code AS townshipCode, SUM(opened) AS opened, SUM(closed) AS closed FROM report_days ' +
            `WHERE department = ? AND day >= ? AND day <= ?${inRegion.sql} AND LENGTH(region_code) = 9 GROUP BY region_code`,
          [CASE_FIGURES, rolled.from, rolled.to, ...inRegion.params],
        );
        for (const s of sums) {
          count(s.townshipCode, 'opened', Number(s.opened));
          count(s.townshipCode, 'closed', Number(s.closed));
        }
      }
      // The days not rolled and the open cases now, in one statement.
      const openNow = (figure: Figure, where: (qb: SelectQueryBuilder<CaseEntity>) => unknown): FigureQuery => {
        const qb = whereInRegion(m.getRepository(CaseEntity).createQueryBuilder('c'), 'c.township_code', region)
          .select(`'${figure}'`, 'figure')
          .addSelect('NULL', 'day')
          .addSelect('c.township_code', 'townshipCode')
          .addSelect('NULL', 'department')
          .addSelect('NULL', 'acceptedDate')
          .addSelect('COUNT(*)', 'n')
          .addSelect('0', 'onTime')
          .andWhere('c.status = :openStatus', { openStatus: CaseStatus.OPEN })
          .groupBy('c.township_code');
        where(qb);
        return qb.getQueryAndParameters();
      };
      const [sql, params] = figureStatement([
        ...(live ? dailyFigureQueries(m, window, region, live.from, live.to, { casesOnly: true, grain: { byDay: false, byTownship: true } }) : []),
        openNow('open', () => undefined),
        openNow('openOverdue', (qb) => whereCaseSla(qb, 'c', [SlaState.OVERDUE], window)),
        openNow('openAtRisk', (qb) => whereCaseSla(qb, 'c', [SlaState.AT_RISK], window)),
      ]);
      const rows: FigureRow[] = await m.query(sql, params);
      for (const f of collectFigures(rows, this.calendars.calendar).figures) {
        count(f.townshipCode, 'opened', f.opened);
        count(f.townshipCode, 'closed', f.closed);
      }
      for (const r of rows) {
        if (r.figure === 'open' || r.figure === 'openOverdue' || r.figure === 'openAtRisk') count(String(r.townshipCode), r.figure, Number(r.n));
      }
    });
    return [...counts.keys()].sort().map((townshipCode) => {
      const { opened, closed, openOverdue, openAtRisk } = counts.get(townshipCode)!;
      return { townshipCode, opened, closed, openOverdue, openAtRisk };
    });
  }
}
