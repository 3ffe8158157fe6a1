import { EntityManager, In, IsNull } from 'typeorm';
import { UnitOfWork } from '../../db/unit-of-work';
import { RegisterHouseholdEntity, RegisterMemberEntity, TierRecordEntity } from '../register.entities';
import { ImportRowEntity, RegisterImportEntity } from './import.entities';
import { RowOutcome } from './import-status';
import { RowProblem } from './import-rows';

// Second pass of an import: what needs more than one row (a person twice in the file, one head
// per household, the household's own columns agreeing) and what needs the register (a member
// already in another household, the household as the register has it). Each household's rows get
// one outcome: CREATE, UPDATE, UNCHANGED, CONFLICT or REFUSED. Households are read in chunks by
// their key, so the file is never held whole.

const CHUNK = 500;
const HOUSEHOLD_COLUMNS = ['townshipCode', 'villageCode', 'tier', 'effectiveFrom', 'perCapitaIncomeFen', 'monthlyAmountFen', 'documentNo'] as const;
const COLUMN_HEADER: Record<(typeof HOUSEHOLD_COLUMNS)[number], string> = {
  townshipCode: '乡镇（街道）代码',
  villageCode: '村（社区）代码',
  tier: '类别',
  effectiveFrom: '认定日期',
  perCapitaIncomeFen: '月人均收入',
  monthlyAmountFen: '保障金额',
  documentNo: '批准文号',
};

type Decision = { outcome: RowOutcome; problems: Map<number, RowProblem[]> };

/** Decides every staged row's outcome and counts them on the import. */
export async function decideOutcomes(uow: UnitOfWork, importId: string): Promise<void> {
  await refuseRepeatedMembers(uow, importId);
  let after = '';
  for (;;) {
    const keys: string[] = (
      await uow.read((m) =>
        m.query('SELECT DISTINCT household_key AS k FROM register_import_rows WHERE import_id = ? AND household_key > ? ORDER BY household_key LIMIT ?', [importId, after, CHUNK]),
      )
    ).map((r: { k: string }) => r.k);
    if (keys.length === 0) break;
    after = keys[keys.length - 1];
    await uow.transaction(async (m) => {
      const rows = await m.getRepository(ImportRowEntity).find({ where: { importId, householdKey: In(keys) }, order: { householdKey: 'ASC', rowNo: 'ASC' } });
      const households = groupByHousehold(rows);
      const decisions = await decide(m, households);
      await writeDecisions(m, importId, households, decisions);
    });
  }
  await uow.transaction((m) => countOutcomes(m, importId));
}

/** Staged rows by their household's key, in the order given. */
export function groupByHousehold(rows: ImportRowEntity[]): Map<string, ImportRowEntity[]> {
  const households = new Map<string, ImportRowEntity[]>();
  for (const r of rows) {
    const group = households.get(r.householdKey);
    if (group) group.push(r);
    else households.set(r.householdKey, [r]);
  }
  return households;
}

/** Counts the rows of each outcome onto the import (after the preview, and after a commit that met conflicts). */
export async function countOutcomes(m: EntityManager, importId: string): Promise<void> {
  const counts: Array<{ outcome: string; n: number | string }> = await m.query('SELECT outcome, COUNT(*) AS n FROM register_import_rows WHERE import_id = ? GROUP BY outcome', [importId]);
  const of = (o: RowOutcome) => Number(counts.find((c) => c.outcome === o)?.n ?? 0);
  await m.getRepository(RegisterImportEntity).update(
    { id: importId },
    { createRows: of(RowOutcome.CREATE), updateRows: of(RowOutcome.UPDATE), unchangedRows: of(RowOutcome.UNCHANGED), conflictRows: of(RowOutcome.CONFLICT), refusedRows: of(RowOutcome.REFUSED) },
  );
}

/** A person on two rows of the file: each such row is refused, naming the other rows. */
async function refuseRepeatedMembers(uow: UnitOfWork, importId: string): Promise<void> {
  const repeated: string[] = (
    await uow.read((m) => m.query('SELECT member_index AS k FROM register_import_rows WHERE import_id = ? AND member_index IS NOT NULL GROUP BY member_index HAVING COUNT(*) > 1', [importId]))
  ).map((r: { k: string }) => r.k);
  for (let i = 0; i < repeated.length; i += CHUNK) {
    await uow.transaction(async (m) => {
      const rows = await m.getRepository(ImportRowEntity).find({ where: { importId, memberIndex: In(repeated.slice(i, i + CHUNK)) }, order: { rowNo: 'ASC' } });
      for (const r of rows) {
        const same = rows.filter((o) => o.memberIndex === r.memberIndex && o.rowNo !== r.rowNo);
        const twoHouseholds = same.some((o) => o.householdKey !== r.householdKey);
        const where = same.map((o) => o.rowNo).join('、');
        const message = twoHouseholds ? `该成员同时出现在本文件的另一户中（第${where}行）。` : `该成员在本户中重复出现（第${where}行）。`;
        await m.getRepository(ImportRowEntity).update({ importId, rowNo: r.rowNo }, { outcome: RowOutcome.REFUSED, problems: JSON.stringify([...problemsOf(r), { column: '身份证号码', message }]) });
      }
    });
  }
}

async function decide(m: EntityManager, households: Map<string, ImportRowEntity[]>): Promise<Map<string, Decision>> {
  const decisions = new Map<string, Decision>();
  const valid: string[] = [];
  for (const [key, rows] of households) {
    const refusal = ownRefusal(key, rows);
    if (refusal) decisions.set(key, refusal);
    else valid.push(key);
  }
  // The register as it stands for every member of the valid households.
  const indexes = valid.flatMap((k) => households.get(k)!.map((r) => r.memberIndex!));
  const current = indexes.length ? await m.getRepository(RegisterMemberEntity).find({ where: { currentKey: In(indexes) } }) : [];
  const householdOf = new Map(current.map((x) => [x.currentKey!, x.householdId]));
  const targets = [...new Set(valid.map((k) => householdOf.get(k)).filter((x): x is string => !!x))];
  const members = targets.length ? await m.getRepository(RegisterMemberEntity).find({ where: { householdId: In(targets), leftOn: IsNull() } }) : [];
  const tiers = targets.length ? await m.getRepository(TierRecordEntity).find({ where: { householdId: In(targets), effectiveTo: IsNull() } }) : [];
  // Every household a member is in: the targets, and those a conflict names.
  const named = [...new Set(householdOf.values())];
  const heads = named.length ? await m.getRepository(RegisterHouseholdEntity).find({ where: { id: In(named) }, select: { id: true, headName: true, headIdMasked: true, townshipCode: true, villageCode: true } }) : [];
  for (const key of valid) {
    const rows = households.get(key)!;
    const head = rows.find((r) => r.relation === 'SELF')!;
    const target = householdOf.get(key) ?? null;
    const problems = new Map<number, RowProblem[]>();
    for (const r of rows) {
      const elsewhere = householdOf.get(r.memberIndex!);
      if (elsewhere && elsewhere !== target) {
        const other = heads.find((h) => h.id === elsewhere);
        problems.set(r.rowNo, [{ column: '身份证号码', message: `该成员已在低收入人口库的另一户中${other ? `（户主${other.headName}，${other.headIdMasked}）` : ''}，请先核实其家庭关系。` }]);
      }
    }
    // Households found through other members only (the head new to the register) are looked up by their head: not here.
    const tier = target ? tiers.find((t) => t.householdId === target) : undefined;
    if (problems.size === 0 && tier && head.effectiveFrom! < tier.effectiveFrom) {
      problems.set(head.rowNo, [{ column: '认定日期', message: `认定日期早于库中该户现有认定的起始日期（${tier.effectiveFrom}）。` }]);
    }
    if (problems.size > 0) {
      decisions.set(key, { outcome: RowOutcome.CONFLICT, problems });
      continue;
    }
    if (!target) {
      decisions.set(key, { outcome: RowOutcome.CREATE, problems });
      continue;
    }
    const now = members.filter((x) => x.householdId === target);
    const sameMembers = now.length === rows.length && rows.every((r) => now.some((x) => x.idNumberIndex === r.memberIndex && x.name === r.name && x.relation === r.relation));
    const place = heads.find((h) => h.id === target);
    const samePlace = place?.townshipCode === head.townshipCode && (place?.villageCode ?? null) === head.villageCode;
    const sameTier =
      !!tier && tier.tier === head.tier && tier.effectiveFrom === head.effectiveFrom && tier.monthlyAmountFen === head.monthlyAmountFen && (tier.documentNo ?? null) === head.documentNo;
    decisions.set(key, { outcome: sameMembers && samePlace && sameTier ? RowOutcome.UNCHANGED : RowOutcome.UPDATE, problems });
  }
  return decisions;
}

/** The household's own problems (its rows, its head, its columns agreeing), or null when there are none. */
function ownRefusal(key: string, rows: ImportRowEntity[]): Decision | null {
  const problems = new Map<number, RowProblem[]>();
  const refused = rows.filter((r) => r.outcome === RowOutcome.REFUSED);
  if (key === '' || refused.length > 0) {
    const where = refused.map((r) => r.rowNo).join('、');
    for (const r of rows) if (r.outcome !== RowOutcome.REFUSED) problems.set(r.rowNo, [{ column: '', message: `同户第${where}行有错误，整户未导入。` }]);
    return { outcome: RowOutcome.REFUSED, problems };
  }
  const heads = rows.filter((r) => r.relation === 'SELF');
  if (heads.length !== 1) {
    const message = heads.length === 0 ? '本户没有与户主关系为“户主”的行。' : `本户有${heads.length}个“户主”行（第${heads.map((h) => h.rowNo).join('、')}行）。`;
    for (const r of rows) problems.set(r.rowNo, [{ column: '与户主关系', message }]);
    return { outcome: RowOutcome.REFUSED, problems };
  }
  const head = heads[0];
  for (const r of rows) {
    if (r === head) continue;
    const differs = HOUSEHOLD_COLUMNS.filter((c) => r[c] !== null && r[c] !== head[c]);
    if (differs.length > 0) problems.set(r.rowNo, differs.map((c) => ({ column: COLUMN_HEADER[c], message: `与户主所在行（第${head.rowNo}行）不一致；同户各行应相同或留空。` })));
  }
  if (problems.size === 0) return null;
  for (const r of rows) if (!problems.has(r.rowNo)) problems.set(r.rowNo, [{ column: '', message: '同户其他行有错误，整户未导入。' }]);
  return { outcome: RowOutcome.REFUSED, problems };
}

async function writeDecisions(m: EntityManager, importId: string, households: Map<string, ImportRowEntity[]>, decisions: Map<string, Decision>): Promise<void> {
  const plain = new Map<RowOutcome, number[]>();
  for (const [key, d] of decisions) {
    for (const r of households.get(key)!) {
      const added = d.problems.get(r.rowNo);
      if (added) await m.getRepository(ImportRowEntity).update({ importId, rowNo: r.rowNo }, { outcome: d.outcome, problems: JSON.stringify([...problemsOf(r), ...added]) });
      else if (r.outcome !== d.outcome) plain.set(d.outcome, [...(plain.get(d.outcome) ?? []), r.rowNo]);
    }
  }
  for (const [outcome, rowNos] of plain) await m.getRepository(ImportRowEntity).update({ importId, rowNo: In(rowNos) }, { outcome });
}

function problemsOf(r: ImportRowEntity): RowProblem[] {
  return JSON.parse(r.problems) as RowProblem[];
}
