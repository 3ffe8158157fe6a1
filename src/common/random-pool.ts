import { randomFillSync } from 'node:crypto';

// Cryptographic random bytes drawn from a pooled buffer: the system's generator is asked for 16 KiB
// at a time rather than once per value. A call to it costs ~10 µs whatever its size, which at a
// million identity numbers sealed (one IV each) or a million ids was seconds of an import. The
// bytes are the generator's own; each is handed out once.

const pool = Buffer.alloc(16 * 1024);
let next = pool.length;

/** `n` fresh random bytes (n ≤ 256), copied out of the pool. */
export function randomBytesPooled(n: number): Buffer {
  if (n > 256) throw new RangeError('randomBytesPooled takes at most 256 bytes');
  if (next + n > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const out = Buffer.from(pool.subarray(next, next + n));
  next += n;
  return out;
}

/** One random byte as a number in [0, 1): what the ULID library draws per character. */
export function randomFraction(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++] / 256;
}
