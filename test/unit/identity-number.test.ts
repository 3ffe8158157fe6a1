import {
  checkCharacter,
  idNumberProblem,
  idNumberProblemText,
  maskIdNumber,
  normalizeIdNumber,
} from '../../src/access/identity-number';

// GB 11643-1999 resident identity numbers. The check characters below are computed by an
// independent implementation of ISO 7064 MOD 11-2 (the recursive form of the standard, not the
// weight table the hub uses), so a wrong weight or a wrong character table in the hub shows up.
function iso7064Mod112(first17: string): string {
  let p = 0;
  for (const ch of first17) p = ((p + Number(ch)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

function withCheck(first17: string): string {
  return first17 + iso7064Mod112(first17);
}

/** A valid number whose check character is X (found by trying sequence numbers). */
function numberEndingInX(region = '370783', birth = '19800101'): string {
  for (let seq = 0; seq < 1000; seq++) {
    const n = withCheck(`${region}${birth}${String(seq).padStart(3, '0')}`);
    if (n.endsWith('X')) return n;
  }
  throw new Error('no sequence gives X');
}

const TODAY = '2026-03-02';

describe('GB 11643 check character (ISO 7064 MOD 11-2)', () => {
  it('matches the published example numbers of the standard', () => {
    // The example in GB 11643-1999 itself, and a second commonly cited one.
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    // Born 1880: a correct check character, but refused by the plausibility bound on the birth year.
    expect(idNumberProblem('440524188001010014', TODAY)).toBe('BIRTH_DATE');
  });

  it('agrees with the recursive MOD 11-2 form for every check value 0–10', () => {
    const seen = new Map<string, string>();
    for (let seq = 0; seq < 300 && seen.size < 11; seq++) {
      const first17 = `370783198003${String(10 + (seq % 18)).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
      const expected = iso7064Mod112(first17);
      expect(checkCharacter(first17)).toBe(expected);
      seen.set(expected, first17);
    }
    // Every one of the eleven possible check characters was exercised.
    expect([...seen.keys()].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('accepts numbers built with the independent implementation', () => {
    for (const n of [withCheck('37078319780312001'), withCheck('37070020120901123'), withCheck('11010520000229999'), numberEndingInX()]) {
      expect(idNumberProblem(n, TODAY)).toBeNull();
    }
  });

  it('refuses a wrong check character, and every other digit in its place', () => {
    const valid = withCheck('37078319780312001');
    const wrong = [...'0123456789X'].filter((c) => c !== valid[17]);
    expect(wrong).toHaveLength(10);
    for (const c of wrong) expect(idNumberProblem(valid.slice(0, 17) + c, TODAY)).toBe('CHECK_DIGIT');
  });

  it('detects a single changed digit and two swapped digits', () => {
    const valid = withCheck('37078319780312001');
    const changed = valid.slice(0, 15) + String((Number(valid[15]) + 1) % 10) + valid.slice(16);
    expect(idNumberProblem(changed, TODAY)).toBe('CHECK_DIGIT');
    // Swap positions 14 and 16 (sequence digits '0' and '1').
    const swapped = valid.slice(0, 14) + valid[16] + valid[15] + valid[14] + valid[17];
    expect(swapped).not.toBe(valid);
    expect(idNumberProblem(swapped, TODAY)).toBe('CHECK_DIGIT');
  });
});

describe('normalizeIdNumber and the format', () => {
  it('upper-cases a trailing lower-case x, which is then accepted as X', () => {
    const withX = numberEndingInX();
    const lower = withX.slice(0, 17) + 'x';
    expect(normalizeIdNumber(lower)).toBe(withX);
    expect(idNumberProblem(normalizeIdNumber(lower), TODAY)).toBeNull();
    // Not normalized, the lower-case x is not a valid character.
    expect(idNumberProblem(lower, TODAY)).toBe('FORMAT');
  });

  it('trims surrounding white space but not inner space', () => {
    const n = withCheck('37078319780312001');
    expect(normalizeIdNumber(`  ${n}\t`)).toBe(n);
    const inner = `${n.slice(0, 6)} ${n.slice(6)}`;
    expect(idNumberProblem(normalizeIdNumber(inner), TODAY)).toBe('FORMAT');
  });

  it.each([
    ['17 digits', '37078319780312001'],
    ['19 characters', '3707831978031200112'],
    ['empty', ''],
    ['a letter among the digits', '3707831978O3120011'],
    ['X not at the end', '37078319780312X011'],
    ['a letter other than X at the end', '37078319780312001A'],
    ['full-width digits', '３７０７８３１９７８０３１２００１１'],
  ])('refuses %s as FORMAT', (_what, value) => {
    expect(idNumberProblem(normalizeIdNumber(value), TODAY)).toBe('FORMAT');
  });
});

describe('the birth date inside the number', () => {
  it('refuses 2月30日 and other days that do not exist, even with a correct check character', () => {
    expect(idNumberProblem(withCheck('37078320000230001'), TODAY)).toBe('BIRTH_DATE');
    expect(idNumberProblem(withCheck('37078319990229001'), TODAY)).toBe('BIRTH_DATE');
    expect(idNumberProblem(withCheck('37078319000229001'), TODAY)).toBe('BIRTH_DATE'); // 1900 is not a leap year
    expect(idNumberProblem(withCheck('37078319800431001'), TODAY)).toBe('BIRTH_DATE');
    expect(idNumberProblem(withCheck('37078319801301001'), TODAY)).toBe('BIRTH_DATE');
    expect(idNumberProblem(withCheck('37078319800100001'), TODAY)).toBe('BIRTH_DATE');
  });

  it('accepts 29 February of a leap year', () => {
    expect(idNumberProblem(withCheck('37078320000229001'), TODAY)).toBeNull();
    expect(idNumberProblem(withCheck('37078320240229001'), TODAY)).toBeNull();
  });

  it('refuses a birth date after `today`, and accepts one on `today`', () => {
    expect(idNumberProblem(withCheck('37078320260303001'), '2026-03-02')).toBe('BIRTH_DATE');
    expect(idNumberProblem(withCheck('37078320260302001'), '2026-03-02')).toBeNull();
    // The bound is the `today` argument, not the machine's clock.
    expect(idNumberProblem(withCheck('37078320260303001'), '2026-03-03')).toBeNull();
    expect(idNumberProblem(withCheck('37078320300101001'), '2026-03-02')).toBe('BIRTH_DATE');
  });

  it('refuses an implausibly early birth year', () => {
    expect(idNumberProblem(withCheck('37078318891231001'), TODAY)).toBe('BIRTH_DATE');
    expect(idNumberProblem(withCheck('37078318900101001'), TODAY)).toBeNull();
  });

  it('names the problem in words of the card, in Chinese and English', () => {
    expect(idNumberProblemText('FORMAT')).toEqual({ zh: expect.stringContaining('18位'), en: expect.stringMatching(/17 digits/) });
    expect(idNumberProblemText('BIRTH_DATE')).toEqual({ zh: expect.stringContaining('出生日期'), en: expect.stringMatching(/birth date/) });
    expect(idNumberProblemText('CHECK_DIGIT')).toEqual({ zh: '身份证号码校验位不正确，请核对第18位。', en: expect.stringMatching(/18th character/) });
    // Never the algorithm's name: a window clerk does not know it.
    for (const p of ['FORMAT', 'BIRTH_DATE', 'CHECK_DIGIT'] as const) expect(JSON.stringify(idNumberProblemText(p))).not.toMatch(/ISO|MOD/);
  });
});

describe('maskIdNumber', () => {
  it('shows the first 6 and the last 4 characters and hides the 8 in between', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    const n = withCheck('37078319780312001');
    const masked = maskIdNumber(n);
    expect(masked).toHaveLength(18);
    expect(masked).toBe(`370783********${n.slice(14)}`);
    // The birth date is not readable from the masked form.
    expect(masked).not.toContain('19780312');
  });
});
