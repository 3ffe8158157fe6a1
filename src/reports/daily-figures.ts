import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { WorkingCalendar } from '../calendar/working-days';
import { IsoDate } from '../common/dates';
import { namedSqlInRegion, whereInRegion } from '../access/region';
import { CaseEntity } from '../cases/case.entity';
import { CaseStatus } from '../cases/case-status';
import { ReferralEntity } from '../referrals/referral.entity';
import { CANCELLED_STATUS, FINISHED_STATUSES, RESOLVED_STATUS } from '../referrals/referral-status';
import { SlaState } from '../sla/sla.rules';
import { SlaWindow, whereCaseSla } from '../sla/sla.filters';

// What the report counts, day by day and township by township: the one home of these rules. The
// rollup stores these rows for the days that are over; a report adds the rows of the days not
// rolled yet, counted here from the cases and referrals themselves.
//
// - A case is opened the day it is accepted and closed the day it is CLOSED (a withdrawn case is
//   not "closed"); it closed on time unless its clock is MISSED.
// - A department's referral is opened the day it is accepted and resolved the day it is RESOLVED,
//   on time when that day is not after its due date; its working days from acceptance to
//   resolution feed the department's median.
// - A department's referral is acknowledged the day it was acknowledged (受理) with a running clock,
//   on time when that day is not after its acknowledge-by day; its working days from the clock's
//   start feed the department's median time to acknowledge.

/** Department '' holds the case figures of the day and township. */
export const CASE_FIGURES = '';

/** For cases, opened/closed/closed on time; for a department, its referrals opened/resolved/resolved on time. */
export interface Figures {
  opened: number;
  closed: number;
  closedOnTime: number;
}

/** Adds figures into a sum (MariaDB answers SUM as a DECIMAL string: hence Number). */
export function addFigures(into: Figures, f: { opened: unknown; closed: unknown; closedOnTime: unknown }): void {
  into.opened += Number(f.opened);
  into.closed += Number(f.closed);
  into.closedOnTime += Number(f.closedOnTime);
}

/** One day's figures in one township (department '' holds the case figures). */
export interface DayFigures extends Figures {
  day: IsoDate;
  townshipCode: string;
  department: string;
}

/** Referrals of a department acknowledged that day in a township after `workingDays` working days, `onTime` of them by their day. */
export interface DayAcknowledgements {
  day: IsoDate;
  townshipCode: string;
  department: string;
  workingDays: number;
  referrals: number;
  onTime: number;
}

/** Referrals of a department resolved that day in a township after `workingDays` working days. */
export interface DayResolutions {
  day: IsoDate;
  townshipCode: string;
  department: string;
  workingDays: number;
  referrals: number;
}

/** One row of the figures' statement: a count by `figure`, day and township (and department, acceptance day). */
export interface FigureRow {
  figure: string;
  day: string | null;
  townshipCode: string;
  department: string | null;
  /** The day the clock counted from: acceptance (resolutions), the acknowledgement clock's start (acknowledgements). */
  acceptedDate: string | null;
  n: string | number;
  onTime: string | number;
}

/** A SELECT giving FigureRow columns, and its parameters: parts of one UNION ALL. */
export type FigureQuery = [string, unknown[]];

/** How finely a period's figures are counted: day by day and township by township (the rollup), or summed over either. */
export interface Grain {
  byDay: boolean;
  byTownship: boolean;
}
export const DAY_AND_TOWNSHIP: Grain = { byDay: true, byTownship: true };

/**
 * The queries of the figures of the days from `from` to `to` (CST dates, both included) in
 * `region` (`casesOnly`: the case figures alone), each an index range over the period
 * (idx_cases_opened_region, idx_cases_closed_region, idx_referrals_opened_region,
 * idx_referrals_resolved_region), grouped as `grain` says; resolved referrals always by their day
 * and their acceptance day, which the working days between need. Run them with figureStatement.
 */
export function dailyFigureQueries(
  m: EntityManager,
  window: SlaWindow,
  region: string,
  from: IsoDate,
  to: IsoDate,
  { casesOnly = false, grain = DAY_AND_TOWNSHIP }: { casesOnly?: boolean; grain?: Grain } = {},
): FigureQuery[] {
  const period = { from, to };
  const cases = () => whereInRegion(m.getRepository(CaseEntity).createQueryBuilder('c'), 'c.township_code', region);
  const referrals = () => whereInRegion(m.getRepository(ReferralEntity).createQueryBuilder('r'), 'r.township_code', region);
  const part = <T extends object>(
    figure: string,
    qb: SelectQueryBuilder<T>,
    day: string,
    alias: string,
    { department = false, since = null as string | null, onTime = '0' } = {},
  ): FigureQuery => {
    const byDay = grain.byDay || since !== null;
    const groups = [...(byDay ? [day] : []), ...(grain.byTownship ? [`${alias}.township_code`] : []), ...(department ? [`${alias}.department`] : []), ...(since ? [`${alias}.${since}`] : [])];
    qb.select(`'${figure}'`, 'figure')
      .addSelect(byDay ? day : 'NULL', 'day')
      .addSelect(grain.byTownship ? `${alias}.township_code` : 'NULL', 'townshipCode')
      // In parentheses: TypeORM moves a bare entity property to the front of the list, and a UNION matches columns by position.
      .addSelect(department ? `(${alias}.department)` : 'NULL', 'department')
      .addSelect(since ? `${alias}.${since}` : 'NULL', 'acceptedDate')
      .addSelect('COUNT(*)', 'n')
      .addSelect(onTime, 'onTime');
    if (groups.length > 0) qb.groupBy(groups[0]);
    for (const column of groups.slice(1)) qb.addGroupBy(column);
    return qb.getQueryAndParameters();
  };

  const closed = () => cases().andWhere('c.status = :closedStatus AND c.closed_date >= :from AND c.closed_date <= :to', { closedStatus: CaseStatus.CLOSED, ...period });
  // Closed late = closed with a MISSED clock. A case closes the day its last referral finishes
  // (closeCaseIfDone, in that referral's transaction), so a case closed late has a referral that
  // finished that day after its due date, or was cancelled: those few referrals (an index range
  // over the period's finished ones) name the only cases worth testing.
  const lateInRegion = namedSqlInRegion('lr.township_code', region, 'lateRegion');
  const closedLate = closed().andWhere(
    `c.id IN (SELECT lr.case_id FROM referrals lr WHERE lr.status IN (:...finished) AND lr.finished_date >= :from AND lr.finished_date <= :to ` +
      `AND ${lateInRegion.sql} AND (lr.status = :cancelled OR lr.finished_date > lr.due_date))`,
    { finished: FINISHED_STATUSES, cancelled: CANCELLED_STATUS, ...lateInRegion.params },
  );
  whereCaseSla(closedLate, 'c', [SlaState.MISSED], window);

  const parts = [
    part('casesOpened', cases().andWhere('c.accepted_date >= :from AND c.accepted_date <= :to', period), 'c.accepted_date', 'c'),
    part('casesClosed', closed(), 'c.closed_date', 'c'),
    part('casesClosedLate', closedLate, 'c.closed_date', 'c'),
  ];
  if (casesOnly) return parts;
  return [
    ...parts,
    part('referralsOpened', referrals().andWhere('r.accepted_date >= :from AND r.accepted_date <= :to', period), 'r.accepted_date', 'r', { department: true }),
    part(
      'referralsResolved',
      referrals().andWhere('r.status = :resolved AND r.finished_date >= :from AND r.finished_date <= :to', { resolved: RESOLVED_STATUS, ...period }),
      'r.finished_date',
      'r',
      { department: true, since: 'accepted_date', onTime: 'SUM(CASE WHEN r.finished_date <= r.due_date THEN 1 ELSE 0 END)' },
    ),
    // Acknowledged in the period with a clock (idx_referrals_acknowledged_region), by the day the clock started.
    part(
      'referralsAcknowledged',
      referrals().andWhere('r.acknowledged_date >= :from AND r.acknowledged_date <= :to AND r.ack_started IS NOT NULL', period),
      'r.acknowledged_date',
      'r',
      { department: true, since: 'ack_started', onTime: 'SUM(CASE WHEN r.acknowledged_date <= r.acknowledge_by THEN 1 ELSE 0 END)' },
    ),
  ];
}

/** Queries with FigureRow columns as one statement. */
export function figureStatement(queries: FigureQuery[]): FigureQuery {
  return [queries.map(([sql]) => sql).join(' UNION ALL '), queries.flatMap(([, params]) => params)];
}

/** The figures of a period (see dailyFigureQueries) in one statement. */
export async function dailyFigures(
  m: EntityManager,
  calendar: WorkingCalendar,
  window: SlaWindow,
  region: string,
  from: IsoDate,
  to: IsoDate,
  options: { casesOnly?: boolean; grain?: Grain } = {},
): Promise<CollectedFigures> {
  const [sql, params] = figureStatement(dailyFigureQueries(m, window, region, from, to, options));
  return collectFigures(await m.query(sql, params), calendar);
}

export interface CollectedFigures {
  figures: DayFigures[];
  resolutions: DayResolutions[];
  acknowledgements: DayAcknowledgements[];
}

/** Day figures, resolutions and acknowledgements from the rows of dailyFigureQueries (rows of other figures are left alone). */
export function collectFigures(rows: FigureRow[], calendar: WorkingCalendar): CollectedFigures {
  // MariaDB answers COUNT and SUM as strings (supportBigNumbers, DECIMAL).
  const figures = new Map<string, DayFigures>();
  const at = (row: FigureRow, department: string) => {
    const day = String(row.day);
    const townshipCode = String(row.townshipCode);
    const k = `${day}|${townshipCode}|${department}`;
    let f = figures.get(k);
    if (!f) figures.set(k, (f = { day, townshipCode, department, opened: 0, closed: 0, closedOnTime: 0 }));
    return f;
  };
  const resolutions = new Map<string, DayResolutions>();
  const acknowledgements = new Map<string, DayAcknowledgements>();
  for (const row of rows) {
    const n = Number(row.n);
    switch (row.figure) {
      case 'casesOpened':
        at(row, CASE_FIGURES).opened += n;
        break;
      case 'casesClosed': {
        const f = at(row, CASE_FIGURES);
        f.closed += n;
        f.closedOnTime += n;
        break;
      }
      case 'casesClosedLate':
        at(row, CASE_FIGURES).closedOnTime -= n;
        break;
      case 'referralsOpened':
        at(row, String(row.department)).opened += n;
        break;
      case 'referralsResolved': {
        const f = at(row, String(row.department));
        f.closed += n;
        f.closedOnTime += Number(row.onTime);
        const workingDays = calendar.workingDaysBetween(String(row.acceptedDate), f.day);
        const k = `${f.day}|${f.townshipCode}|${f.department}|${workingDays}`;
        const r = resolutions.get(k);
        if (r) r.referrals += n;
        else resolutions.set(k, { day: f.day, townshipCode: f.townshipCode, department: f.department, workingDays, referrals: n });
        break;
      }
      case 'referralsAcknowledged': {
        const day = String(row.day);
        const townshipCode = String(row.townshipCode);
        const department = String(row.department);
        const workingDays = calendar.workingDaysBetween(String(row.acceptedDate), day);
        const k = `${day}|${townshipCode}|${department}|${workingDays}`;
        const a = acknowledgements.get(k) ?? acknowledgements.set(k, { day, townshipCode, department, workingDays, referrals: 0, onTime: 0 }).get(k)!;
        a.referrals += n;
        a.onTime += Number(row.onTime);
        break;
      }
    }
  }
  return { figures: [...figures.values()], resolutions: [...resolutions.values()], acknowledgements: [...acknowledgements.values()] };
}
