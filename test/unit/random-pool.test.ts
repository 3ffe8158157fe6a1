import { randomBytesPooled, randomFraction } from '../../src/common/random-pool';

// The pooled generator hands each byte out once, across refills of its pool.
describe('pooled random bytes', () => {
  it('gives fresh values of the asked length, none repeated across many refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      const iv = randomBytesPooled(12);
      expect(iv).toHaveLength(12);
      seen.add(iv.toString('hex'));
    }
    expect(seen.size).toBe(50_000);
  });

  it('copies what it hands out, so the next refill does not change an earlier value', () => {
    const first = randomBytesPooled(12);
    const copy = Buffer.from(first);
    for (let i = 0; i < 3000; i++) randomBytesPooled(12);
    expect(first.equals(copy)).toBe(true);
  });

  it('refuses more than 256 bytes at once, and draws fractions in [0, 1)', () => {
    expect(() => randomBytesPooled(257)).toThrow(RangeError);
    for (let i = 0; i < 1000; i++) {
      const f = randomFraction();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });
});
