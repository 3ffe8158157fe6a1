import { isValidIsoDate, IsoDate } from '../common/dates';
import { Text, text } from '../common/text';

// GB 11643-1999 resident identity number (居民身份证号码): 6-digit region code, 8-digit birth
// date, 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Upper-cases a trailing x; trims nothing else (spaces inside are a format error). */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Checks a normalized number; null when valid. `today` bounds the birth date. */
export function idNumberProblem(idNumber: string, today: IsoDate): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'FORMAT';
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isValidIsoDate(birth) || birth > today || birth < '1890-01-01') return 'BIRTH_DATE';
  if (checkCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return 'CHECK_DIGIT';
  return null;
}

/** What a window clerk is told, in words of the card rather than of the algorithm. */
export function idNumberProblemText(problem: IdNumberProblem): Text {
  switch (problem) {
    case 'FORMAT':
      return text('身份证号码应为18位：前17位是数字，最后一位是数字或X，请核对。', 'An identity number has 17 digits followed by a digit or X.');
    case 'BIRTH_DATE':
      return text(
        '身份证号码第7至14位的出生日期不是真实日期或晚于今天，请核对。',
        'The birth date inside the identity number (digits 7 to 14) is not a real date, or lies in the future.',
      );
    case 'CHECK_DIGIT':
      return text('身份证号码校验位不正确，请核对第18位。', 'The last character of the identity number does not match the others: check the 18th character.');
  }
}

/** Masked form for callers who may not see it whole: first 6 and last 4 characters visible. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.slice(0, 6) + '*'.repeat(Math.max(0, idNumber.length - 10)) + idNumber.slice(-4);
}
