// GraphQL documents of the low-income register, shared by its end-to-end tests.

export const TIER_FIELDS = `id tier effectiveFrom effectiveTo perCapitaIncomeFen standardFen standardSource reasons source documentNo
  monthlyAmountFen nextReviewDate exitReason exitNote createdBy case { id caseNo }`;

export const HOUSEHOLD_FIELDS = `id townshipCode townshipName countyName villageCode headName headIdNumberMasked memberCount tier tierSince nextReviewDate
  members { id name relation idNumber joinedOn leftOn }
  tiers { ${TIER_FIELDS} }
  cases { id caseNo }`;

export const REGISTER_HOUSEHOLD = `query Household($id: ID!) { registerHousehold(id: $id) { ${HOUSEHOLD_FIELDS} } }`;

export const REGISTER_HOUSEHOLDS = `query Households($filter: RegisterFilter, $first: Int, $after: String) {
  registerHouseholds(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id townshipCode townshipName headName headIdNumberMasked memberCount tier tierSince nextReviewDate members { name idNumber } } }
  }
}`;

export const CASE_REGISTER = `query CaseRegister($id: ID!) { case(id: $id) { id townshipName registerHousehold { id tier } } }`;

export const REVIEW_FIELDS = `id tier townshipCode townshipName dueDate deadlineDate deadlineProvisional status outcome completedOn completedBy note
  atRiskAt overdueAt slaState workingDaysLeft household { id tier nextReviewDate } newTier { ${TIER_FIELDS} }`;

export const REGISTER_REVIEWS = `query Reviews($filter: ReviewFilter, $first: Int, $after: String) {
  registerReviews(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ${REVIEW_FIELDS} } }
  }
}`;

export const RECORD_REVIEW = `mutation Record($input: RecordReviewOutcomeInput!) {
  recordReviewOutcome(input: $input) { review { ${REVIEW_FIELDS} } userErrors { code field message } }
}`;
