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

/** The per-county counts the register writer keeps agree with the households themselves. */
export async function expectCountsAgree(dataSource: { query(sql: string): Promise<Array<Record<string, unknown>>> }): Promise<void> {
  const norm = (rows: Array<Record<string, unknown>>) => rows.map((r) => `${r.county}|${r.tier}|${Number(r.n)}`).sort();
  const kept = await dataSource.query('SELECT county_code AS county, tier, households AS n FROM register_counts WHERE households <> 0');
  const real = await dataSource.query('SELECT county_code AS county, tier, COUNT(*) AS n FROM register_households WHERE tier IS NOT NULL GROUP BY county_code, tier');
  expect(norm(kept)).toEqual(norm(real));
}
