import { monotonicFactory } from 'ulid';

// ULIDs: sortable by creation time, no auto-increment (portable to TiDB). Monotonic within a
// process, so events appended in one transaction keep their order even within one millisecond.
const nextUlid = monotonicFactory();

export function newId(at?: Date): string {
  return nextUlid(at ? at.getTime() : undefined);
}
