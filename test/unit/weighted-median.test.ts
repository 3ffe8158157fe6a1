import { weightedMedian } from '../../src/reports/sla-report.service';

/** The median of the list written out: what slaReport answered before it counted in groups. */
function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

describe('weightedMedian', () => {
  it('is null for no values', () => {
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ value: 3, weight: 0 }])).toBeNull();
  });

  it('equals the median of the values repeated by their weights, odd and even counts', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const groups = Array.from({ length: 1 + Math.floor(next() * 8) }, () => ({ value: Math.floor(next() * 30), weight: Math.floor(next() * 5) }));
      const expanded = groups.flatMap((g) => Array<number>(g.weight).fill(g.value));
      expect(weightedMedian(groups)).toBe(medianOf(expanded));
    }
  });
});
