import { EntityManager, In, IsNull } from 'typeorm';
import { insertRows } from '../db/rows';
import { addToCount, moveCount } from './register-counts';
import { newId } from '../common/ids';
import { IsoDate } from '../common/dates';
import { BusinessRuleError, UserError } from '../common/user-error';
import { text } from '../common/text';
import { RegisterHouseholdEntity, RegisterMemberEntity, TierRecordEntity } from './register.entities';
import { RegisterReviewEntity, ReviewStatus } from './review/review.entity';
import { ExitReason, RegisterTier, TierSource } from './tiers';
import { RegisterErrorCode as Code } from './register.errors';

// The only writer of the register: households, their members and their tier records. Decisions,
// imports and reviews all go through here, in the caller's transaction. A household's row is its
// lock (the version bumped before anything of it changes), so two writers of one household queue.
// A tier is never overwritten: a new one ends the current one (effective_to = the new one's first
// day), an exit ends it with a reason, and the household's copy of its current tier follows, as do
// the per-county counts of households in a tier (register-counts.ts).

/** A member as a writer gives it: the sealed number and its blind index, never the number itself. */
export interface MemberData {
  name: string;
  relation: string;
  idNumberSealed: string;
  idNumberIndex: string;
  idNumberMasked: string;
}

export interface HouseholdData {
  townshipCode: string;
  villageCode: string | null;
  /** In order; the head (户主, relation SELF) first. */
  members: MemberData[];
}

export interface TierData {
  tier: RegisterTier;
  effectiveFrom: IsoDate;
  perCapitaIncomeFen: number | null;
  standardFen: number | null;
  standardSource: string | null;
  reasons: string[];
  source: TierSource;
  caseId?: string | null;
  referralId?: string | null;
  documentNo?: string | null;
  monthlyAmountFen: number | null;
  nextReviewDate: IsoDate | null;
  importId?: string | null;
  importRow?: number | null;
}

export interface WriteAt {
  now: Date;
  today: IsoDate;
  actor: string;
}

/** Bumps the household's version: the lock every change of it takes first. False when it does not exist. */
export async function lockHousehold(m: EntityManager, id: string): Promise<boolean> {
  const result = await m.createQueryBuilder().update(RegisterHouseholdEntity).set({ version: () => 'version + 1' }).where('id = :id', { id }).execute();
  return (result.affected ?? 0) > 0;
}

/** The households the given people are current members of, by blind index. */
export async function currentHouseholdsOf(m: EntityManager, indexes: string[]): Promise<Map<string, string>> {
  if (indexes.length === 0) return new Map();
  const rows = await m.getRepository(RegisterMemberEntity).find({ where: { currentKey: In(indexes) }, select: { currentKey: true, householdId: true } });
  return new Map(rows.map((r) => [r.currentKey!, r.householdId]));
}

/** A new household with its members (none of whom may be a current member elsewhere). */
export async function createHousehold(m: EntityManager, data: HouseholdData, at: WriteAt, id: string = newId(at.now)): Promise<string> {
  const head = data.members[0];
  const iso = at.now.toISOString();
  await m.getRepository(RegisterHouseholdEntity).insert({
    id,
    townshipCode: data.townshipCode,
    countyCode: data.townshipCode.slice(0, 6),
    villageCode: data.villageCode,
    headName: head.name,
    headIdMasked: head.idNumberMasked,
    memberCount: data.members.length,
    tier: null,
    tierSince: null,
    nextReviewDate: null,
    createdAt: iso,
    updatedAt: iso,
    version: 1,
  });
  await m.getRepository(RegisterMemberEntity).insert(data.members.map((member, position) => memberRow(id, position, member, at)));
  return id;
}

/**
 * New households, each with its members and its first tier, written together: three multi-row
 * INSERTs for a whole batch (an import's chunk) instead of a handful of statements per household.
 * For households none of whose members is a current member anywhere (the caller has looked); a
 * person who became one meanwhile fails the unique current_key, and with it the caller's transaction.
 */
export async function createHouseholdsWithTiers(m: EntityManager, entries: Array<{ household: HouseholdData; tier: TierData }>, at: WriteAt): Promise<void> {
  const iso = at.now.toISOString();
  const households: RegisterHouseholdEntity[] = [];
  const members: RegisterMemberEntity[] = [];
  const tiers: TierRecordEntity[] = [];
  for (const { household, tier } of entries) {
    const id = newId(at.now);
    const head = household.members[0];
    households.push({
      id,
      townshipCode: household.townshipCode,
      countyCode: household.townshipCode.slice(0, 6),
      villageCode: household.villageCode,
      headName: head.name,
      headIdMasked: head.idNumberMasked,
      memberCount: household.members.length,
      tier: tier.tier,
      tierSince: tier.effectiveFrom,
      nextReviewDate: tier.nextReviewDate,
      createdAt: iso,
      updatedAt: iso,
      version: 1,
    });
    household.members.forEach((member, position) => members.push(memberRow(id, position, member, at)));
    tiers.push(tierRow(newId(at.now), id, tier, at));
  }
  // Slices keep each statement well under both engines' limits on bound parameters.
  for (let i = 0; i < households.length; i += 400) await insertRows(m, RegisterHouseholdEntity, households.slice(i, i + 400));
  for (let i = 0; i < members.length; i += 1000) await insertRows(m, RegisterMemberEntity, members.slice(i, i + 1000));
  for (let i = 0; i < tiers.length; i += 400) await insertRows(m, TierRecordEntity, tiers.slice(i, i + 400));
  const counts = new Map<string, number>();
  for (const h of households) counts.set(`${h.countyCode}|${h.tier}`, (counts.get(`${h.countyCode}|${h.tier}`) ?? 0) + 1);
  for (const [key, n] of counts) await addToCount(m, key.split('|')[0], key.split('|')[1], n);
}

/**
 * Makes the household's current members exactly `data.members` (the household locked): members
 * no longer listed leave today, new ones join; a new member who is current elsewhere is moved
 * (leaves that household) only with `moveFromOthers`, else it is a conflict.
 */
export async function replaceMembers(m: EntityManager, householdId: string, data: HouseholdData, at: WriteAt, moveFromOthers: boolean): Promise<void> {
  const repo = m.getRepository(RegisterMemberEntity);
  const current = await repo.find({ where: { householdId, leftOn: IsNull() } });
  const wanted = new Set(data.members.map((x) => x.idNumberIndex));
  const leaving = current.filter((x) => !wanted.has(x.idNumberIndex));
  if (leaving.length > 0) await repo.update({ id: In(leaving.map((x) => x.id)) }, { leftOn: at.today, currentKey: null });
  const staying = new Map(current.filter((x) => wanted.has(x.idNumberIndex)).map((x) => [x.idNumberIndex, x]));
  const joining = data.members.filter((x) => !staying.has(x.idNumberIndex));
  const elsewhere = await currentHouseholdsOf(m, joining.map((x) => x.idNumberIndex));
  if (elsewhere.size > 0) {
    if (!moveFromOthers) throw new BusinessRuleError([new UserError(Code.MEMBER_IN_OTHER_HOUSEHOLD, text('家庭成员已在低收入人口库的另一户中。', 'A member is already in another household of the register.'), ['members'])]);
    for (const other of new Set(elsewhere.values())) {
      await lockHousehold(m, other);
      await repo.update({ householdId: other, currentKey: In([...elsewhere.keys()]) }, { leftOn: at.today, currentKey: null });
      await refreshHousehold(m, other, at);
    }
  }
  for (const [position, member] of data.members.entries()) {
    const kept = staying.get(member.idNumberIndex);
    if (kept) await repo.update({ id: kept.id }, { position, name: member.name, relation: member.relation });
    else await repo.insert(memberRow(householdId, position, member, at));
  }
  const before = await m.getRepository(RegisterHouseholdEntity).findOneOrFail({ where: { id: householdId }, select: { countyCode: true, tier: true } });
  await m.getRepository(RegisterHouseholdEntity).update({ id: householdId }, { townshipCode: data.townshipCode, countyCode: data.townshipCode.slice(0, 6), villageCode: data.villageCode });
  await moveCount(m, before, { countyCode: data.townshipCode.slice(0, 6), tier: before.tier });
  await refreshHousehold(m, householdId, at);
}

/** Starts a tier (the household locked), ending the current one on the new one's first day. Returns the record's id. */
export async function startTier(m: EntityManager, householdId: string, tier: TierData, at: WriteAt, id: string = newId(at.now)): Promise<string> {
  const repo = m.getRepository(TierRecordEntity);
  const current = await repo.findOne({ where: { householdId, effectiveTo: IsNull() } });
  if (current && current.effectiveFrom > tier.effectiveFrom) {
    throw new BusinessRuleError([
      new UserError(
        Code.TIER_BEFORE_CURRENT,
        text(`认定日期早于该户现有认定的起始日期（${current.effectiveFrom}）。`, `The new tier starts before the current one (${current.effectiveFrom}).`),
        ['effectiveFrom'],
      ),
    ]);
  }
  if (current) await repo.update({ id: current.id }, { effectiveTo: tier.effectiveFrom });
  await supersedeReviews(m, householdId);
  await repo.insert(tierRow(id, householdId, tier, at));
  const before = await m.getRepository(RegisterHouseholdEntity).findOneOrFail({ where: { id: householdId }, select: { countyCode: true, tier: true } });
  await m.getRepository(RegisterHouseholdEntity).update(
    { id: householdId },
    { tier: tier.tier, tierSince: tier.effectiveFrom, nextReviewDate: tier.nextReviewDate, updatedAt: at.now.toISOString() },
  );
  await moveCount(m, before, { countyCode: before.countyCode, tier: tier.tier });
  return id;
}

/** Ends the current tier with an exit reason (应退尽退), the household locked; false when it has none. */
export async function exitTier(m: EntityManager, householdId: string, on: IsoDate, reason: ExitReason, note: string | null, at: WriteAt): Promise<boolean> {
  const repo = m.getRepository(TierRecordEntity);
  const current = await repo.findOne({ where: { householdId, effectiveTo: IsNull() } });
  if (!current) return false;
  await repo.update({ id: current.id }, { effectiveTo: on < current.effectiveFrom ? current.effectiveFrom : on, exitReason: reason, exitNote: note });
  await supersedeReviews(m, householdId);
  const before = await m.getRepository(RegisterHouseholdEntity).findOneOrFail({ where: { id: householdId }, select: { countyCode: true, tier: true } });
  await m.getRepository(RegisterHouseholdEntity).update({ id: householdId }, { tier: null, tierSince: null, nextReviewDate: null, updatedAt: at.now.toISOString() });
  await moveCount(m, before, { countyCode: before.countyCode, tier: null });
  return true;
}

/** Moves the current tier's next review date (a review that continues it). */
export async function setNextReview(m: EntityManager, householdId: string, next: IsoDate, at: WriteAt): Promise<void> {
  await m.getRepository(TierRecordEntity).update({ householdId, effectiveTo: IsNull() }, { nextReviewDate: next });
  await m.getRepository(RegisterHouseholdEntity).update({ id: householdId }, { nextReviewDate: next, updatedAt: at.now.toISOString() });
}

/** The household's open review tasks end with the tier they review (a review's own outcome closes its task first). */
async function supersedeReviews(m: EntityManager, householdId: string): Promise<void> {
  await m
    .createQueryBuilder()
    .update(RegisterReviewEntity)
    .set({ status: ReviewStatus.SUPERSEDED, version: () => 'version + 1' })
    .where('household_id = :householdId AND status = :open', { householdId, open: ReviewStatus.OPEN })
    .execute();
}

/** The household's copies of its head and member count, after its members changed. */
async function refreshHousehold(m: EntityManager, householdId: string, at: WriteAt): Promise<void> {
  const members = await m.getRepository(RegisterMemberEntity).find({ where: { householdId, leftOn: IsNull() }, order: { position: 'ASC' } });
  const head = members.find((x) => x.relation === 'SELF') ?? members[0];
  await m.getRepository(RegisterHouseholdEntity).update(
    { id: householdId },
    { memberCount: members.length, updatedAt: at.now.toISOString(), ...(head ? { headName: head.name, headIdMasked: head.idNumberMasked } : {}) },
  );
}

function tierRow(id: string, householdId: string, tier: TierData, at: WriteAt): TierRecordEntity {
  return {
    id,
    householdId,
    tier: tier.tier,
    effectiveFrom: tier.effectiveFrom,
    effectiveTo: null,
    perCapitaIncomeFen: tier.perCapitaIncomeFen,
    standardFen: tier.standardFen,
    standardSource: tier.standardSource,
    reasons: JSON.stringify(tier.reasons),
    source: tier.source,
    caseId: tier.caseId ?? null,
    referralId: tier.referralId ?? null,
    documentNo: tier.documentNo ?? null,
    monthlyAmountFen: tier.monthlyAmountFen,
    nextReviewDate: tier.nextReviewDate,
    exitReason: null,
    exitNote: null,
    importId: tier.importId ?? null,
    importRow: tier.importRow ?? null,
    createdBy: at.actor,
    createdAt: at.now.toISOString(),
  };
}

function memberRow(householdId: string, position: number, member: MemberData, at: WriteAt): RegisterMemberEntity {
  return {
    id: newId(at.now),
    householdId,
    position,
    name: member.name,
    relation: member.relation,
    idNumberSealed: member.idNumberSealed,
    idNumberIndex: member.idNumberIndex,
    idNumberMasked: member.idNumberMasked,
    currentKey: member.idNumberIndex,
    joinedOn: at.today,
    leftOn: null,
  };
}
