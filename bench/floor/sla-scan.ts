import { monotonicFactory } from 'ulid';
import { FINISHED_STATUSES, PAUSED_STATUSES, RUNNING_STATUSES, sqlStatusList } from '../../src/referrals/referral-status';
import type { SlaWindow } from '../../src/sla/sla.filters';
import { appendEvents, FloorSql, placeholders } from './floor-sql';

// The SLA scan, the floor's side: the same marking as SlaScanner.scan() — every open referral and
// open case AT_RISK or OVERDUE today without a warning of that kind gets one row in sla_warnings
// and one timeline event — in hand-written statements. Per kind and subject, pages of 500 (as the
// hub): one SELECT of the page (anti-join on sla_warnings over the two candidate index ranges),
// then in the same transaction one multi-row INSERT IGNORE of the warnings, the cases' last seq, and
// one multi-row INSERT of the events. The case query is the aggregate form in bench/README.md
// (GROUP BY the case, MAX over its non-cancelled referrals; an OPEN case always has one).

const PAGE = 500;
const RUNNING = sqlStatusList(RUNNING_STATUSES);
const FINISHED = sqlStatusList(FINISHED_STATUSES);

/** "Not past its due date" and "more than W working days left" of referral `a` (as sla.filters.ts). */
const leftAtLeastZero = (a: string) =>
  `((${a}.pause_started IS NULL AND ${a}.due_date >= :today) OR (${a}.pause_started IS NOT NULL AND (${a}.paused_days_left > 0 OR (${a}.paused_days_left = 0 AND :working = 1))))`;
const leftAboveWarning = (a: string) => `((${a}.pause_started IS NULL AND ${a}.due_date > :risk) OR (${a}.pause_started IS NOT NULL AND ${a}.paused_days_left > :w))`;
const RANGES = (a: string) => [`${a}.status IN ${RUNNING} AND ${a}.due_date <= :risk`, `${a}.status IN ${sqlStatusList(PAUSED_STATUSES)} AND ${a}.paused_days_left <= :w`];

type Kind = 'SLA_AT_RISK' | 'SLA_OVERDUE';

function referralPage(kind: Kind): string {
  const state = kind === 'SLA_AT_RISK' ? `${leftAtLeastZero('r')} AND NOT ${leftAboveWarning('r')}` : `NOT ${leftAtLeastZero('r')}`;
  return RANGES('r')
    .map(
      (range) => `(SELECT r.id, r.case_id, r.due_date FROM referrals r LEFT JOIN sla_warnings w ON w.subject_id = r.id AND w.kind = '${kind}'
        WHERE ${range} AND w.subject_id IS NULL AND r.status NOT IN ${FINISHED} AND ${state} LIMIT ${PAGE})`,
    )
    .join(' UNION ALL ');
}

function casePage(kind: Kind): string {
  const having =
    kind === 'SLA_AT_RISK'
      ? `MAX(CASE WHEN ${leftAboveWarning('r')} THEN 1 ELSE 0 END) = 0 AND MAX(CASE WHEN ${leftAtLeastZero('r')} THEN 1 ELSE 0 END) = 1`
      : `MAX(CASE WHEN ${leftAtLeastZero('r')} THEN 1 ELSE 0 END) = 0`;
  const candidates = RANGES('x').map((range) => `SELECT x.case_id FROM referrals x WHERE ${range}`).join(' UNION ');
  return `SELECT c.id, c.id AS case_id, NULL AS due_date FROM (${candidates}) k JOIN cases c ON c.id = k.case_id
    LEFT JOIN sla_warnings w ON w.subject_id = c.id AND w.kind = '${kind}'
    JOIN referrals r ON r.case_id = c.id AND r.status <> 'CANCELLED'
    WHERE w.subject_id IS NULL AND c.status = 'OPEN' GROUP BY c.id HAVING ${having} LIMIT ${PAGE}`;
}

/** Named :parameters into literals (the values are dates and small numbers the bench made). */
function bind(sql: string, w: SlaWindow): string {
  const values: Record<string, string> = { today: `'${w.today}'`, risk: `'${w.riskLimit}'`, w: String(w.warningDays), working: w.todayWorking ? '1' : '0' };
  return sql.replace(/:(today|risk|working|w)\b/g, (_, name: string) => values[name]);
}

export interface FloorScanResult {
  referralWarnings: number;
  caseWarnings: number;
}

export async function floorScan(sql: FloorSql, window: SlaWindow, now: Date): Promise<FloorScanResult> {
  const ulid = monotonicFactory();
  const iso = now.toISOString();
  const result: FloorScanResult = { referralWarnings: 0, caseWarnings: 0 };
  for (const kind of ['SLA_AT_RISK', 'SLA_OVERDUE'] as const) {
    for (const subject of ['REFERRAL', 'CASE'] as const) {
      const page = bind(subject === 'REFERRAL' ? referralPage(kind) : casePage(kind), window);
      for (;;) {
        const read = await sql.transaction(async (q) => {
          const rows: Array<{ id: string; case_id: string; due_date: string | null }> = await q(page);
          if (rows.length === 0) return 0;
          const inserted = await q(`INSERT IGNORE INTO sla_warnings (subject_id, kind, subject_type, created_at) VALUES ${placeholders(rows.length, 4)}`, rows.flatMap((r) => [r.id, kind, subject, iso]));
          await appendEvents(
            q,
            () => ulid(now.getTime()),
            iso,
            rows.map((r) => ({
              caseId: r.case_id,
              referralId: subject === 'REFERRAL' ? r.id : null,
              type: kind,
              actor: 'SYSTEM',
              params: subject === 'REFERRAL' ? { dueDate: r.due_date } : {},
            })),
          );
          // One process and the page read by anti-join in this transaction: every row read is new.
          if (subject === 'REFERRAL') result.referralWarnings += inserted.affectedRows;
          else result.caseWarnings += inserted.affectedRows;
          return rows.length;
        });
        // The referral page is two ranges of up to PAGE each; a short read means nothing is left.
        if (read < PAGE) break;
      }
    }
  }
  return result;
}

/** Removes what a scan at `now` added, so that the other side marks the same subjects again. */
export async function undoScan(sql: FloorSql, now: Date): Promise<void> {
  const iso = now.toISOString();
  await sql.query('DELETE FROM sla_warnings WHERE created_at = ?', [iso]);
  await sql.query(`DELETE FROM timeline_events WHERE at = ? AND type IN ('SLA_AT_RISK', 'SLA_OVERDUE')`, [iso]);
}
