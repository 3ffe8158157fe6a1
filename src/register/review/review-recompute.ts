import { UnitOfWork } from '../../db/unit-of-work';
import { WorkingCalendar } from '../../calendar/working-days';
import { RegisterReviewEntity, ReviewStatus } from './review.entity';
import { reviewDeadline } from './review-rules';

const PAGE = 500;

/**
 * After a year is published, the open review tasks whose deadline was provisional or lies in that
 * year or later get the deadline the new calendar gives (as referrals' due dates do,
 * sla/due-date-recompute.ts). Paged by id; a task changed meanwhile keeps what its writer wrote.
 */
export async function recomputeReviewDeadlines(uow: UnitOfWork, calendar: () => WorkingCalendar, year: number): Promise<number> {
  let changed = 0;
  let afterId = '';
  for (;;) {
    const page = await uow.read((m) =>
      m
        .getRepository(RegisterReviewEntity)
        .createQueryBuilder('v')
        .where('v.status = :open', { open: ReviewStatus.OPEN })
        .andWhere('(v.deadline_provisional = :yes OR v.deadline_date >= :start)', { yes: true, start: `${year}-01-01` })
        .andWhere('v.id > :afterId', { afterId })
        .orderBy('v.id', 'ASC')
        .limit(PAGE)
        .getMany(),
    );
    if (page.length === 0) return changed;
    afterId = page[page.length - 1].id;
    const cal = calendar();
    await uow.transaction(async (m) => {
      for (const v of page) {
        const next = reviewDeadline(cal, v.dueDate, v.townshipCode);
        if (next.deadlineDate === v.deadlineDate && next.deadlineProvisional === Boolean(v.deadlineProvisional)) continue;
        const result = await m
          .createQueryBuilder()
          .update(RegisterReviewEntity)
          .set({ ...next, version: () => 'version + 1' })
          .where('id = :id AND version = :version', { id: v.id, version: v.version })
          .execute();
        changed += result.affected ?? 0;
      }
    });
  }
}
