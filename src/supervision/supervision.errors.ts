/** Stable codes of the supervision notices' userErrors. */
export enum SupervisionErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  NOT_OPEN = 'NOT_OPEN',
  INVALID_REASON = 'INVALID_REASON',
  INVALID_PROMISED_DATE = 'INVALID_PROMISED_DATE',
}
