import { checkCharacter } from '../../src/access/identity-number';

/** A valid resident identity number: 6-digit region, birth date YYYYMMDD, 3-digit sequence. */
export function idNumber(birth = '19800101', sequence = 1, region = '370783'): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

let next = 0;
/** A fresh valid identity number per call, unique within the test process. */
export function freshIdNumber(birth = '19800101'): string {
  next += 1;
  return idNumber(birth, next % 1000, String(370700 + Math.floor(next / 1000)).padStart(6, '0'));
}
