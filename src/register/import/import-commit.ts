import { EntityManager, In, IsNull } from 'typeorm';
import { Clock } from '../../common/clock';
import { cstDateOf } from '../../common/dates';
import { UnitOfWork } from '../../db/unit-of-work';
import { createHousehold, createHouseholdsWithTiers, currentHouseholdsOf, HouseholdData, lockHousehold, replaceMembers, startTier, TierData, WriteAt } from '../register-writer';
import { TierRecordEntity } from '../register.entities';
import { nextReviewOnOrAfter } from '../register-standards';
import { RegisterTier, TierSource } from '../tiers';
import { ImportRowEntity, RegisterImportEntity } from './import.entities';
import { ImportStatus, RowOutcome } from './import-status';
import { countOutcomes, groupByHousehold } from './import-preview';

// The commit of an approved import: its CREATE and UPDATE households written to the register in
// chunks, each chunk one transaction that also moves the import's cursor and its count of rows
// done. Whatever stops it (a SIGKILL, a restart), the next run takes the import's lease once it has
// run out and goes on after the cursor; a household already written (its head row's tier record
// exists: uq_register_tiers_import_row) is never written twice. One process commits an import at
// a time; any hub process running the job may take over.

export const COMMIT_HOUSEHOLDS_PER_CHUNK = 500;
/** How long a process's hold on an import lasts unless it renews it (commit chunks, validation's heartbeat). */
export const IMPORT_LEASE_MS = 60_000;

export class ImportCommitter {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly chunk: number = COMMIT_HOUSEHOLDS_PER_CHUNK,
  ) {}

  /** Commits every approved import whose lease is free; returns how many it finished. */
  async run(): Promise<number> {
    const waiting = await this.uow.read((m) => m.getRepository(RegisterImportEntity).find({ where: { status: ImportStatus.APPROVED }, order: { id: 'ASC' }, select: { id: true } }));
    let finished = 0;
    for (const { id } of waiting) if (await this.commit(id)) finished += 1;
    return finished;
  }

  /** Commits one import if this process gets its lease; true when it is COMMITTED at the end. */
  async commit(importId: string): Promise<boolean> {
    if (!(await this.takeLease(importId))) return false;
    for (;;) {
      const done = await this.uow.transaction((m) => this.nextChunk(m, importId));
      if (done) return true;
      if (!(await this.takeLease(importId, true))) return false;
    }
  }

  /** Takes (or, holding it, extends) the import's lease: a conditional UPDATE, so one process holds it. */
  private async takeLease(importId: string, holding = false): Promise<boolean> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + IMPORT_LEASE_MS).toISOString();
    return this.uow.transaction(async (m) => {
      const qb = m
        .createQueryBuilder()
        .update(RegisterImportEntity)
        .set({ leaseUntil: until, version: () => 'version + 1', commitStartedAt: () => `COALESCE(commit_started_at, '${now.toISOString()}')` })
        .where('id = :id AND status = :approved', { id: importId, approved: ImportStatus.APPROVED });
      if (!holding) qb.andWhere('(lease_until IS NULL OR lease_until < :now)', { now: now.toISOString() });
      return ((await qb.execute()).affected ?? 0) > 0;
    });
  }

  /** Writes the next chunk of households after the cursor; true when none is left (the import is then COMMITTED). */
  private async nextChunk(m: EntityManager, importId: string): Promise<boolean> {
    const imp = await m.getRepository(RegisterImportEntity).findOneByOrFail({ id: importId });
    const now = this.clock.now();
    const at: WriteAt = { now, today: cstDateOf(now), actor: imp.approvedBy ?? imp.uploadedBy };
    const keys: string[] = (
      await m.query(
        'SELECT DISTINCT household_key AS k FROM register_import_rows WHERE import_id = ? AND outcome IN (?, ?) AND household_key > ? ORDER BY household_key LIMIT ?',
        [importId, RowOutcome.CREATE, RowOutcome.UPDATE, imp.commitCursor ?? '', this.chunk],
      )
    ).map((r: { k: string }) => r.k);
    if (keys.length === 0) {
      await countOutcomes(m, importId);
      await m.getRepository(RegisterImportEntity).update({ id: importId }, { status: ImportStatus.COMMITTED, committedAt: now.toISOString(), leaseUntil: null });
      return true;
    }
    const rows = await m.getRepository(ImportRowEntity).find({ where: { importId, householdKey: In(keys) }, order: { householdKey: 'ASC', rowNo: 'ASC' } });
    const heads = rows.filter((r) => r.relation === 'SELF');
    const written = new Set(
      (await m.getRepository(TierRecordEntity).find({ where: { importId, importRow: In(heads.map((h) => h.rowNo)) }, select: { importRow: true } })).map((t) => t.importRow),
    );
    const byHousehold = groupByHousehold(rows);
    let done = 0;
    const pending = heads.filter((head) => {
      if (!written.has(head.rowNo)) return true;
      done += byHousehold.get(head.householdKey)!.length; // written before a stop: counted, not written again
      return false;
    });
    // Households none of whose people is in the register yet (the common case of a first import)
    // are written together; the others one by one, each checked again against the register.
    const inRegister = await currentHouseholdsOf(m, pending.flatMap((head) => byHousehold.get(head.householdKey)!.map((r) => r.memberIndex!)));
    const fresh = pending.filter((head) => byHousehold.get(head.householdKey)!.every((r) => !inRegister.has(r.memberIndex!)));
    await createHouseholdsWithTiers(m, fresh.map((head) => ({ household: householdOf(head, byHousehold.get(head.householdKey)!), tier: tierOf(imp, head, at) })), at);
    for (const head of fresh) done += byHousehold.get(head.householdKey)!.length;
    const together = new Set(fresh);
    for (const head of pending.filter((h) => !together.has(h))) {
      const members = byHousehold.get(head.householdKey)!;
      if (await this.writeHousehold(m, imp, head, members, at)) done += members.length;
    }
    await m.getRepository(RegisterImportEntity).update({ id: importId }, { commitCursor: keys[keys.length - 1], committedRows: () => `committed_rows + ${done}` });
    return false;
  }

  /** Writes one household; false when it turned out to conflict with the register (its rows are marked so). */
  private async writeHousehold(m: EntityManager, imp: RegisterImportEntity, head: ImportRowEntity, rows: ImportRowEntity[], at: WriteAt): Promise<boolean> {
    const data = householdOf(head, rows);
    // The register may have changed since the preview: the household is found again by its head,
    // and a member who went into another household meanwhile makes it a conflict, written as one.
    const found = await currentHouseholdsOf(m, data.members.map((x) => x.idNumberIndex));
    let householdId = found.get(head.householdKey) ?? null;
    const current = householdId ? await m.getRepository(TierRecordEntity).findOne({ where: { householdId, effectiveTo: IsNull() } }) : null;
    const movedAway = [...found.values()].some((h) => h !== householdId);
    if (movedAway || (current && current.effectiveFrom > head.effectiveFrom!)) {
      const message = '预览之后低收入人口库中该户或其成员已有变化，本户未导入；请重新导入核对。';
      await m.getRepository(ImportRowEntity).update({ importId: imp.id, rowNo: In(rows.map((r) => r.rowNo)) }, { outcome: RowOutcome.CONFLICT, problems: JSON.stringify([{ column: '', message }]) });
      return false;
    }
    if (householdId) {
      await lockHousehold(m, householdId);
      await replaceMembers(m, householdId, data, at, false);
    } else {
      householdId = await createHousehold(m, data, at);
    }
    await startTier(m, householdId, tierOf(imp, head, at), at);
    return true;
  }
}

/** The household a head row and its rows describe, the head first. */
function householdOf(head: ImportRowEntity, rows: ImportRowEntity[]): HouseholdData {
  const ordered = [head, ...rows.filter((r) => r !== head)];
  return {
    townshipCode: head.townshipCode!,
    villageCode: head.villageCode,
    members: ordered.map((r) => ({ name: r.name!, relation: r.relation!, idNumberSealed: r.idNumberSealed!, idNumberIndex: r.memberIndex!, idNumberMasked: r.idNumberMasked! })),
  };
}

/** The tier record a head row gives, with the import and row it came from. */
function tierOf(imp: RegisterImportEntity, head: ImportRowEntity, at: WriteAt): TierData {
  const tier = head.tier as RegisterTier;
  return {
    tier,
    effectiveFrom: head.effectiveFrom!,
    perCapitaIncomeFen: head.perCapitaIncomeFen,
    standardFen: null,
    standardSource: null,
    reasons: [`存量数据导入（${imp.fileName}第${head.rowNo}行）。`],
    source: TierSource.IMPORT,
    documentNo: head.documentNo,
    monthlyAmountFen: head.monthlyAmountFen,
    nextReviewDate: nextReviewOnOrAfter(head.effectiveFrom!, at.today, head.townshipCode!, tier, false),
    importId: imp.id,
    importRow: head.rowNo,
  };
}
