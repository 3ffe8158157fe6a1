import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { cstDateOf } from '../common/dates';
import { CalendarService } from '../calendar/calendar.service';
import { CaseEntity } from '../cases/case.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { PAUSED_STATUSES, RUNNING_STATUSES, sqlStatusList } from '../referrals/referral-status';
import { ClaimService } from '../referrals/claim.service';
import { appendTimeline, NewTimelineEvent } from '../timeline/timeline.service';
import { UnitOfWork } from '../db/unit-of-work';
import { insertRows } from '../db/rows';
import { SlaService } from './sla.service';
import { SlaWarningEntity } from './sla-warning.entity';
import { SlaState } from './sla.rules';
import { SlaWindow, whereCaseSla, whereReferralSla } from './sla.filters';
import { whereAcknowledgementSla } from './acknowledgement.filters';
import { pauseWindow, RUNNING_PAUSE_SQL } from './pause-clock';
import { ReferralPauseEntity } from '../referrals/referral-pause.entity';
import { RefusalNoticeEntity } from '../referrals/refusal-notice.entity';
import { REFUSAL_STATE_SQL, refusalWindow } from './refusal-notice-clock';

const PAGE = 500;
type Kind = 'SLA_AT_RISK' | 'SLA_OVERDUE';
const KINDS: Array<{ kind: Kind; state: SlaState }> = [
  { kind: 'SLA_AT_RISK', state: SlaState.AT_RISK },
  { kind: 'SLA_OVERDUE', state: SlaState.OVERDUE },
];
// The acknowledgement clock's warnings: their own kinds in sla_warnings, their own timeline events.
const ACKNOWLEDGEMENT_KINDS: Array<{ kind: WarningKind; event: WarningEvent; state: SlaState }> = [
  { kind: 'ACK_AT_RISK', event: 'ACKNOWLEDGEMENT_AT_RISK', state: SlaState.AT_RISK },
  { kind: 'ACK_OVERDUE', event: 'ACKNOWLEDGEMENT_OVERDUE', state: SlaState.OVERDUE },
];
// A pause's own clock (its maximum): warned once per pause, the pause row being the subject.
const PAUSE_KINDS: Array<{ kind: WarningKind; event: WarningEvent; state: SlaState }> = [
  { kind: 'PAUSE_AT_RISK', event: 'PAUSE_AT_RISK', state: SlaState.AT_RISK },
  { kind: 'PAUSE_OVERDUE', event: 'PAUSE_OVERDUE', state: SlaState.OVERDUE },
];
// Telling the applicant of a refusal (不予批准书面告知): warned once per refused referral.
const REFUSAL_KINDS: Array<{ kind: WarningKind; event: WarningEvent; state: SlaState }> = [
  { kind: 'REFUSAL_AT_RISK', event: 'REFUSAL_NOTICE_AT_RISK', state: SlaState.AT_RISK },
  { kind: 'REFUSAL_OVERDUE', event: 'REFUSAL_NOTICE_OVERDUE', state: SlaState.OVERDUE },
];
type WarningKind = Kind | 'ACK_AT_RISK' | 'ACK_OVERDUE' | 'PAUSE_AT_RISK' | 'PAUSE_OVERDUE' | 'REFUSAL_AT_RISK' | 'REFUSAL_OVERDUE';
type WarningEvent = Kind | 'ACKNOWLEDGEMENT_AT_RISK' | 'ACKNOWLEDGEMENT_OVERDUE' | 'PAUSE_AT_RISK' | 'PAUSE_OVERDUE' | 'REFUSAL_NOTICE_AT_RISK' | 'REFUSAL_NOTICE_OVERDUE';

export interface ScanResult {
  referralWarnings: number;
  caseWarnings: number;
  /** Warnings of the acknowledgement clock (受理时限). */
  acknowledgementWarnings: number;
  /** Warnings of pauses near or past their maximum. */
  pauseWarnings: number;
  /** Warnings of refusals not yet told to the applicant near or past their day. */
  refusalNoticeWarnings: number;
  leasesReleased: number;
  /** The follow-up's counts by name (public notices ended; supervision notices raised, escalated, closed). */
  followUp: Record<string, number>;
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
    /** What runs after the warnings in the same scan (督办: notices raised, escalated, closed), counted by name. */
    private readonly followUp: (now: Date) => Promise<Record<string, number>> = async () => ({}),
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
        referralWarnings += await this.warn(kind, kind, 'REFERRAL', now, (m) => {
          const qb = m
            .getRepository(ReferralEntity)
            .createQueryBuilder('r')
            .leftJoin(SlaWarningEntity, 'w', 'w.subject_id = r.id AND w.kind = :kind', { kind })
            .where('w.subject_id IS NULL')
            .andWhere(candidates('r'), candidateParameters(window));
          whereReferralSla(qb, 'r', [state], window, { candidates: false }); // its own, one range at a time
          return qb.limit(PAGE).getMany().then((rows) => rows.map((r) => ({ id: r.id, caseId: r.caseId, params: { dueDate: r.dueDate } })));
        });
        // A case is at risk or overdue only when an open referral of it is: its latest due date
        // is near or past, and an open case has an open referral.
        caseWarnings += await this.warn(kind, kind, 'CASE', now, (m) => {
          const qb = m
            .getRepository(CaseEntity)
            .createQueryBuilder('c')
            .leftJoin(SlaWarningEntity, 'w', 'w.subject_id = c.id AND w.kind = :kind', { kind })
            .where('w.subject_id IS NULL')
            .andWhere(`c.id IN (SELECT x.case_id FROM referrals x WHERE ${candidates('x')})`, candidateParameters(window));
          whereCaseSla(qb, 'c', [state], window, { candidates: false });
          return qb.limit(PAGE).getMany().then((rows) => rows.map((c) => ({ id: c.id, caseId: c.id, params: {} })));
        });
      }
    }
    // Referrals waiting for acknowledgement near or past their day: one range of idx_referrals_ack each.
    const ackWindow = this.sla.acknowledgementWindow(window.today);
    let acknowledgementWarnings = 0;
    for (const { kind, event, state } of ACKNOWLEDGEMENT_KINDS) {
      acknowledgementWarnings += await this.warn(kind, event, 'REFERRAL', now, (m) => {
        const qb = m
          .getRepository(ReferralEntity)
          .createQueryBuilder('r')
          .leftJoin(SlaWarningEntity, 'w', 'w.subject_id = r.id AND w.kind = :kind', { kind })
          .where('w.subject_id IS NULL');
        whereAcknowledgementSla(qb, 'r', [state], ackWindow);
        return qb.limit(PAGE).getMany().then((rows) => rows.map((r) => ({ id: r.id, caseId: r.caseId, params: { acknowledgeBy: r.acknowledgeBy } })));
      });
    }
    // Open pauses near or past their deadline: a range of idx_referral_pauses_open (ended_on IS NULL, deadline).
    const pauses = pauseWindow(this.sla.calendar, window.today);
    let pauseWarnings = 0;
    for (const { kind, event, state } of PAUSE_KINDS) {
      pauseWarnings += await this.warn(kind, event, 'PAUSE', now, (m) =>
        m
          .getRepository(ReferralPauseEntity)
          .createQueryBuilder('p')
          .leftJoin(SlaWarningEntity, 'w', 'w.subject_id = p.id AND w.kind = :kind', { kind })
          .where('w.subject_id IS NULL AND p.ended_on IS NULL')
          .andWhere(RUNNING_PAUSE_SQL[state]!, pauses)
          .limit(PAGE)
          .getMany()
          .then((rows) => rows.map((p) => ({ id: p.id, caseId: p.caseId, referralId: p.referralId, params: { pauseType: p.type, deadline: p.deadline } }))),
      );
    }
    // Refusals not yet told near or past their day: a range of idx_refusal_notices_open (told_on IS NULL, tell_by).
    const refusals = refusalWindow(this.sla.calendar, window.today);
    let refusalNoticeWarnings = 0;
    for (const { kind, event, state } of REFUSAL_KINDS) {
      refusalNoticeWarnings += await this.warn(kind, event, 'REFERRAL', now, (m) =>
        m
          .getRepository(RefusalNoticeEntity)
          .createQueryBuilder('n')
          .leftJoin(SlaWarningEntity, 'w', 'w.subject_id = n.referral_id AND w.kind = :kind', { kind })
          .where('w.subject_id IS NULL')
          .andWhere(REFUSAL_STATE_SQL[state], refusals)
          .limit(PAGE)
          .getMany()
          .then((rows) => rows.map((n) => ({ id: n.id, caseId: n.caseId, params: { tellBy: n.tellBy } }))),
      );
    }
    return { referralWarnings, caseWarnings, acknowledgementWarnings, pauseWarnings, refusalNoticeWarnings, leasesReleased, followUp: await this.followUp(now) };
  }

  /**
   * Warns every subject `page` finds, a page per transaction, until none is left: the page is
   * read inside the transaction (so a subject finished meanwhile is not warned), and each one
   * read is warned or was warned already, so the anti-join moves on.
   */
  private async warn(kind: WarningKind, event: WarningEvent, subjectType: SubjectType, now: Date, page: PageOfSubjects): Promise<number> {
    let added = 0;
    for (;;) {
      let outcome: { read: number; warned: number };
      try {
        outcome = await this.uow.transaction((m) => this.warnPage(m, kind, event, subjectType, now, page, true));
      } catch (error) {
        if (!(error instanceof ContendedPage)) throw error;
        outcome = await this.uow.transaction((m) => this.warnPage(m, kind, event, subjectType, now, page, false));
      }
      added += outcome.warned;
      if (outcome.read < PAGE) return added;
    }
  }

  /**
   * One page: its warnings in one multi-row INSERT IGNORE (`together`), and a timeline event for
   * each. When another process warned some of them meanwhile, the insert cannot say which: the
   * page is rolled back (ContendedPage) and done again a subject at a time, each INSERT IGNORE
   * saying whether it was this one's — so every warning still gets exactly one event.
   */
  private async warnPage(m: EntityManager, kind: WarningKind, event: WarningEvent, subjectType: SubjectType, now: Date, page: PageOfSubjects, together: boolean) {
    const subjects = await page(m);
    const at = now.toISOString();
    const warning = (s: { id: string }) => ({ subjectId: s.id, kind, subjectType, createdAt: at });
    let warned = subjects;
    if (together) {
      if ((await insertRows(m, SlaWarningEntity, subjects.map(warning), { ignore: true })) !== subjects.length) throw new ContendedPage();
    } else {
      warned = [];
      for (const s of subjects) {
        // 0 rows inserted: another process (or an earlier scan) warned already.
        if ((await insertRows(m, SlaWarningEntity, [warning(s)], { ignore: true })) > 0) warned.push(s);
      }
    }
    const events = warned.map((s) => ({
      caseId: s.caseId,
      referralId: subjectType === 'REFERRAL' ? s.id : (s.referralId ?? null),
      type: event,
      actor: 'SYSTEM',
      params: s.params,
    })) as NewTimelineEvent[];
    await appendTimeline(m, now, events);
    return { read: subjects.length, warned: events.length };
  }
}

type SubjectType = 'CASE' | 'REFERRAL' | 'PAUSE';
type PageOfSubjects = (m: EntityManager) => Promise<Array<{ id: string; caseId: string; referralId?: string; params: Record<string, unknown> }>>;

/** A page's warnings met another process's: it is done again a subject at a time. */
class ContendedPage extends Error {}

// The only open referrals that can be at risk or overdue, each set an index range: running ones
// due by the warning limit (status, due_date), paused ones with few days left (status, paused_days_left).
const CANDIDATES: Array<(alias: string) => string> = [
  (a) => `(${a}.status IN ${sqlStatusList(RUNNING_STATUSES)} AND ${a}.due_date <= :candidateDue)`,
  (a) => `(${a}.status IN ${sqlStatusList(PAUSED_STATUSES)} AND ${a}.paused_days_left <= :candidateLeft)`,
];

function candidateParameters(window: SlaWindow) {
  return { candidateDue: window.riskLimit, candidateLeft: window.warningDays };
}
