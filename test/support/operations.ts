// GraphQL documents the e2e tests share.
export const CASE_FIELDS = `
  id caseNo townshipCode status mode channel acceptedAt closedAt perCapitaMonthlyIncomeFen
  missingMaterials emergencyAdvanceFen
  applicant { id name idNumber }
  household { relation monthlyIncomeFen schoolStage laborCapable employed person { id name idNumber } }
  referrals { id department category status externalRef outstandingMaterials
    sla { state dueDate workingDaysUsed workingDaysLeft pausedWorkingDays provisional }
    outcome { decision amountFen note decidedAt } }
  sla { state dueDate workingDaysUsed workingDaysLeft pausedWorkingDays provisional }
  timeline { at type actor note referral { id } }
`;

export const SUBMIT = `mutation Submit($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { case { ${CASE_FIELDS} } userErrors { field message code } }
}`;

export const REFERRAL_FIELDS = `id department category status externalRef outstandingMaterials
  sla { state dueDate workingDaysUsed workingDaysLeft pausedWorkingDays provisional }
  outcome { decision amountFen note decidedAt }
  case { id caseNo status }`;

export const CLAIM = `mutation Claim($department: Department!, $limit: Int!, $leaseSeconds: Int! = 300) {
  claimReferrals(department: $department, limit: $limit, leaseSeconds: $leaseSeconds) { referrals { ${REFERRAL_FIELDS} } userErrors { field message code } }
}`;

export const ACK = `mutation Ack($id: ID!, $externalRef: String) {
  acknowledgeReferral(id: $id, externalRef: $externalRef) { referral { ${REFERRAL_FIELDS} } userErrors { field message code } }
}`;

export const REQUEST_SUPPLEMENT = `mutation Req($id: ID!, $materials: [String!]!, $note: String) {
  requestSupplement(id: $id, materials: $materials, note: $note) { referral { ${REFERRAL_FIELDS} } userErrors { field message code } }
}`;

export const PROVIDE_SUPPLEMENT = `mutation Provide($caseId: ID!, $materials: [String!]!) {
  provideSupplement(caseId: $caseId, materials: $materials) { case { ${CASE_FIELDS} } userErrors { field message code } }
}`;

export const RESOLVE = `mutation Resolve($id: ID!, $decision: Decision!, $amountFen: Int, $note: String) {
  resolveReferral(id: $id, decision: $decision, amountFen: $amountFen, note: $note) { referral { ${REFERRAL_FIELDS} } userErrors { field message code } }
}`;

export const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String!) {
  withdrawCase(id: $id, reason: $reason) { case { ${CASE_FIELDS} } userErrors { field message code } }
}`;

export const CASE = `query Case($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`;
