import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

// ULIDs: sortable by creation time, no auto-increment (portable to TiDB). Monotonic within a
// process, so events appended in one transaction keep their order even within one millisecond.

// The library draws one byte from the system's generator per character (16 calls per id); a
// pooled buffer of cryptographic random bytes, refilled 4 KiB at a time, gives the same bytes
// for a fraction of the calls.
const pool = Buffer.alloc(4096);
let next = pool.length;
function pooledRandom(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++] / 256;
}

const nextUlid = monotonicFactory(pooledRandom);

export function newId(at?: Date): string {
  return nextUlid(at ? at.getTime() : undefined);
}
