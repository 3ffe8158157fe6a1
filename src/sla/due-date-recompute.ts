import { UnitOfWork } from '../db/unit-of-work';
import { WorkingCalendar } from '../calendar/working-days';
import { ReferralEntity } from '../referrals/referral.entity';
import { recomputeClock } from './sla-clock';
import { recomputeAcknowledgementClock } from './acknowledgement-clock';
import { RefusalNoticeEntity } from '../referrals/refusal-notice.entity';
import { refusalNoticeDeadline } from './refusal-notice-clock';

const PAGE = 500;

/**
 * After a year is published, recomputes the stored due dates that may fall in it: every
 * referral whose due date or acknowledgement day was provisional or lies in that year or later. Paged by id; each page
 * its own transaction. A referral changed concurrently keeps the value its own transition wrote
 * (transitions compute due dates with the calendar in force). Returns how many changed.
 */
export async function recomputeDueDates(uow: UnitOfWork, calendar: () => WorkingCalendar, year: number, now: Date): Promise<number> {
  let changed = 0;
  let afterId = '';
  for (;;) {
    const page = await uow.read((m) =>
      m
        .getRepository(ReferralEntity)
        .createQueryBuilder('r')
        .where('(r.due_provisional = :yes OR r.due_date >= :start OR r.ack_provisional = :yes OR r.acknowledge_by >= :start)', { yes: true, start: `${year}-01-01` })
        .andWhere('r.id > :afterId', { afterId })
        .orderBy('r.id', 'ASC')
        .limit(PAGE)
        .getMany(),
    );
    if (page.length === 0) return changed + (await recomputeRefusalNotices(uow, calendar(), year));
    afterId = page[page.length - 1].id;
    const cal = calendar();
    await uow.transaction(async (m) => {
      for (const r of page) {
        const next = { ...recomputeClock(cal, r), ...recomputeAcknowledgementClock(cal, r) };
        const same =
          next.dueDate === r.dueDate &&
          next.dueProvisional === Boolean(r.dueProvisional) &&
          next.pausedDaysLeft === r.pausedDaysLeft &&
          (next.acknowledgeBy === undefined || (next.acknowledgeBy === r.acknowledgeBy && next.ackProvisional === Boolean(r.ackProvisional)));
        if (same) continue;
        const result = await m
          .createQueryBuilder()
          .update(ReferralEntity)
          .set({ ...next, updatedAt: now.toISOString(), version: () => 'version + 1' })
          .where('id = :id AND version = :version', { id: r.id, version: r.version })
          .execute();
        changed += result.affected ?? 0;
      }
    });
  }
}

/** The same for the days applicants are to be told of refusals by (told ones too: MET or MISSED is judged against the official day). */
async function recomputeRefusalNotices(uow: UnitOfWork, cal: WorkingCalendar, year: number): Promise<number> {
  const rows = await uow.read((m) =>
    m
      .getRepository(RefusalNoticeEntity)
      .createQueryBuilder('n')
      .where('n.tell_provisional = :yes OR n.tell_by >= :start', { yes: true, start: `${year}-01-01` })
      .getMany(),
  );
  let changed = 0;
  for (const n of rows) {
    const next = refusalNoticeDeadline(cal, n.townshipCode, n.refusedOn, n.noticeDays);
    if (next.tellBy === n.tellBy && next.tellProvisional === Boolean(n.tellProvisional)) continue;
    const result = await uow.transaction((m) =>
      m.createQueryBuilder().update(RefusalNoticeEntity).set({ tellBy: next.tellBy, tellProvisional: next.tellProvisional }).where('referral_id = :id', { id: n.id }).execute(),
    );
    changed += result.affected ?? 0;
  }
  return changed;
}
