import { IsoDate } from './dates';

/** An entry of regional data: where it applies (a division-code prefix, '' = everywhere) and from when. */
export interface RegionalEntry {
  prefix: string;
  effectiveFrom: IsoDate;
}

/**
 * The entry in force for a township on a day: of the entries whose prefix matches the township
 * and whose `effectiveFrom` is on or before the day, the longest prefix, then the latest date.
 */
export function entryInForce<T extends RegionalEntry>(entries: readonly T[], townshipCode: string, on: IsoDate): T | null {
  let best: T | null = null;
  for (const s of entries) {
    if (!townshipCode.startsWith(s.prefix) || s.effectiveFrom > on) continue;
    if (!best || s.prefix.length > best.prefix.length || (s.prefix.length === best.prefix.length && s.effectiveFrom > best.effectiveFrom)) best = s;
  }
  return best;
}
