import type { Caller } from '../access/roles';
import type { IsoDate } from './dates';
import type { Loaders } from '../graphql/loaders';
import type { Lang } from './text';

/**
 * Everything one request carries: the verified caller, the hub's clock reading (one "now" per
 * request, so every field agrees), the reader's language, the per-request DataLoaders and the
 * people whose identity numbers were read whole (written to the access log when the response is
 * sent). Services are not reached through it: each gets what it needs through its constructor.
 */
export interface RequestContext {
  caller: Caller | null;
  now: Date;
  today: IsoDate;
  lang: Lang;
  /** Replaced after every mutation (see Loaders.fresh), so a later field never reads a stale row. */
  loaders: Loaders;
  unmaskedReads: Set<string>;
}
