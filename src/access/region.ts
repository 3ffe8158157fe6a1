import { WhereExpressionBuilder } from 'typeorm';
import { Text, text } from '../common/text';
import { badInput, forbidden } from './guard';
import type { Caller } from './roles';

// Region scope (辖区): a caller's region is an administrative-division code prefix (2, 4, 6, 9 or
// 12 digits; '' for the whole country), and a thing is inside it when its division code (a
// township's, for cases and referrals) starts with that prefix. Every region check of the hub
// goes through this file.

const PREFIX = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/** True for a division-code prefix; '' (nationwide) only when `nationwide` allows it. */
export function isRegionPrefix(value: string, nationwide = false): boolean {
  return PREFIX.test(value) || (nationwide && value === '');
}

export const REGION_PREFIX_RULE: Text = text(
  '行政区划代码前缀应为2、4、6、9或12位数字',
  'an administrative-division code prefix of 2, 4, 6, 9 or 12 digits',
);

/** A township's (乡镇/街道) code: 9 digits, the last three 001–999 (000 is the county itself). */
const TOWNSHIP_CODE = /^\d{6}(?!000)\d{3}$/;

export function isTownshipCode(value: string): boolean {
  return TOWNSHIP_CODE.test(value);
}

export const TOWNSHIP_CODE_RULE: Text = text(
  '乡镇（街道）代码应为9位行政区划代码，且后三位不能是000。',
  'The township code must be the 9-digit administrative-division code of a township or sub-district.',
);

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
  if (region) qb.andWhere(`${column} LIKE :regionPrefix`, { regionPrefix: `${region}%` });
  return qb;
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
