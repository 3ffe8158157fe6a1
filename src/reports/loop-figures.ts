import { EntityManager } from 'typeorm';
import { whereInRegion } from '../access/region';
import { IsoDate } from '../common/dates';
import { ReferralPauseEntity } from '../referrals/referral-pause.entity';
import { SupervisionNoticeEntity } from '../supervision/supervision-notice.entity';
import { NoticeStatus, SupervisionLevel } from '../supervision/supervision-rules';
import { PauseType } from '../sla/loop-standards';

// The closed loop's figures in a report: supervision notices per department and pauses per type.
// Counted live for the period (a notice exists only for an overdue step and a pause only for a
// stopped clock: a few rows per hundred referrals, each an index range of the period), so a report
// counts them the same way whether or not its days are rolled up.

export interface NoticeFigures {
  /** County notices raised in the period (the ladder's first rung: one per overdue step). */
  raised: number;
  /** Of the period's notices of every level, those answered by their day. */
  answeredOnTime: number;
  /** Notices of the period that moved up a level. */
  escalated: number;
  /** Notices waiting for an answer now (OPEN, any level, whenever raised). */
  open: number;
}

export interface PauseFigures {
  type: PauseType;
  /** Pauses begun in the period. */
  started: number;
  /** Pauses ended in the period, and of those the ones ended by their deadline. */
  ended: number;
  endedInTime: number;
  /** Pauses running now past their deadline. */
  openOverdue: number;
}

/** Notice figures by department for a region and period. */
export async function noticeFigures(m: EntityManager, region: string, from: IsoDate, to: IsoDate): Promise<Map<string, NoticeFigures>> {
  const notices = () => whereInRegion(m.getRepository(SupervisionNoticeEntity).createQueryBuilder('n'), 'n.township_code', region);
  const period = await notices()
    .select('n.department', 'department')
    .addSelect(`SUM(CASE WHEN n.level = '${SupervisionLevel.COUNTY}' THEN 1 ELSE 0 END)`, 'raised')
    .addSelect('SUM(CASE WHEN n.answered_on IS NOT NULL AND n.answered_on <= n.respond_by THEN 1 ELSE 0 END)', 'answeredOnTime')
    .addSelect(`SUM(CASE WHEN n.status = '${NoticeStatus.ESCALATED}' THEN 1 ELSE 0 END)`, 'escalated')
    .andWhere('n.raised_on >= :from AND n.raised_on <= :to', { from, to })
    .groupBy('n.department')
    .getRawMany<{ department: string; raised: unknown; answeredOnTime: unknown; escalated: unknown }>();
  const open = await notices()
    .select('n.department', 'department')
    .addSelect('COUNT(*)', 'n')
    .andWhere('n.status = :open', { open: NoticeStatus.OPEN })
    .groupBy('n.department')
    .getRawMany<{ department: string; n: unknown }>();
  const out = new Map<string, NoticeFigures>();
  const of = (d: string) => out.get(d) ?? out.set(d, { raised: 0, answeredOnTime: 0, escalated: 0, open: 0 }).get(d)!;
  for (const r of period) Object.assign(of(r.department), { raised: Number(r.raised), answeredOnTime: Number(r.answeredOnTime), escalated: Number(r.escalated) });
  for (const r of open) of(r.department).open = Number(r.n);
  return out;
}

/** Pause figures by type (every type has a row) for a region and period; `today` judges the running ones. */
export async function pauseFigures(m: EntityManager, region: string, from: IsoDate, to: IsoDate, today: IsoDate): Promise<PauseFigures[]> {
  const pauses = () => whereInRegion(m.getRepository(ReferralPauseEntity).createQueryBuilder('p'), 'p.township_code', region).select('p.type', 'type').groupBy('p.type');
  const count = async (build: (qb: ReturnType<typeof pauses>) => unknown, extra = '0') => {
    const qb = pauses().addSelect('COUNT(*)', 'n').addSelect(extra, 'inTime');
    build(qb);
    return new Map((await qb.getRawMany<{ type: string; n: unknown; inTime: unknown }>()).map((r) => [r.type, { n: Number(r.n), inTime: Number(r.inTime) }]));
  };
  const started = await count((qb) => qb.andWhere('p.started_on >= :from AND p.started_on <= :to', { from, to }));
  const ended = await count((qb) => qb.andWhere('p.ended_on >= :from AND p.ended_on <= :to', { from, to }), 'SUM(CASE WHEN p.deadline IS NOT NULL AND p.ended_on <= p.deadline THEN 1 ELSE 0 END)');
  const overdue = await count((qb) => qb.andWhere('p.ended_on IS NULL AND p.deadline < :today', { today }));
  return Object.values(PauseType).map((type) => ({
    type,
    started: started.get(type)?.n ?? 0,
    ended: ended.get(type)?.n ?? 0,
    endedInTime: ended.get(type)?.inTime ?? 0,
    openOverdue: overdue.get(type)?.n ?? 0,
  }));
}
