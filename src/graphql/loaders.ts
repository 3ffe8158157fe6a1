import DataLoader from 'dataloader';
import { ReferralPauseEntity } from '../referrals/referral-pause.entity';
import { NoticeObjectionEntity } from '../referrals/notice-objection.entity';
import { RefusalNoticeEntity } from '../referrals/refusal-notice.entity';
import { WarningHitEntity } from '../monitoring/warning.entity';
import { ObjectLiteral } from 'typeorm';
import { placeholders, selectRows } from '../db/rows';
import { UnitOfWork } from '../db/unit-of-work';
import { CaseEntity } from '../cases/case.entity';
import { PersonEntity } from '../intake/person.entity';
import { HouseholdMemberEntity } from '../intake/household-member.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { TimelineEventEntity } from '../timeline/timeline-event.entity';

/** Per-request batching: one statement per kind of thing per tick, whatever the page size. */
export interface Loaders {
  caseById: DataLoader<string, CaseEntity | null>;
  personById: DataLoader<string, PersonEntity | null>;
  referralById: DataLoader<string, ReferralEntity | null>;
  householdByCase: DataLoader<string, HouseholdMemberEntity[]>;
  referralsByCase: DataLoader<string, ReferralEntity[]>;
  timelineByCase: DataLoader<string, TimelineEventEntity[]>;
  /** A referral's pauses (暂停计时), in the order they began. */
  pausesByReferral: DataLoader<string, ReferralPauseEntity[]>;
  /** Objections to a referral's public notices (公示异议), oldest first. */
  objectionsByReferral: DataLoader<string, NoticeObjectionEntity[]>;
  /** A refused referral's telling of the applicant (不予批准书面告知): none or one. */
  refusalNoticeByReferral: DataLoader<string, RefusalNoticeEntity[]>;
  /** A warning's hits (预警依据), oldest first: one statement for a page of warnings. */
  hitsByWarning: DataLoader<string, WarningHitEntity[]>;
  /** New, empty loaders on the same database. */
  fresh(): Loaders;
}

function byId<T extends { id: string }>(uow: UnitOfWork, entity: new () => T): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await uow.read((m) => selectRows(m, entity, `id IN (${placeholders(ids.length)})`, [...ids]));
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Rows grouped by `key` (property) read by its `column`, each group ordered by `orderBy` (SQL). */
function groupBy<T extends ObjectLiteral>(uow: UnitOfWork, entity: new () => T, key: keyof T & string, column: string, orderBy: string): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await uow.read((m) => selectRows(m, entity, `${column} IN (${placeholders(keys.length)}) ORDER BY ${orderBy}`, [...keys]));
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(row[key] as unknown as string)?.push(row);
    return keys.map((k) => groups.get(k)!);
  });
}

/**
 * Loaders that feed each other: a household comes with its people (the applicant is the SELF
 * member, so Case.applicant costs nothing more), and a case's referrals are primed by id for the
 * timeline's `referral` field. A page of cases then costs one statement per kind of row.
 */
export function createLoaders(uow: UnitOfWork): Loaders {
  const personById = byId(uow, PersonEntity);
  const referralById = byId(uow, ReferralEntity);
  const members = groupBy(uow, HouseholdMemberEntity, 'caseId', 'case_id', 'position');
  const referrals = groupBy(uow, ReferralEntity, 'caseId', 'case_id', 'id');
  return {
    caseById: byId(uow, CaseEntity),
    personById,
    referralById,
    householdByCase: new DataLoader(async (caseIds) => {
      const groups = await members.loadMany(caseIds);
      const rows = groups.flatMap((g) => (g instanceof Error ? [] : g));
      await personById.loadMany([...new Set(rows.map((m) => m.personId))]);
      return groups;
    }),
    referralsByCase: new DataLoader(async (caseIds) => {
      const groups = await referrals.loadMany(caseIds);
      for (const g of groups) if (!(g instanceof Error)) for (const r of g) referralById.prime(r.id, r);
      return groups;
    }),
    timelineByCase: groupBy(uow, TimelineEventEntity, 'caseId', 'case_id', 'seq'),
    pausesByReferral: groupBy(uow, ReferralPauseEntity, 'referralId', 'referral_id', 'started_at, id'),
    objectionsByReferral: groupBy(uow, NoticeObjectionEntity, 'referralId', 'referral_id', 'received_at, id'),
    refusalNoticeByReferral: groupBy(uow, RefusalNoticeEntity, 'id', 'referral_id', 'referral_id'),
    hitsByWarning: groupBy(uow, WarningHitEntity, 'warningId', 'warning_id', 'created_at, signal_id, rule'),
    fresh: () => createLoaders(uow),
  };
}

/** Puts rows read by a list query into the loaders, so field resolvers do not read them again. */
export function primeCases(loaders: Loaders, rows: CaseEntity[]): void {
  for (const r of rows) loaders.caseById.prime(r.id, r);
}

export function primeReferrals(loaders: Loaders, rows: ReferralEntity[]): void {
  for (const r of rows) loaders.referralById.prime(r.id, r);
}

/**
 * Starts the request's caches afresh after a mutation: a document may run several mutations in a
 * row, and each payload must show the rows as that mutation left them.
 */
export function freshLoaders(ctx: { loaders: Loaders }): void {
  ctx.loaders = ctx.loaders.fresh();
}
