// The case list's filters and where they live. Status, SLA state, department, region, dates and the
// receipt-number prefix go in the URL (a list can be bookmarked and shared). The applicant's name
// and identity number never do: a URL ends up in browser history, proxies and logs, which is why
// the hub refuses GET. Those two live only in the page's memory.

import type { CaseFilter, CaseStatus, Department, SlaState } from '../../gql/graphql';
import { CASE_STATUS, DEPARTMENT, SLA_STATE } from '../../labels';
import { isRegionPrefix } from '../../../../src/access/division-code';
import { listParam, oneParam } from '../../url-filters';

export interface ListFilters {
  status: string[];
  slaState: string[];
  department: string | null;
  /** Region code prefix; '' = the caller's whole region. */
  region: string;
  acceptedFrom: string | null;
  acceptedTo: string | null;
  caseNoPrefix: string | null;
}

/** Personal data searched for: kept out of the URL. */
export interface PrivateSearch {
  applicantName: string | null;
  idNumber: string | null;
}

export const NO_PRIVATE_SEARCH: PrivateSearch = { applicantName: null, idNumber: null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ID_NUMBER = /^\d{17}[\dXx]$/;

/** Filters read from the URL; anything unknown or malformed is ignored. */
export function filtersFromUrl(params: URLSearchParams, defaultRegion: string, statusNames: Record<string, string> = CASE_STATUS): ListFilters {
  const region = params.get('region');
  const date = (key: string) => {
    const value = params.get(key);
    return value && DATE.test(value) ? value : null;
  };
  const prefix = params.get('no');
  return {
    status: listParam(params, 'status', statusNames),
    slaState: listParam(params, 'sla', SLA_STATE),
    department: oneParam(params, 'department', DEPARTMENT),
    region: region !== null && isRegionPrefix(region, true) ? region : defaultRegion,
    acceptedFrom: date('from'),
    acceptedTo: date('to'),
    caseNoPrefix: prefix && /^\d{1,22}$/.test(prefix) ? prefix : null,
  };
}

export function filtersToUrl(filters: ListFilters, defaultRegion: string): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.slaState.length) params.set('sla', filters.slaState.join(','));
  if (filters.department) params.set('department', filters.department);
  if (filters.region !== defaultRegion) params.set('region', filters.region);
  if (filters.acceptedFrom) params.set('from', filters.acceptedFrom);
  if (filters.acceptedTo) params.set('to', filters.acceptedTo);
  if (filters.caseNoPrefix) params.set('no', filters.caseNoPrefix);
  return params;
}

/** The API's CaseFilter. */
export function caseFilterOf(filters: ListFilters, search: PrivateSearch): CaseFilter {
  return {
    status: filters.status.length ? (filters.status as CaseStatus[]) : undefined,
    slaState: filters.slaState.length ? (filters.slaState as SlaState[]) : undefined,
    department: (filters.department as Department | null) ?? undefined,
    regionCode: filters.region || undefined,
    acceptedFrom: filters.acceptedFrom ?? undefined,
    acceptedTo: filters.acceptedTo ?? undefined,
    caseNoPrefix: filters.caseNoPrefix ?? undefined,
    applicantName: search.applicantName ?? undefined,
    idNumber: search.idNumber ?? undefined,
  };
}

/** The filter form's field of an API input field (as named in BAD_USER_INPUT errors). */
export function formFieldOf(apiField: string | undefined): string | null {
  switch (apiField) {
    case 'regionCode':
      return 'region';
    case 'acceptedFrom':
    case 'acceptedTo':
      return 'accepted';
    case 'status':
    case 'slaState':
    case 'department':
    case 'caseNoPrefix':
    case 'applicantName':
    case 'idNumber':
      return apiField;
    default:
      return null;
  }
}
