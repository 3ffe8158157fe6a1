import type { CaseDetailQuery } from '../../gql/graphql';

export type CaseDetail = NonNullable<CaseDetailQuery['case']>;
export type CaseReferral = CaseDetail['referrals'][number];
export type CaseMember = CaseDetail['household'][number];
export type CaseEvent = CaseDetail['timeline'][number];
