import { EntityManager } from 'typeorm';

// Households in a tier per county (register_counts), moved by the register writer in the same
// transaction as the change it counts, so a county's list is counted from a few rows instead of
// all its households. Increments are single statements: two processes' changes add up.

/** Adds `delta` households of `tier` in `countyCode` (a row made at the first). */
export async function addToCount(m: EntityManager, countyCode: string, tier: string, delta: number): Promise<void> {
  if (delta === 0) return;
  const upsert =
    m.connection.options.type === 'mysql'
      ? 'INSERT INTO register_counts (county_code, tier, households) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE households = households + VALUES(households)'
      : 'INSERT INTO register_counts (county_code, tier, households) VALUES (?, ?, ?) ON CONFLICT (county_code, tier) DO UPDATE SET households = households + excluded.households';
  await m.query(upsert, [countyCode, tier, delta]);
}

/** Moves a household's count from one (county, tier) to another; either side may be none. */
export async function moveCount(m: EntityManager, from: { countyCode: string; tier: string | null }, to: { countyCode: string; tier: string | null }): Promise<void> {
  if (from.countyCode === to.countyCode && from.tier === to.tier) return;
  if (from.tier) await addToCount(m, from.countyCode, from.tier, -1);
  if (to.tier) await addToCount(m, to.countyCode, to.tier, 1);
}
