import { maskIdNumber } from '../../access/identity-number';
import { inRegion } from '../../access/region';
import { PiiCrypto } from '../../access/pii-crypto';
import { IsoDate } from '../../common/dates';
import { UnitOfWork } from '../../db/unit-of-work';
import { insertRows } from '../../db/rows';
import { checkRow, RowProblem } from './import-rows';
import { ColumnKey, headerKey, TEMPLATE_COLUMNS } from './import-template';
import { RollRow, UnreadableRoll } from './import-reader';
import { ImportRowEntity, RegisterImportEntity } from './import.entities';
import { RowOutcome } from './import-status';

// First pass of an import: every row of the file read and checked on its own, its identity
// numbers sealed and indexed, and staged in register_import_rows in batches, so a million-row
// roll never sits in memory. Outcomes other than REFUSED are decided by the second pass
// (import-preview.ts), which needs other rows and the register.

/**
 * A staged row that passed its own checks is provisionally CREATE: the second pass changes only
 * the rows that turn out otherwise, so a first import into an empty register (nearly every row a
 * CREATE) rewrites almost none of them. Rows are not shown before the preview.
 */
export const CHECKED = RowOutcome.CREATE;

const BATCH = 1000;

/** Maps the header row to column positions; UnreadableRoll naming the missing headers. */
export function columnsOf(header: string[]): Map<ColumnKey, number> {
  const positions = new Map<string, number>();
  header.forEach((h, i) => positions.set(headerKey(h), i));
  const found = new Map<ColumnKey, number>();
  const missing: string[] = [];
  for (const c of TEMPLATE_COLUMNS) {
    const at = positions.get(headerKey(c.header));
    if (at === undefined) {
      if (c.required !== 'no') missing.push(c.header);
    } else found.set(c.key, at);
  }
  if (missing.length > 0) throw new UnreadableRoll(`第1行应为导入模板的表头，缺少列：${missing.join('、')}。请下载导入模板核对。`);
  return found;
}

/** Reads, checks and stages every row; returns how many data rows there were. */
export async function stageRows(uow: UnitOfWork, crypto: PiiCrypto, imp: Pick<RegisterImportEntity, 'id' | 'regionCode'>, rows: AsyncIterable<RollRow>, today: IsoDate): Promise<number> {
  let columns: Map<ColumnKey, number> | null = null;
  let batch: ImportRowEntity[] = [];
  let total = 0;
  // One batch is written while the next is read and checked (the database's time and the
  // process's overlap); never more than one in flight, so memory stays at two batches.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (batch.length === 0) return;
    const rowsToWrite = batch;
    const counted = total;
    batch = [];
    writing = uow.transaction(async (m) => {
      await insertRows(m, ImportRowEntity, rowsToWrite);
      await m.getRepository(RegisterImportEntity).update({ id: imp.id }, { totalRows: counted });
    });
    // A failed write surfaces at the next flush (or the last); never left unobserved.
    writing.catch(() => undefined);
  };
  try {
    for await (const { rowNo, cells } of rows) {
      if (columns === null) {
        columns = columnsOf(cells);
        continue;
      }
      total += 1;
      const values: Partial<Record<ColumnKey, string>> = {};
      for (const [key, at] of columns) values[key] = cells[at] ?? '';
      batch.push(stagedRow(crypto, imp, rowNo, values, today));
      if (batch.length >= BATCH) await flush();
    }
    if (columns === null) throw new UnreadableRoll('文件是空的：第1行应为导入模板的表头。');
    await flush();
    await writing;
    return total;
  } finally {
    // Whatever stopped the reading, the batch in flight has landed (or failed) before the caller
    // cleans up, so no staged row arrives after a failed import's rows are removed.
    await writing.catch(() => undefined);
  }
}

function stagedRow(crypto: PiiCrypto, imp: Pick<RegisterImportEntity, 'id' | 'regionCode'>, rowNo: number, values: Partial<Record<ColumnKey, string>>, today: IsoDate): ImportRowEntity {
  const { row, problems } = checkRow(values, today);
  const extra: RowProblem[] = [];
  if (row?.townshipCode && !inRegion(imp.regionCode, row.townshipCode)) {
    extra.push({ column: '乡镇（街道）代码', message: `乡镇（街道）代码${row.townshipCode}不在导入人的辖区（${imp.regionCode}）内。` });
  }
  // The head's number groups the rows even of a refused row, so its household is refused whole.
  const headId = (values.headIdNumber ?? '').trim().toUpperCase();
  const all = [...problems, ...extra];
  const base: ImportRowEntity = {
    importId: imp.id,
    rowNo,
    householdKey: /^\d{17}[\dX]$/.test(headId) ? crypto.blindIndex(headId) : '',
    memberIndex: null,
    name: null,
    relation: null,
    idNumberSealed: null,
    idNumberMasked: null,
    townshipCode: null,
    villageCode: null,
    tier: null,
    effectiveFrom: null,
    perCapitaIncomeFen: null,
    monthlyAmountFen: null,
    documentNo: null,
    outcome: RowOutcome.REFUSED,
    problems: JSON.stringify(all),
  };
  if (!row || all.length > 0) return base;
  return {
    ...base,
    memberIndex: crypto.blindIndex(row.idNumber),
    name: row.name,
    relation: row.relation,
    idNumberSealed: crypto.encrypt(row.idNumber),
    idNumberMasked: maskIdNumber(row.idNumber),
    townshipCode: row.townshipCode,
    villageCode: row.villageCode,
    tier: row.tier,
    effectiveFrom: row.effectiveFrom,
    perCapitaIncomeFen: row.perCapitaIncomeFen,
    monthlyAmountFen: row.monthlyAmountFen,
    documentNo: row.documentNo,
    outcome: CHECKED,
  };
}
