/**
 * Stable codes of the userErrors of a case's own commands (materials at the window, withdrawal,
 * ownership). NOT_FOUND, ILLEGAL_TRANSITION and INVALID_REASON read exactly as the referral
 * lifecycle's codes of the same name (referrals/referral.errors.ts). Clients switch on these; never
 * rename one.
 */
export enum CaseErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  INVALID_REASON = 'INVALID_REASON',
  /** The clerk to transfer a case to is empty, too long or holds control characters. */
  INVALID_OWNER = 'INVALID_OWNER',
  /** The case is already owned by the clerk it was to be transferred to. */
  SAME_OWNER = 'SAME_OWNER',
}
