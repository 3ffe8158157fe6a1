// Who sees the register's screens: the hub's own rule (src/access/register-rights.ts, free of GraphQL) applied to
// the signed-in user. The hub checks every request again; this only keeps the menu honest.

import { readsRegister as hubReadsRegister, recordsReviews as hubRecordsReviews, writesRegister as hubWritesRegister } from '../../src/access/register-rights';
import type { Caller } from '../../src/access/roles';
import type { Session } from './session';

const callerOf = (session: Session): Caller => ({ sub: session.userId, role: session.role, region: session.region, department: session.department }) as Caller;

/** The register, its households and its reviews: everyone but departments other than civil affairs. */
export const readsRegister = (session: Session): boolean => hubReadsRegister(callerOf(session));

/** Imports and their approval: civil affairs and administrators. */
export const writesRegister = (session: Session): boolean => hubWritesRegister(callerOf(session));

/** Review outcomes: township clerks, civil affairs and administrators (a dashboard only reads). */
export const recordsReviews = (session: Session): boolean => hubRecordsReviews(callerOf(session));
