import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from '../../access/identity-number';
import { isTownshipCode } from '../../access/division-code';
import { isValidIsoDate, IsoDate } from '../../common/dates';
import { describeNameProblem, nameProblem, normalizeName } from '../../intake/person-name';
import { Relation } from '../../intake/intake.enums';
import { RegisterTier } from '../tiers';
import { ColumnKey, RELATION_BY_NAME, TEMPLATE_COLUMNS, TIER_BY_NAME } from './import-template';

// One row of an imported roll, checked on its own (pure): every problem of the row, each with its
// column's header and a message in Chinese. What needs other rows (one head per household, a
// person in two households) or the register is checked afterwards (import-staging.ts).

export interface RowProblem {
  /** The column's header as the template names it; '' for the row as a whole. */
  column: string;
  message: string;
}

/** A row's values once checked; the household's own values are null on a member's row that left them blank. */
export interface CheckedRow {
  headName: string;
  headIdNumber: string;
  name: string;
  idNumber: string;
  relation: Relation;
  townshipCode: string | null;
  villageCode: string | null;
  tier: RegisterTier | null;
  effectiveFrom: IsoDate | null;
  perCapitaIncomeFen: number | null;
  monthlyAmountFen: number | null;
  documentNo: string | null;
}

const HEADER: Record<ColumnKey, string> = Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;
const MAX_DOCUMENT_NO = 100;
const MAX_YUAN = 1_000_000;

/** Checks one row (cells by column key, already trimmed; '' when blank). Returns the values or the problems. */
export function checkRow(cells: Partial<Record<ColumnKey, string>>, today: IsoDate): { row: CheckedRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (key: ColumnKey | '', message: string) => problems.push({ column: key ? HEADER[key] : '', message });
  const cell = (key: ColumnKey) => (cells[key] ?? '').trim();

  const person = (nameKey: ColumnKey, idKey: ColumnKey) => {
    const name = normalizeName(cell(nameKey));
    const nameIssue = nameProblem(name);
    if (nameIssue) problem(nameKey, describeNameProblem(nameIssue, 'zh-CN'));
    const idNumber = normalizeIdNumber(cell(idKey));
    if (idNumber === '') problem(idKey, '身份证号码不能为空。');
    else {
      const idIssue = idNumberProblem(idNumber, today);
      if (idIssue) problem(idKey, idNumberProblemText(idIssue).zh);
    }
    return { name, idNumber };
  };
  const head = person('headName', 'headIdNumber');
  const member = person('name', 'idNumber');

  const relationText = cell('relation');
  const relation = RELATION_BY_NAME[relationText] ?? null;
  if (relation === null) problem('relation', relationText === '' ? '与户主关系不能为空。' : `无法识别的与户主关系“${relationText}”，应为：户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹或其他。`);
  const isHead = relation === Relation.SELF;
  if (isHead && member.idNumber !== head.idNumber) problem('idNumber', '与户主关系为“户主”的行，身份证号码应与户主身份证号码相同。');
  if (!isHead && relation !== null && member.idNumber === head.idNumber) problem('relation', '身份证号码与户主相同，与户主关系应为“户主”。');

  const required = (key: ColumnKey) => {
    const value = cell(key);
    if (value === '' && isHead) problem(key, `户主所在行的“${HEADER[key]}”不能为空。`);
    return value === '' ? null : value;
  };
  const townshipCode = required('townshipCode');
  if (townshipCode !== null && !isTownshipCode(townshipCode)) problem('townshipCode', '乡镇（街道）代码应为9位数字。');
  const villageCode = cell('villageCode') || null;
  if (villageCode !== null && (!/^\d{12}$/.test(villageCode) || (townshipCode !== null && !villageCode.startsWith(townshipCode)))) {
    problem('villageCode', '村（社区）代码应为12位数字，且以本户乡镇（街道）代码开头。');
  }
  const tierText = required('tier');
  const tier = tierText === null ? null : (TIER_BY_NAME[tierText] ?? null);
  if (tierText !== null && tier === null) problem('tier', `无法识别的类别“${tierText}”，应为：低保、特困、低保边缘、刚性支出困难、防返贫监测或其他关注对象。`);
  const dateText = required('effectiveFrom');
  const effectiveFrom = dateText === null ? null : parseDate(dateText);
  if (dateText !== null && effectiveFrom === null) problem('effectiveFrom', `认定日期“${dateText}”不是有效日期，应写作 YYYY-MM-DD，例如 2025-07-01。`);
  else if (effectiveFrom !== null && effectiveFrom > today) problem('effectiveFrom', '认定日期不能晚于今天。');
  const money = (key: ColumnKey) => {
    const value = cell(key);
    if (value === '') return null;
    const fen = yuanToFen(value);
    if (fen === null) problem(key, `“${value}”不是有效金额：单位为元，不能为负数，最多两位小数。`);
    return fen;
  };
  const perCapitaIncomeFen = money('perCapitaIncome');
  const monthlyAmountFen = money('monthlyAmount');
  const documentNo = cell('documentNo') || null;
  if (documentNo !== null && [...documentNo].length > MAX_DOCUMENT_NO) problem('documentNo', `批准文号最多${MAX_DOCUMENT_NO}个字。`);

  if (problems.length > 0) return { row: null, problems };
  return {
    row: {
      headName: head.name,
      headIdNumber: head.idNumber,
      name: member.name,
      idNumber: member.idNumber,
      relation: relation!,
      townshipCode,
      villageCode,
      tier,
      effectiveFrom,
      perCapitaIncomeFen,
      monthlyAmountFen,
      documentNo,
    },
    problems,
  };
}

/** 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D' or 'YYYY年M月D日' (as spreadsheets export them); null when not a real date. */
export function parseDate(raw: string): IsoDate | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidIsoDate(date) ? date : null;
}

/** '520.5' → 52050 fen; null for anything but a non-negative amount with at most two decimals. */
export function yuanToFen(raw: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(raw.replace(/,/g, '').trim());
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_YUAN * 100 ? fen : null;
}
