import { RegisterTier } from '../tiers';
import { Relation } from '../../intake/intake.enums';

// The import template (导入模板) of the low-income register: one row per person, a household's
// rows sharing its head's identity number (户主身份证号码). The household's own columns (乡镇代码
// and after) are read from the head's row; the other rows may leave them blank or repeat them.
// Headers are matched after trimming spaces and unifying full- and half-width brackets.

export type ColumnKey =
  | 'headName'
  | 'headIdNumber'
  | 'name'
  | 'idNumber'
  | 'relation'
  | 'townshipCode'
  | 'villageCode'
  | 'tier'
  | 'effectiveFrom'
  | 'perCapitaIncome'
  | 'monthlyAmount'
  | 'documentNo';

export interface TemplateColumn {
  key: ColumnKey;
  header: string;
  /** Required on every row, on the head's row only ('head'), or never. */
  required: 'every' | 'head' | 'no';
  example: string;
  note: string;
}

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { key: 'headName', header: '户主姓名', required: 'every', example: '王秀英', note: '本户户主的姓名' },
  { key: 'headIdNumber', header: '户主身份证号码', required: 'every', example: '370783197803120028', note: '本户户主的18位身份证号码，同户各行相同' },
  { key: 'name', header: '成员姓名', required: 'every', example: '王秀英', note: '本行成员的姓名' },
  { key: 'idNumber', header: '身份证号码', required: 'every', example: '370783197803120028', note: '本行成员的18位身份证号码' },
  { key: 'relation', header: '与户主关系', required: 'every', example: '户主', note: '户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、其他' },
  { key: 'townshipCode', header: '乡镇（街道）代码', required: 'head', example: '370783104', note: '9位乡镇（街道）区划代码' },
  { key: 'villageCode', header: '村（社区）代码', required: 'no', example: '370783104001', note: '12位村（社区）区划代码，可不填' },
  { key: 'tier', header: '类别', required: 'head', example: '低保', note: '低保、特困、低保边缘、刚性支出困难、防返贫监测、其他关注对象' },
  { key: 'effectiveFrom', header: '认定日期', required: 'head', example: '2025-07-01', note: 'YYYY-MM-DD，也可写作 2025/7/1' },
  { key: 'perCapitaIncome', header: '月人均收入', required: 'no', example: '520.50', note: '单位：元，最多两位小数' },
  { key: 'monthlyAmount', header: '保障金额', required: 'no', example: '450', note: '每月发放金额，单位：元，最多两位小数' },
  { key: 'documentNo', header: '批准文号', required: 'no', example: '寿民低保〔2025〕112号', note: '认定文书编号，可不填' },
];

/** The Chinese names a roll uses for the tiers (the short ones of the name table, and common variants). */
export const TIER_BY_NAME: Readonly<Record<string, RegisterTier>> = {
  低保: RegisterTier.MINIMUM_LIVING,
  低保对象: RegisterTier.MINIMUM_LIVING,
  最低生活保障: RegisterTier.MINIMUM_LIVING,
  特困: RegisterTier.EXTREME_POVERTY,
  特困人员: RegisterTier.EXTREME_POVERTY,
  特困供养: RegisterTier.EXTREME_POVERTY,
  低保边缘: RegisterTier.NEAR_MINIMUM,
  低保边缘家庭: RegisterTier.NEAR_MINIMUM,
  刚性支出困难: RegisterTier.EXPENDITURE_HARDSHIP,
  支出型困难: RegisterTier.EXPENDITURE_HARDSHIP,
  刚性支出困难家庭: RegisterTier.EXPENDITURE_HARDSHIP,
  防返贫监测: RegisterTier.RELAPSE_RISK,
  防止返贫监测对象: RegisterTier.RELAPSE_RISK,
  其他关注对象: RegisterTier.WATCHED,
  其他关注: RegisterTier.WATCHED,
};

export const RELATION_BY_NAME: Readonly<Record<string, Relation>> = {
  户主: Relation.SELF,
  本人: Relation.SELF,
  配偶: Relation.SPOUSE,
  妻: Relation.SPOUSE,
  夫: Relation.SPOUSE,
  子女: Relation.CHILD,
  子: Relation.CHILD,
  女: Relation.CHILD,
  父母: Relation.PARENT,
  父亲: Relation.PARENT,
  母亲: Relation.PARENT,
  孙子女: Relation.GRANDCHILD,
  孙子: Relation.GRANDCHILD,
  孙女: Relation.GRANDCHILD,
  祖父母: Relation.GRANDPARENT,
  外祖父母: Relation.GRANDPARENT,
  兄弟姐妹: Relation.SIBLING,
  其他: Relation.OTHER,
};

/** A header as written in a file, for matching: no spaces, half-width brackets, no BOM. */
export function headerKey(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/** The template as a CSV file (UTF-8 with a BOM, so Excel opens it in Chinese): headers and one example household. */
export function templateCsv(): string {
  const row = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  const example = TEMPLATE_COLUMNS.map((c) => c.example);
  const spouse = TEMPLATE_COLUMNS.map((c) =>
    c.key === 'name' ? '李强' : c.key === 'idNumber' ? '370783197605200019' : c.key === 'relation' ? '配偶' : c.required === 'every' ? c.example : '',
  );
  return '\uFEFF' + [row(TEMPLATE_COLUMNS.map((c) => c.header)), row(example), row(spouse)].join('\r\n') + '\r\n';
}
