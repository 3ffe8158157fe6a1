import { Clock } from '../../common/clock';
import { cstDateOf, IsoDate } from '../../common/dates';
import { newId } from '../../common/ids';
import { CalendarService } from '../../calendar/calendar.service';
import { UnitOfWork } from '../../db/unit-of-work';
import { insertRows } from '../../db/rows';
import { SlaService } from '../../sla/sla.service';
import { RegisterReviewEntity, ReviewStatus } from './review.entity';
import { reviewDeadline } from './review-rules';

const PAGE = 1000;

export interface ReviewRun {
  /** Tasks this run made (a task another process made first is not counted). */
  created: number;
  atRisk: number;
  overdue: number;
}

/**
 * The review job (定期复核): makes a task for every household whose next review date has come
 * and that has none for that date, then marks the open tasks that have become AT_RISK or OVERDUE.
 * "Once per household and period" is the unique key (tier record, due date) and an insert that
 * skips a duplicate, so a second hub process or a catch-up after downtime makes no second task;
 * the marks are set only where still empty. One pass over the due households in (date, id) order:
 * an index range, each page its own transaction.
 */
export class ReviewScheduler {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly sla: SlaService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<ReviewRun> {
    const now = this.clock.now();
    const today = cstDateOf(now);
    await this.calendars.load(); // another process may have published a year
    const created = await this.createDue(today, now);
    const { atRisk, overdue } = await this.mark(today, now);
    return { created, atRisk, overdue };
  }

  private async createDue(today: IsoDate, now: Date): Promise<number> {
    let created = 0;
    let after: [string, string] = ['', ''];
    for (;;) {
      const page = await this.uow.transaction(async (m) => {
        const rows: DueRow[] = await m
          .createQueryBuilder()
          .select(['h.id AS id', 'h.township_code AS township', 'h.county_code AS county', 'h.tier AS tier', 'h.next_review_date AS due', 't.id AS tierRecord'])
          .from('register_households', 'h')
          .innerJoin('register_tiers', 't', 't.household_id = h.id AND t.effective_to IS NULL')
          .leftJoin('register_reviews', 'v', 'v.tier_record_id = t.id AND v.due_date = h.next_review_date')
          .where('h.next_review_date <= :today', { today })
          .andWhere('(h.next_review_date > :afterDue OR (h.next_review_date = :afterDue AND h.id > :afterId))', { afterDue: after[0], afterId: after[1] })
          .andWhere('h.tier IS NOT NULL AND v.id IS NULL')
          .orderBy('h.next_review_date', 'ASC')
          .addOrderBy('h.id', 'ASC')
          .limit(PAGE)
          .getRawMany();
        const calendar = this.calendars.calendar;
        const at = now.toISOString();
        const tasks: RegisterReviewEntity[] = rows.map((r) => ({
          id: newId(now),
          householdId: r.id,
          tierRecordId: r.tierRecord,
          tier: r.tier,
          townshipCode: r.township,
          countyCode: r.county,
          dueDate: r.due,
          ...reviewDeadline(calendar, r.due, r.township),
          status: ReviewStatus.OPEN,
          outcome: null,
          completedOn: null,
          completedBy: null,
          completedAt: null,
          note: null,
          newTierRecordId: null,
          atRiskAt: null,
          overdueAt: null,
          createdAt: at,
          version: 1,
        }));
        // A household another process gave its task meanwhile is skipped, not doubled.
        created += await insertRows(m, RegisterReviewEntity, tasks, { ignore: true });
        return rows;
      });
      if (page.length < PAGE) return created;
      const last = page[page.length - 1];
      after = [last.due, last.id];
    }
  }

  /** Marks each open task once when it is first found AT_RISK, and once OVERDUE: two range updates. */
  private async mark(today: IsoDate, now: Date): Promise<{ atRisk: number; overdue: number }> {
    const window = this.sla.window(today);
    const at = now.toISOString();
    return this.uow.transaction(async (m) => {
      const risk = await m
        .createQueryBuilder()
        .update(RegisterReviewEntity)
        .set({ atRiskAt: at })
        .where('status = :open AND deadline_date >= :today AND deadline_date <= :limit AND at_risk_at IS NULL', { open: ReviewStatus.OPEN, today, limit: window.riskLimit })
        .execute();
      const late = await m
        .createQueryBuilder()
        .update(RegisterReviewEntity)
        .set({ overdueAt: at })
        .where('status = :open AND deadline_date < :today AND overdue_at IS NULL', { open: ReviewStatus.OPEN, today })
        .execute();
      return { atRisk: risk.affected ?? 0, overdue: late.affected ?? 0 };
    });
  }
}

interface DueRow {
  id: string;
  township: string;
  county: string;
  tier: string;
  due: string;
  tierRecord: string;
}
