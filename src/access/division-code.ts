// Administrative-division codes (行政区划代码) as the hub accepts them. Pure (no database, no
// GraphQL): the web console checks its inputs with the same rules.
import { Text, text } from '../common/text';

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
