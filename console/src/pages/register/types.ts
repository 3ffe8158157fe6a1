import type { RegisterHouseholdDetailQuery } from '../../gql/graphql';

export type Household = NonNullable<RegisterHouseholdDetailQuery['registerHousehold']>;
export type TierRecord = Household['tiers'][number];
export type HouseholdReview = Household['reviews'][number];
