import { WhereExpressionBuilder } from 'typeorm';
import { text } from '../common/text';
import { isRegionPrefix, REGION_PREFIX_RULE } from './division-code';
import { badInput, forbidden } from './guard';
import type { Caller } from './roles';

// Region scope (辖区): a caller's region is an administrative-division code prefix (2, 4, 6, 9 or
// 12 digits; '' for the whole country), and a thing is inside it when its division code (a
// township's, for cases and referrals) starts with that prefix. Every region check of the hub
// goes through this file.

// The code formats themselves are pure (division-code.ts), so the console shares them.
export { isRegionPrefix, isTownshipCode, REGION_PREFIX_RULE, TOWNSHIP_CODE_RULE } from './division-code';

/** True when a division code (a township's, a case number's start) lies inside `region`. */
export function inRegion(region: string, divisionCode: string): boolean {
  return divisionCode.startsWith(region);
}

/** FORBIDDEN unless the division code lies inside the caller's region. */
export function assertInRegion(caller: Caller, divisionCode: string): void {
  if (!inRegion(caller.region, divisionCode)) throw forbidden();
}

/** Limits a query to rows whose `column` (a division code) lies inside `region`: an index range. */
export function whereInRegion<Q extends WhereExpressionBuilder>(qb: Q, column: string, region: string): Q {
  if (region) {
    const condition = namedSqlInRegion(column, region, 'regionPrefix');
    qb.andWhere(condition.sql, condition.params);
  }
  return qb;
}

/** The same limit for hand-written SQL: a condition to AND in (empty for the whole country) and its parameters. */
export function sqlInRegion(column: string, region: string): { sql: string; params: string[] } {
  return region ? { sql: ` AND ${column} LIKE ?`, params: [`${region}%`] } : { sql: '', params: [] };
}

/** The same limit as a condition with a named parameter, for a subquery written inside a query builder's SQL. */
export function namedSqlInRegion(column: string, region: string, name: string): { sql: string; params: Record<string, string> } {
  return region ? { sql: `${column} LIKE :${name}`, params: { [name]: `${region}%` } } : { sql: '1 = 1', params: {} };
}

/**
 * Limits a query of cases, or of register households (both keep township_code and county_code), to `region`. A county (6 digits) reads the stored county
 * code (migration 1763870400006), an equality that keeps the newest-first order of its index;
 * any other prefix the township code's range.
 */
export function whereCaseInRegion<Q extends WhereExpressionBuilder>(qb: Q, alias: string, region: string): Q {
  if (region.length === 6) return qb.andWhere(`${alias}.county_code = :regionCounty`, { regionCounty: region }) as Q;
  return whereInRegion(qb, `${alias}.township_code`, region);
}

/** The effective region prefix of a filter: inside the caller's own region, or FORBIDDEN. */
export function effectiveRegion(
  callerRegion: string,
  requested: string | null | undefined,
  field: string[] = ['filter', 'regionCode'],
): string {
  if (requested == null) return callerRegion;
  if (!isRegionPrefix(requested)) {
    throw badInput(text(`regionCode 应为${REGION_PREFIX_RULE.zh}。`, `regionCode is ${REGION_PREFIX_RULE.en}.`), field);
  }
  if (inRegion(callerRegion, requested)) return requested;
  throw forbidden();
}
