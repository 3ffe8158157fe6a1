import type { Caller } from '../access/roles';
import type { IsoDate } from '../calendar/working-days';
import type { Hub } from '../hub';
import type { Loaders } from '../graphql/loaders';

/**
 * Everything one request carries: the verified caller, the hub's clock reading (one "now" per
 * request, so every field agrees), the per-request DataLoaders and the people whose identity
 * numbers were read whole (written to the access log when the response is sent).
 */
export interface RequestContext {
  hub: Hub;
  caller: Caller | null;
  now: Date;
  today: IsoDate;
  /** Replaced after every mutation (see freshLoaders), so a later field never reads a stale row. */
  loaders: Loaders;
  unmaskedReads: Set<string>;
}
