import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { cstDateOf } from '../calendar/working-days';
import { CalendarService } from '../calendar/calendar.service';
import { CaseEntity } from '../intake/case.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { PAUSED_STATUS, RUNNING_STATUSES, sqlStatusList } from '../referrals/referral-status';
import { ClaimService } from '../referrals/claim.service';
import { appendTimeline, NewTimelineEvent } from '../timeline/timeline.service';
import { insertIgnore, UnitOfWork } from '../db/unit-of-work';
import { SlaService } from './sla.service';
import { SlaWarningEntity } from './sla-warning.entity';
import { SlaState } from './sla.rules';
import { SlaWindow, whereCaseSla, whereReferralSla } from './sla.filters';

const PAGE = 500;
type Kind = 'SLA_AT_RISK' | 'SLA_OVERDUE';
const KINDS: Array<{ kind: Kind; state: SlaState }> = [
  { kind: 'SLA_AT_RISK', state: SlaState.AT_RISK },
  { kind: 'SLA_OVERDUE', state: SlaState.OVERDUE },
];

export interface ScanResult {
  referralWarnings: number;
  caseWarnings: number;
  leasesReleased: number;
}

/**
 * 预警: appends SLA_AT_RISK and SLA_OVERDUE once per subject. "Once" is the primary key of
 * sla_warnings and an insert that ignores the duplicate, so restarts and a second hub process
 * cannot double a warning. Reads only open items in the state in question that have no warning
 * of that kind yet (an anti-join), in pages.
 */
export class SlaScanner {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly sla: SlaService,
    private readonly claims: ClaimService,
    private readonly clock: Clock,
  ) {}

  async scan(): Promise<ScanResult> {
    const now = this.clock.now();
    await this.calendars.load(); // another hub process may have published a year
    // SQLite plans from statistics only ANALYZE gathers; `optimize` refreshes them when useful
    // (without them it walks every open case instead of looking candidates up).
    if (this.uow.kind === 'sqlite') await this.uow.read((m) => m.query('PRAGMA optimize'));
    const leasesReleased = await this.claims.releaseExpiredLeases(now);
    const window = this.sla.window(cstDateOf(now));
    let referralWarnings = 0;
    let caseWarnings = 0;
    for (const { kind, state } of KINDS) {
      for (const candidates of CANDIDATES) {
        referralWarnings += await this.warn(kind, 'REFERRAL', now, (m) => {
          const qb = m
            .getRepository(ReferralEntity)
            .createQueryBuilder('r')
            .leftJoin(SlaWarningEntity, 'w', 'w.subject_id = r.id AND w.kind = :kind', { kind })
            .where('w.subject_id IS NULL')
            .andWhere(candidates('r'), candidateParameters(window));
          whereReferralSla(qb, 'r', [state], window, { candidates: false }); // its own, one range at a time
          return qb.limit(PAGE).getMany().then((rows) => rows.map((r) => ({ id: r.id, caseId: r.caseId, due: r.dueDate })));
        });
        // A case is at risk or overdue only when an open referral of it is: its latest due date
        // is near or past, and an open case has an open referral.
        caseWarnings += await this.warn(kind, 'CASE', now, (m) => {
          const qb = m
            .getRepository(CaseEntity)
            .createQueryBuilder('c')
            .leftJoin(SlaWarningEntity, 'w', 'w.subject_id = c.id AND w.kind = :kind', { kind })
            .where('w.subject_id IS NULL')
            .andWhere(`c.id IN (SELECT x.case_id FROM referrals x WHERE ${candidates('x')})`, candidateParameters(window));
          whereCaseSla(qb, 'c', [state], window, { candidates: false });
          return qb.limit(PAGE).getMany().then((rows) => rows.map((c) => ({ id: c.id, caseId: c.id, due: null })));
        });
      }
    }
    return { referralWarnings, caseWarnings, leasesReleased };
  }

  /**
   * Warns every subject `page` finds, a page per transaction, until none is left: the page is
   * read inside the transaction (so a subject finished meanwhile is not warned), and each one
   * read is warned or was warned already, so the anti-join moves on.
   */
  private async warn(
    kind: Kind,
    subjectType: 'CASE' | 'REFERRAL',
    now: Date,
    page: (m: EntityManager) => Promise<Array<{ id: string; caseId: string; due: string | null }>>,
  ): Promise<number> {
    let added = 0;
    for (;;) {
      const { read, warned } = await this.uow.transaction(async (m) => {
        const subjects = await page(m);
        const events: NewTimelineEvent[] = [];
        for (const s of subjects) {
          const inserted = await insertIgnore(m, 'sla_warnings', { subject_id: s.id, kind, subject_type: subjectType, created_at: now.toISOString() });
          if (inserted === 0) continue; // another process (or an earlier scan) warned already
          events.push({
            caseId: s.caseId,
            referralId: subjectType === 'REFERRAL' ? s.id : null,
            type: kind,
            actor: 'SYSTEM',
            params: subjectType === 'REFERRAL' ? { dueDate: s.due } : {},
          });
        }
        await appendTimeline(m, now, events);
        return { read: subjects.length, warned: events.length };
      });
      added += warned;
      if (read < PAGE) return added;
    }
  }
}

// The only open referrals that can be at risk or overdue, each set an index range: running ones
// due by the warning limit (status, due_date), paused ones with few days left (status, paused_days_left).
const CANDIDATES: Array<(alias: string) => string> = [
  (a) => `(${a}.status IN ${sqlStatusList(RUNNING_STATUSES)} AND ${a}.due_date <= :candidateDue)`,
  (a) => `(${a}.status = '${PAUSED_STATUS}' AND ${a}.paused_days_left <= :candidateLeft)`,
];

function candidateParameters(window: SlaWindow) {
  return { candidateDue: window.riskLimit, candidateLeft: window.warningDays };
}
