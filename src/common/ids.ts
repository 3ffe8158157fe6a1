import { randomFraction } from './random-pool';
import { monotonicFactory } from 'ulid';

// ULIDs: sortable by creation time, no auto-increment (portable to TiDB). Monotonic within a
// process, so events appended in one transaction keep their order even within one millisecond.

// The library draws one byte from the system's generator per character (16 calls per id): a
// pooled buffer (common/random-pool.ts) gives the same bytes for a fraction of the calls.
const nextUlid = monotonicFactory(randomFraction);

export function newId(at?: Date): string {
  return nextUlid(at ? at.getTime() : undefined);
}
