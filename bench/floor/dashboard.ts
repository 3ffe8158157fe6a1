import type { WorkingCalendar } from '../../src/calendar/working-days';
import { caseSla, referralSla } from '../../src/sla/sla.rules';
import { formatCst } from '../../src/graphql/scalars';
import { FloorSql } from './floor-sql';

// A dashboard page of 100 cases, both sides: the fields of the page in hub-bench.ts (case id and
// number, applicant name + masked id number, household relation + person, referrals' status and
// SLA state + due date, the case's SLA state, timeline type/at/referral id), newest first.

export const PAGE_QUERY = `{ cases(first: 100) { edges { node { id caseNo applicant { name idNumber } household { relation person { name idNumber } }
    referrals { status sla { state dueDate } } sla { state } timeline { type at referral { id } } } } } }`;

export interface Timed {
  p50: number;
  p95: number;
  statements: number;
  bytes: number;
}

export function percentiles(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)], p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] };
}

/**
 * The floor: four statements (the page of cases joined to the applicant; household members joined
 * to persons, referrals and timeline events of those 100 cases, each `case_id IN (…)`), SLA states
 * computed with the hub's own pure rules (sla.rules.ts), instants written in CST as the hub's
 * DateTime does (formatCst), and the same JSON serialised — no HTTP, no GraphQL.
 */
export async function floorPage(sql: FloorSql, calendar: WorkingCalendar, today: string, slaDays: number, warningDays: number): Promise<string> {
  const cases = await sql.query<any[]>(
    `SELECT c.id, c.case_no, c.accepted_date, c.closed_date, p.name, p.id_number_masked FROM cases c JOIN persons p ON p.id = c.applicant_id
     ORDER BY c.accepted_at DESC, c.id DESC LIMIT 100`,
  );
  const ids = cases.map((c) => c.id);
  const [members, referrals, events] = await Promise.all([
    sql.query<any[]>(
      `SELECT h.case_id, h.relation, p.name, p.id_number_masked FROM household_members h JOIN persons p ON p.id = h.person_id WHERE h.case_id IN (?) ORDER BY h.case_id, h.position`,
      [ids],
    ),
    sql.query<any[]>(
      `SELECT id, case_id, status, accepted_date, sla_days, paused_days, pause_started, finished_date FROM referrals WHERE case_id IN (?) ORDER BY case_id, id`,
      [ids],
    ),
    sql.query<any[]>(`SELECT case_id, type, at, referral_id FROM timeline_events WHERE case_id IN (?) ORDER BY case_id, seq`, [ids]),
  ]);
  const group = <T extends { case_id: string }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const r of rows) (by.get(r.case_id) ?? by.set(r.case_id, []).get(r.case_id)!).push(r);
    return by;
  };
  const m = group(members);
  const r = group(referrals);
  const e = group(events);
  const edges = cases.map((c) => {
    const refs = (r.get(c.id) ?? []).map((x) => {
      const sla = referralSla(calendar, { acceptedDate: x.accepted_date, slaDays: x.sla_days, pausedDays: x.paused_days, pauseStarted: x.pause_started, finishedDate: x.finished_date }, today, warningDays);
      return { status: x.status, sla, cancelled: x.status === 'CANCELLED' };
    });
    const sla = caseSla(calendar, c.accepted_date, slaDays, refs, c.closed_date, today, warningDays);
    return {
      node: {
        id: c.id,
        caseNo: c.case_no,
        applicant: { name: c.name, idNumber: c.id_number_masked },
        household: (m.get(c.id) ?? []).map((h) => ({ relation: h.relation, person: { name: h.name, idNumber: h.id_number_masked } })),
        referrals: refs.map((x) => ({ status: x.status, sla: { state: x.sla.state, dueDate: x.sla.dueDate } })),
        sla: { state: sla.state },
        timeline: (e.get(c.id) ?? []).map((t) => ({ type: t.type, at: formatCst(new Date(t.at)), referral: t.referral_id ? { id: t.referral_id } : null })),
      },
    };
  });
  return JSON.stringify({ data: { cases: { edges } } });
}

export async function timePages(runs: number, page: () => Promise<string>, statements: () => number | Promise<number>): Promise<Timed> {
  for (let i = 0; i < 3; i++) await page(); // warm-up
  const times: number[] = [];
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const before = await statements();
    const t0 = performance.now();
    bytes = (await page()).length;
    times.push(performance.now() - t0);
    count = (await statements()) - before;
  }
  return { ...percentiles(times), statements: count, bytes };
}
