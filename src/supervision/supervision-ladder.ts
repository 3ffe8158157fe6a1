import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { cstDateOf, IsoDate } from '../common/dates';
import { newId } from '../common/ids';
import { UnitOfWork } from '../db/unit-of-work';
import { insertRows } from '../db/rows';
import { ReferralEntity } from '../referrals/referral.entity';
import { FINISHED_STATUSES, sqlStatusList } from '../referrals/referral-status';
import { whereAcknowledgementSla } from '../sla/acknowledgement.filters';
import { whereReferralSla } from '../sla/sla.filters';
import { SlaState } from '../sla/sla.rules';
import { SlaService } from '../sla/sla.service';
import { loopStandardFor } from '../sla/loop-standards';
import { appendTimeline } from '../timeline/timeline.service';
import { SupervisionNoticeEntity } from './supervision-notice.entity';
import { escalatesOn, LEVELS, nextLevel, NoticeStatus, SupervisedClock, SupervisionLevel, supervisorRegion } from './supervision-rules';

const PAGE = 200;

export interface LadderResult {
  raised: number;
  escalated: number;
  closed: number;
}

/**
 * The escalation ladder (督办), run with the SLA scan: notices whose step is done are closed; an
 * OVERDUE acknowledgement or resolution without a county notice gets one; a notice not answered by
 * its day, or whose promised date passed, moves up a level. Each notice is single by its unique key
 * (referral, clock, level) and each move is a guarded update, so two hub processes never raise or
 * escalate twice; each raise, answer, escalation and close is an event on the case's timeline.
 */
export class SupervisionLadder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly sla: SlaService,
    /** What else a raised notice does in its transaction (pushed to a PUSH department: the delivery outbox). */
    private readonly onRaised: (m: EntityManager, notice: SupervisionNoticeEntity, now: Date) => Promise<void> = async () => {},
  ) {}

  async run(now: Date): Promise<LadderResult> {
    const today = cstDateOf(now);
    const closed = await this.closeDone(now);
    let raised = 0;
    for (const clock of [SupervisedClock.ACKNOWLEDGEMENT, SupervisedClock.RESOLUTION]) raised += await this.raiseFor(clock, now, today);
    const escalated = await this.escalate(now, today);
    return { raised, escalated, closed };
  }

  /** Referrals OVERDUE on `clock` without a county notice for it: each gets one. */
  private async raiseFor(clock: SupervisedClock, now: Date, today: IsoDate): Promise<number> {
    let raised = 0;
    for (;;) {
      const page = await this.uow.read((m) => {
        const qb = m
          .getRepository(ReferralEntity)
          .createQueryBuilder('r')
          .leftJoin(SupervisionNoticeEntity, 'n', 'n.referral_id = r.id AND n.clock = :clock AND n.level = :level', { clock, level: SupervisionLevel.COUNTY })
          .where('n.id IS NULL');
        overdue(qb, clock, this.sla, today);
        return qb.limit(PAGE).getMany();
      });
      // A notice raised meanwhile by another process: INSERT IGNORE leaves it alone, and no event is written.
      for (const r of page) {
        if (await this.uow.transaction((m) => this.raise(m, r, clock, SupervisionLevel.COUNTY, clock === SupervisedClock.ACKNOWLEDGEMENT ? r.acknowledgeBy! : r.dueDate, now))) raised++;
      }
      if (page.length < PAGE) return raised;
    }
  }

  /** Raises one notice; false when it exists already. */
  private async raise(m: EntityManager, r: Pick<ReferralEntity, 'id' | 'caseId' | 'townshipCode' | 'department'>, clock: SupervisedClock, level: SupervisionLevel, dueDate: IsoDate, now: Date, id = newId(now)): Promise<boolean> {
    const today = cstDateOf(now);
    const respondBy = this.calendars.calendar.addWorkingDays(today, loopStandardFor(r.townshipCode, today).supervisionAnswerDays);
    const notice: SupervisionNoticeEntity = {
      id,
      referralId: r.id,
      caseId: r.caseId,
      townshipCode: r.townshipCode,
      department: r.department,
      clock,
      level,
      supervisorRegion: supervisorRegion(r.townshipCode, level),
      dueDate,
      raisedOn: today,
      raisedAt: now.toISOString(),
      respondBy,
      status: NoticeStatus.OPEN,
      answeredOn: null,
      answeredBy: null,
      answerReason: null,
      promisedDate: null,
      escalatedTo: null,
      closedOn: null,
      version: 1,
    };
    if ((await insertRows(m, SupervisionNoticeEntity, [notice], { ignore: true })) === 0) return false;
    await appendTimeline(m, now, [{ caseId: r.caseId, referralId: r.id, type: 'SUPERVISION_RAISED', actor: 'SYSTEM', params: { noticeId: id, clock, level, respondBy } }]);
    await this.onRaised(m, notice, now);
    return true;
  }

  /** Notices not answered by their day, or whose promised date passed: each moves up once. */
  private async escalate(now: Date, today: IsoDate): Promise<number> {
    const due = await this.uow.read((m) =>
      m
        .getRepository(SupervisionNoticeEntity)
        .createQueryBuilder('n')
        .where('((n.status = :open AND n.respond_by < :today) OR (n.status = :answered AND n.promised_date < :today))', { open: NoticeStatus.OPEN, answered: NoticeStatus.ANSWERED, today })
        // The top level's notices stay where they are, answered late or not at all.
        .andWhere('n.level IN (:...lower)', { lower: LEVELS.filter((l) => nextLevel(l) !== null) })
        .getMany(),
    );
    let escalated = 0;
    for (const n of due.filter((x) => escalatesOn(x, today))) {
      const moved = await this.uow.transaction(async (m) => {
        const to = nextLevel(n.level as SupervisionLevel)!;
        const toId = newId(now);
        const result = await m
          .createQueryBuilder()
          .update(SupervisionNoticeEntity)
          .set({ status: NoticeStatus.ESCALATED, escalatedTo: toId, closedOn: today, version: n.version + 1 })
          .where('id = :id AND version = :version', { id: n.id, version: n.version })
          .execute();
        if (!result.affected) return false; // another process moved it first
        const subject = { id: n.referralId, caseId: n.caseId, townshipCode: n.townshipCode, department: n.department };
        await this.raise(m, subject, n.clock as SupervisedClock, to, n.dueDate, now, toId);
        await appendTimeline(m, now, [{ caseId: n.caseId, referralId: n.referralId, type: 'SUPERVISION_ESCALATED', actor: 'SYSTEM', params: { noticeId: n.id, toNoticeId: toId, level: to } }]);
        return true;
      });
      if (moved) escalated++;
    }
    return escalated;
  }

  /** Open or answered notices whose step is done (acknowledged; or the referral finished) close. */
  private async closeDone(now: Date): Promise<number> {
    const today = cstDateOf(now);
    const done = await this.uow.read((m) =>
      m
        .getRepository(SupervisionNoticeEntity)
        .createQueryBuilder('n')
        .innerJoin(ReferralEntity, 'r', 'r.id = n.referral_id')
        .where('n.status IN (:...live)', { live: [NoticeStatus.OPEN, NoticeStatus.ANSWERED] })
        .andWhere(`(r.status IN ${sqlStatusList(FINISHED_STATUSES)} OR (n.clock = :ack AND r.acknowledged_date IS NOT NULL))`, { ack: SupervisedClock.ACKNOWLEDGEMENT })
        .getMany(),
    );
    let closed = 0;
    for (const n of done) {
      const ok = await this.uow.transaction(async (m) => {
        const result = await m
          .createQueryBuilder()
          .update(SupervisionNoticeEntity)
          .set({ status: NoticeStatus.CLOSED, closedOn: today, version: n.version + 1 })
          .where('id = :id AND version = :version', { id: n.id, version: n.version })
          .execute();
        if (!result.affected) return false;
        await appendTimeline(m, now, [{ caseId: n.caseId, referralId: n.referralId, type: 'SUPERVISION_CLOSED', actor: 'SYSTEM', params: { noticeId: n.id } }]);
        return true;
      });
      if (ok) closed++;
    }
    return closed;
  }
}

/** Referrals OVERDUE on the clock, today (the filters' own SQL forms). */
function overdue(qb: SelectQueryBuilder<ReferralEntity>, clock: SupervisedClock, sla: SlaService, today: IsoDate): void {
  if (clock === SupervisedClock.ACKNOWLEDGEMENT) whereAcknowledgementSla(qb, 'r', [SlaState.OVERDUE], sla.acknowledgementWindow(today));
  else whereReferralSla(qb, 'r', [SlaState.OVERDUE], sla.window(today));
}
