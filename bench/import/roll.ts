import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { checkCharacter } from '../../src/access/identity-number';

// A generated county roll in the import template's columns (src/register/import/import-template.ts):
// households of 1–6 people (about 3.3 on average), tiers in the proportions of a county's rolls,
// tiers begun over the last three years, and realistic mistakes in about 1 % of the rows (a wrong
// check digit, an impossible date, a tier name not in the list, a missing name, a township code of
// the wrong length). Written as a stream: a million rows never sit in memory.

const HEADER = ['户主姓名', '户主身份证号码', '成员姓名', '身份证号码', '与户主关系', '乡镇（街道）代码', '村（社区）代码', '类别', '认定日期', '月人均收入', '保障金额', '批准文号'];
const SIZES = [1, 2, 3, 4, 5, 3, 4, 2, 3, 6];
const TIERS: Array<[string, number]> = [['低保', 55], ['特困', 12], ['低保边缘', 18], ['刚性支出困难', 8], ['防返贫监测', 5], ['其他关注对象', 2]];
const RELATIONS = ['配偶', '子女', '子女', '父母', '孙子女'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '秀英 桂兰 建国 志强 海燕 春花 德厚 明 芳 伟 娜 军 敏 静 磊 洋 勇 艳 杰 娟'.split(' ');
const MISTAKES = ['checksum', 'date', 'tier', 'name', 'township'] as const;

export interface RollFigures {
  rows: number;
  households: number;
  rowsWithMistakes: number;
  bytes: number;
}

/** A small deterministic generator (mulberry32), so two runs write the same roll. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes a roll of about `rows` rows for the townships given; returns what it wrote. */
export async function writeRoll(path: string, rows: number, townships: string[], today: string, seed = 1, mistakeShare = 0.01): Promise<RollFigures> {
  const rand = random(seed);
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (cells: string[]) => {
    const line = cells.join(',') + '\r\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(HEADER);
  let serial = 0;
  // Unique numbers: the serial spread over birth dates and the 3-digit sequence.
  const idNumber = (birthYear: number) => {
    serial += 1;
    const day = 1 + (serial % 28);
    const month = 1 + (Math.floor(serial / 28) % 12);
    const sequence = Math.floor(serial / 336) % 1000;
    const area = 370700 + (Math.floor(serial / 336_000) % 100);
    const first17 = `${area}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  };
  const start = Date.parse(`${today}T00:00:00Z`) - 3 * 365 * 86_400_000;
  let written = 0;
  let households = 0;
  let mistakes = 0;
  while (written < rows) {
    const size = SIZES[households % SIZES.length];
    households += 1;
    const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)];
    const name = () => surname + GIVEN[Math.floor(rand() * GIVEN.length)];
    const head = { name: name(), id: idNumber(1940 + Math.floor(rand() * 50)) };
    const township = townships[Math.floor(rand() * townships.length)];
    let pick = rand() * 100;
    const tier = TIERS.find(([, share]) => (pick -= share) < 0)?.[0] ?? '低保';
    const from = new Date(start + Math.floor(rand() * 3 * 365) * 86_400_000).toISOString().slice(0, 10);
    const income = (100 + Math.floor(rand() * 900)).toFixed(2);
    const amount = tier === '低保' || tier === '特困' ? (200 + Math.floor(rand() * 600)).toFixed(0) : '';
    for (let j = 0; j < size; j++) {
      const member = j === 0 ? head : { name: name(), id: idNumber(1950 + Math.floor(rand() * 70)) };
      const cells = [head.name, head.id, member.name, member.id, j === 0 ? '户主' : RELATIONS[(j - 1) % RELATIONS.length], j === 0 ? township : '', '', j === 0 ? tier : '', j === 0 ? from : '', j === 0 ? income : '', j === 0 ? amount : '', ''];
      if (rand() < mistakeShare) {
        mistakes += 1;
        const kind = MISTAKES[Math.floor(rand() * MISTAKES.length)];
        if (kind === 'checksum') cells[3] = cells[3].slice(0, 17) + (cells[3][17] === '0' ? '1' : '0');
        else if (kind === 'date') cells[8] = '2025-02-30';
        else if (kind === 'tier') cells[7] = '五保户';
        else if (kind === 'name') cells[2] = '';
        else cells[5] = township.slice(0, 7);
        // A mistake in a head-only column of a member row is no mistake (the column is ignored there).
        if (j > 0 && (kind === 'date' || kind === 'tier' || kind === 'township')) cells[2] = '';
      }
      await write(cells);
      written += 1;
    }
  }
  out.end();
  await once(out, 'finish');
  return { rows: written, households, rowsWithMistakes: mistakes, bytes };
}
