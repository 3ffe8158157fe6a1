// How a department's system claims referrals (领取): the limits and defaults of claimReferrals,
// read by the API and the console's workbench alike. Pure, no imports.

/** At most this many referrals per claim. */
export const MAX_CLAIM = 100;
/** Referrals per claim when the caller names none. */
export const DEFAULT_CLAIM_LIMIT = 20;
export const MIN_LEASE_SECONDS = 10;
export const MAX_LEASE_SECONDS = 3600;
/** How long claimed referrals stay with the claimer unless it names a lease (the published contract's 300). */
export const DEFAULT_LEASE_SECONDS = 300;
