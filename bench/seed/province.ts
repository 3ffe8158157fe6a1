import { IsoDate } from '../../src/common/dates';
import { isTownshipCode } from '../../src/access/division-code';

// A province's administrative divisions, shaped like the real ones (GB/T 2260): a 2-digit
// province (37, Shandong), 16 prefectures (3701–3716), 140 counties with 6-digit codes (districts
// numbered 02 upwards, county-level cities 81 upwards, as 370702 潍城区 and 370783 寿光市), and
// 1,800 townships with 9-digit codes (sub-districts 001 upwards, towns 100 upwards). A region
// prefix of 2, 4 or 6 digits (src/access/division-code.ts) then selects the province, a
// prefecture or a county.

export const PROVINCE = '37';
const PREFECTURES = 16;
const COUNTIES = 140;
const TOWNSHIPS = 1_800;

export interface Division {
  counties: string[];
  townships: string[];
  /** The townships of each county. */
  townshipsOf: Map<string, string[]>;
}

export function provinceDivisions(): Division {
  const counties: string[] = [];
  for (let p = 1; p <= PREFECTURES; p++) {
    // 140 = 16 × 8 + 12: the first twelve prefectures have nine counties.
    const n = Math.floor(COUNTIES / PREFECTURES) + (p <= COUNTIES % PREFECTURES ? 1 : 0);
    const prefecture = `${PROVINCE}${String(p).padStart(2, '0')}`;
    // Four districts, then county-level cities.
    for (let i = 0; i < n; i++) counties.push(prefecture + (i < 4 ? String(2 + i).padStart(2, '0') : String(81 + i - 4)));
  }
  const townshipsOf = new Map<string, string[]>();
  const townships: string[] = [];
  counties.forEach((county, i) => {
    // 1,800 = 140 × 12 + 120: the first 120 counties have thirteen.
    const n = Math.floor(TOWNSHIPS / COUNTIES) + (i < TOWNSHIPS % COUNTIES ? 1 : 0);
    const mine: string[] = [];
    for (let t = 0; t < n; t++) mine.push(county + (t < 4 ? String(1 + t).padStart(3, '0') : String(100 + t - 4)));
    townshipsOf.set(county, mine);
    townships.push(...mine);
  });
  for (const t of townships) if (!isTownshipCode(t)) throw new Error(`not a township code: ${t}`);
  return { counties, townships, townshipsOf };
}

/** Two years of intake: the official calendars the hub ships start here. */
export const PROVINCE_START: IsoDate = '2025-01-01';

/** Referrals per case for the province, weighted by repetition: three on average. */
export const PROVINCE_REFERRALS_PER_CASE = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4];
