// A case's status: OPEN from intake until it is CLOSED (every referral finished) or WITHDRAWN (the
// applicant withdrew). Changed only in case-lifecycle.ts.
export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}
