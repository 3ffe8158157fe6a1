import { freshIdNumber } from './people';
import { TOWNSHIP } from './environment';

// Generated rolls for the register's import tests: households of one head and 0–3 members in the
// template's columns, with errors seeded at known rows.

export const ROLL_HEADER = ['户主姓名', '户主身份证号码', '成员姓名', '身份证号码', '与户主关系', '乡镇（街道）代码', '村（社区）代码', '类别', '认定日期', '月人均收入', '保障金额', '批准文号'];

export interface RollHousehold {
  head: { name: string; idNumber: string };
  members: Array<{ name: string; idNumber: string; relation: string }>;
  tier: string;
  effectiveFrom: string;
  amount: string;
  township?: string;
}

const SURNAMES = '王李张刘陈杨赵黄周吴';
const GIVEN = '秀英 强 明 芳 伟 娜 军 敏 静 磊'.split(' ');

/** `count` households, sizes 1–4 in turn. */
export function generateHouseholds(count: number): RollHousehold[] {
  const households: RollHousehold[] = [];
  for (let i = 0; i < count; i++) {
    const surname = SURNAMES[i % SURNAMES.length];
    const head = { name: surname + GIVEN[i % GIVEN.length], idNumber: freshIdNumber('19700101') };
    const members = Array.from({ length: i % 4 }, (_, j) => ({ name: surname + GIVEN[(i + j + 1) % GIVEN.length], idNumber: freshIdNumber(j === 0 ? '19720303' : '20100505'), relation: j === 0 ? '配偶' : '子女' }));
    households.push({ head, members, tier: ['低保', '特困', '低保边缘', '刚性支出困难'][i % 4], effectiveFrom: '2025-07-01', amount: i % 4 === 0 ? '450.00' : '' });
  }
  return households;
}

/** The rows of households in the template's columns (the header first). */
export function rollRows(households: RollHousehold[]): string[][] {
  const rows = [ROLL_HEADER];
  for (const h of households) {
    const township = h.township ?? TOWNSHIP;
    rows.push([h.head.name, h.head.idNumber, h.head.name, h.head.idNumber, '户主', township, '', h.tier, h.effectiveFrom, '300', h.amount, '']);
    for (const m of h.members) rows.push([h.head.name, h.head.idNumber, m.name, m.idNumber, m.relation, '', '', '', '', '', '', '']);
  }
  return rows;
}

export function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}
