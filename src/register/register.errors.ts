/** The register's userError codes: stable, what clients switch on. */
export enum RegisterErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  MEMBER_IN_OTHER_HOUSEHOLD = 'MEMBER_IN_OTHER_HOUSEHOLD',
  TIER_BEFORE_CURRENT = 'TIER_BEFORE_CURRENT',
}
