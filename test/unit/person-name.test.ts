import {
  describeNameProblem,
  MAX_NAME_LENGTH,
  nameProblem,
  NameProblemDetail,
  normalizeName,
} from '../../src/intake/person-name';

/** Normalizes, then checks: what the intake does with a typed name. */
const check = (raw: string): NameProblemDetail | null => nameProblem(normalizeName(raw));
const codePoints = (s: string): string[] => [...s].map((c) => (c.codePointAt(0) ?? 0).toString(16).toUpperCase());
const invalid = (position: number, character: string): NameProblemDetail => ({ problem: 'INVALID_CHARACTER', position, character });

/** Whether the running engine's Unicode data knows the code point (Ext I is Unicode 15.1, Ext J 17.0). */
const known = (cp: number): boolean => /\p{L}/u.test(String.fromCodePoint(cp));

describe('normalizeName', () => {
  it('trims ordinary, ideographic and no-break spaces and line breaks at both ends', () => {
    expect(normalizeName('  王秀英 ')).toBe('王秀英');
    expect(normalizeName('\u3000王秀英\u00A0\r\n')).toBe('王秀英');
    expect(normalizeName('\t李强\t')).toBe('李强');
  });

  it('NFC-composes a letter typed as base + combining accent', () => {
    const decomposed = 'Jose\u0301 Marti\u0301nez';
    expect(normalizeName(decomposed)).toBe('Jos\u00E9 Mart\u00EDnez');
    expect([...normalizeName(decomposed)]).toHaveLength(13);
  });

  it('maps CJK compatibility ideographs to their unified equivalents (NFC)', () => {
    expect(codePoints(normalizeName('\u{2F800}\uF900'))).toEqual(['4E3D', '8C48']);
  });

  it.each([
    ['U+30FB katakana middle dot', '阿沛\u30FB阿旺晋美'],
    ['U+FF65 halfwidth katakana middle dot', '阿沛\uFF65阿旺晋美'],
    ['U+2022 bullet', '阿沛\u2022阿旺晋美'],
    ['U+2027 hyphenation point (Big5)', '阿沛\u2027阿旺晋美'],
    ['U+2219 bullet operator', '阿沛\u2219阿旺晋美'],
    ['U+22C5 dot operator', '阿沛\u22C5阿旺晋美'],
    ['U+2E31 word separator middle dot', '阿沛\u2E31阿旺晋美'],
    ['U+0387 Greek ano teleia (NFC)', '阿沛\u0387阿旺晋美'],
    ['U+00B7 with spaces around it', '阿沛 · 阿旺晋美'],
  ])('unifies %s to the middle dot U+00B7', (_label, typed) => {
    const name = normalizeName(typed);
    expect(name).toBe('阿沛\u00B7阿旺晋美');
    expect(nameProblem(name)).toBeNull();
  });

  it('unifies the dot in Uyghur names written in Chinese: 买买提·艾力', () => {
    expect(normalizeName('买买提・艾力')).toBe('买买提\u00B7艾力');
    expect(normalizeName('买买提•艾力')).toBe('买买提\u00B7艾力');
    expect(normalizeName('买买提\u3000•\u3000艾力')).toBe('买买提\u00B7艾力');
  });

  it('does not turn full stops into the middle dot', () => {
    expect(normalizeName('阿沛．阿旺晋美')).toBe('阿沛．阿旺晋美');
    expect(normalizeName('阿沛.阿旺晋美')).toBe('阿沛.阿旺晋美');
    expect(check('阿沛．阿旺晋美')).toEqual(invalid(3, '．'));
    expect(check('阿沛。阿旺晋美')).toEqual(invalid(3, '。'));
  });

  it('collapses runs of spaces between Latin parts to one ASCII space', () => {
    expect(normalizeName('Memet    Eli')).toBe('Memet Eli');
    expect(normalizeName('Memet\u00A0\u3000Eli')).toBe('Memet Eli');
  });

  it('drops spaces next to Han characters, the dot and the hyphen', () => {
    expect(normalizeName('王 秀英')).toBe('王秀英');
    expect(normalizeName('欧阳\u3000\u3000娜娜')).toBe('欧阳娜娜');
    expect(normalizeName('Jean - Pierre')).toBe('Jean-Pierre');
  });

  it('folds fullwidth Latin letters and hyphens to ASCII', () => {
    expect(normalizeName('ＭＥＭＥＴ　Ｅｌｉ')).toBe('MEMET Eli');
    expect(normalizeName('Jean－Pierre')).toBe('Jean-Pierre');
    expect(normalizeName('Jean\u2010Pierre')).toBe('Jean-Pierre');
  });

  it('keeps control and zero-width characters inside the name, so they are refused rather than hidden', () => {
    expect(normalizeName('王\u200B秀英')).toBe('王\u200B秀英');
    expect(normalizeName('王\t秀英')).toBe('王\t秀英');
  });

  it('is idempotent', () => {
    for (const raw of ['  阿沛 ・ 阿旺晋美 ', 'Ｊｏｓｅ\u0301 －  Luis', '𠮷野\u3000家', '王\u200D秀英']) {
      const once = normalizeName(raw);
      expect(normalizeName(once)).toBe(once);
    }
  });
});

describe('nameProblem: accepted names', () => {
  it.each(['王秀英', '李强', '欧阳娜娜', '司马相如'])('accepts the everyday name %s', (name) => {
    expect(check(name)).toBeNull();
  });

  it.each([
    ['Ext A', '刘䶮', 0x4dae, 0x3400, 0x4dbf],
    ['Ext B', '𠮷野', 0x20bb7, 0x20000, 0x2a6df],
    ['Ext B', '吉𠮷', 0x20bb7, 0x20000, 0x2a6df],
    ['Ext B', '王𡒄', 0x21484, 0x20000, 0x2a6df],
    ['Ext B', '𪚥', 0x2a6a5, 0x20000, 0x2a6df],
    ['Ext C', '赵孟𫖯', 0x2b5af, 0x2a700, 0x2b73f],
    ['Ext D', '李𫠜', 0x2b81c, 0x2b740, 0x2b81f],
    ['Ext E', '张𬌗', 0x2c317, 0x2b820, 0x2ceaf],
    ['Ext F', '陈\u{2CEB0}', 0x2ceb0, 0x2ceb0, 0x2ebef],
    ['Ext G', '𰻞', 0x30ede, 0x30000, 0x3134f],
    ['Ext H', '周\u{31350}', 0x31350, 0x31350, 0x323af],
  ])('accepts a character of %s: %s', (_block, name, cp, first, last) => {
    // The example really is in the block it stands for.
    expect(cp).toBeGreaterThanOrEqual(first);
    expect(cp).toBeLessThanOrEqual(last);
    expect([...name]).toContain(String.fromCodePoint(cp));
    expect(check(name)).toBeNull();
  });

  (known(0x2ebf0) ? it : it.skip)('accepts a character of Ext I (Unicode 15.1)', () => {
    expect(check('王\u{2EBF0}')).toBeNull();
  });

  (known(0x323b0) ? it : it.skip)('accepts a character of Ext J (Unicode 17.0)', () => {
    expect(check('王\u{323B0}')).toBeNull();
  });

  it('accepts compatibility ideographs even when not normalized', () => {
    expect(nameProblem('\uF900\u{2F800}')).toBeNull();
  });

  it.each(['阿沛·阿旺晋美', '买买提·艾力', '爱新觉罗·溥仪', '列夫·尼古拉耶维奇·托尔斯泰'])('accepts the name with the middle dot %s', (name) => {
    expect(check(name)).toBeNull();
  });

  it.each(['Memet Eli', 'Abduréhim Ötkür', 'José Martínez', 'Jean-Pierre Dupont', 'Ayşe Yılmaz', 'Nguyễn Thị Minh Khai'])(
    'accepts the Latin-script name %s',
    (name) => {
      expect(check(name)).toBeNull();
    },
  );

  it('accepts up to two combining diacritics after a Latin letter', () => {
    expect(check('O\u0323\u0300sun')).toBeNull(); // Yoruba Ọ̀: no precomposed form with both marks
    expect(check('Ji\u0307\u0303ras')).toBeNull(); // Lithuanian i̇̃: two marks
  });

  it('accepts one ideographic variation selector after a Han character', () => {
    expect(check('葛\u{E0100}优')).toBeNull();
    expect(check('王\u{E01EF}')).toBeNull();
  });

  it('counts code points: 50 Ext-B characters (100 UTF-16 units) are accepted', () => {
    const name = Array.from({ length: MAX_NAME_LENGTH }, (_, i) => String.fromCodePoint(0x20000 + i * 7)).join('');
    expect(MAX_NAME_LENGTH).toBe(50);
    expect(name.length).toBe(100);
    expect([...name]).toHaveLength(50);
    expect(check(name)).toBeNull();
  });

  it('counts code points: a 26-character Ext-B name (52 UTF-16 units) is not too long', () => {
    expect(check('𠮷'.repeat(26))).toBeNull();
  });

  it('accepts 50 characters including middle dots', () => {
    const name = `${'买'.repeat(24)}·${'艾'.repeat(25)}`;
    expect([...name]).toHaveLength(50);
    expect(check(name)).toBeNull();
  });
});

describe('nameProblem: refused names', () => {
  it('refuses an empty name, also after trimming', () => {
    expect(nameProblem('')).toEqual({ problem: 'EMPTY' });
    expect(check('   ')).toEqual({ problem: 'EMPTY' });
    expect(check('\u3000\t\n')).toEqual({ problem: 'EMPTY' });
  });

  it('refuses 51 Ext-B characters as too long', () => {
    const name = Array.from({ length: MAX_NAME_LENGTH + 1 }, (_, i) => String.fromCodePoint(0x20000 + i * 7)).join('');
    expect([...name]).toHaveLength(51);
    expect(check(name)).toEqual({ problem: 'TOO_LONG' });
  });

  it('refuses 51 BMP characters and accepts 50', () => {
    expect(check('英'.repeat(51))).toEqual({ problem: 'TOO_LONG' });
    expect(check('英'.repeat(50))).toBeNull();
  });

  it.each<[string, string, number, string]>([
    ['a smiley', '王秀😀', 3, '😀'],
    ['a ZWJ family sequence', '王👨‍👩‍👧英', 2, '👨'],
    ['a heart with VS16', '王❤️英', 2, '\u2764'],
    ['a heart without VS16', '王❤英', 2, '\u2764'],
    ['VS16 on its own after a Han character', '王\uFE0F英', 2, '\uFE0F'],
    ['a flag (regional indicators)', '王🇨🇳', 2, '\u{1F1E8}'],
    ['a keycap 1️⃣', '王1️⃣', 2, '1'],
    ['a keycap #️⃣', '王#️⃣', 2, '#'],
    ['a thumbs-up with a skin tone', '王👍🏽', 2, '👍'],
    ['a skin-tone modifier on its own', '王\u{1F3FD}英', 2, '\u{1F3FD}'],
  ])('refuses %s', (_label, raw, position, character) => {
    expect(check(raw)).toEqual(invalid(position, character));
  });

  it.each<[string, string, number, string]>([
    ['a zero-width joiner', '王\u200D秀英', 2, '\u200D'],
    ['a zero-width space', '王\u200B秀英', 2, '\u200B'],
    ['a trailing zero-width space', '王秀英\u200B', 4, '\u200B'],
    ['a byte-order mark inside', '王\uFEFF秀英', 2, '\uFEFF'],
    ['a right-to-left override', '\u202E王秀英', 1, '\u202E'],
    ['a first-strong isolate', '王\u2068秀英', 2, '\u2068'],
    ['a soft hyphen', 'Jean\u00ADPierre', 5, '\u00AD'],
    ['a combining grapheme joiner after a letter', 'Eli\u034F', 4, '\u034F'],
    ['a C0 control (BEL)', '王\u0007秀英', 2, '\u0007'],
    ['a tab inside', '王\t秀英', 2, '\t'],
    ['a C1 control (NEL)', '王\u0085秀英', 2, '\u0085'],
    ['a private-use character (造字)', '王\uE000英', 2, '\uE000'],
    ['a lone surrogate', '王\uD842英', 2, '\uD842'],
  ])('refuses %s', (_label, raw, position, character) => {
    expect(check(raw)).toEqual(invalid(position, character));
  });

  it('refuses an unassigned code point next to the Ext-B block', () => {
    const unassigned = '\u{2A6E0}';
    expect(/\p{Cn}/u.test(unassigned)).toBe(true);
    expect(check(`王${unassigned}`)).toEqual(invalid(2, unassigned));
  });

  it.each<[string, string, number, string]>([
    ['a digit', '王秀英2', 4, '2'],
    ['a fullwidth digit', '王秀英２', 4, '２'],
    ['a star', '王☆英', 2, '☆'],
    ['a heart suit', '♥王秀英', 1, '♥'],
    ['the registered sign', '王秀英®', 4, '®'],
    ['a circled ideograph', '王㊣', 2, '㊣'],
    ['a Kangxi radical that looks like 一', '王\u2F00', 2, '\u2F00'],
    ['the iteration mark 々', '佐々木', 2, '々'],
    ['a comma', '王,英', 2, ','],
    ['an apostrophe', "O'Brien", 2, "'"],
    ['Tibetan script', 'བཀྲ་ཤིས', 1, 'བ'],
    ['Uyghur in Arabic script', 'مەمەت', 1, 'م'],
    ['Hangul', '김철수', 1, '김'],
    ['Cyrillic', 'Иван', 1, 'И'],
  ])('refuses %s', (_label, raw, position, character) => {
    expect(check(raw)).toEqual(invalid(position, character));
  });

  it.each<[string, string, number]>([
    ['a leading dot', '·阿旺晋美', 1],
    ['a leading dot typed as ・', '・阿旺晋美', 1],
    ['a trailing dot', '阿沛·', 3],
    ['a trailing dot typed as •', '阿沛•', 3],
    ['a doubled dot', '阿沛··阿旺晋美', 4],
    ['a doubled dot typed as ·•', '阿沛·•阿旺晋美', 4],
    ['a dot alone', '·', 1],
  ])('refuses %s', (_label, raw, position) => {
    expect(check(raw)).toEqual(invalid(position, '\u00B7'));
  });

  it.each<[string, string, number]>([
    ['a hyphen in a Chinese name', '王-秀英', 2],
    ['a hyphen between Latin and Han', 'Li-王', 3],
    ['a hyphen between Han and Latin', '王-Li', 2],
    ['a leading hyphen', '-Pierre', 1],
    ['a trailing hyphen', 'Jean-', 5],
    ['a doubled hyphen', 'Jean--Pierre', 6],
  ])('refuses %s', (_label, raw, position) => {
    expect(check(raw)).toEqual(invalid(position, '-'));
  });

  it('refuses a space that is not between Latin letters (when not normalized first)', () => {
    expect(nameProblem('王 秀英')).toEqual(invalid(2, ' '));
    expect(nameProblem('王 Li')).toEqual(invalid(2, ' '));
    expect(nameProblem(' Eli')).toEqual(invalid(1, ' '));
    expect(nameProblem('Memet  Eli')).toEqual(invalid(7, ' '));
  });

  it('reports the digit, not the space before it', () => {
    expect(check('Memet 2')).toEqual(invalid(7, '2'));
  });

  it('refuses a third combining diacritic, and diacritics after a Han character or at the start', () => {
    expect(check('Za\u0334\u0321\u0322lgo')).toEqual(invalid(5, '\u0322'));
    expect(check('王\u0301英')).toEqual(invalid(2, '\u0301'));
    expect(nameProblem('\u0301Eli')).toEqual(invalid(1, '\u0301'));
  });

  it('refuses an ideographic variation selector after a Latin letter, twice, or at the start', () => {
    expect(check('Eli\u{E0100}')).toEqual(invalid(4, '\u{E0100}'));
    expect(check('葛\u{E0100}\u{E0101}')).toEqual(invalid(3, '\u{E0101}'));
    expect(check('\u{E0100}葛')).toEqual(invalid(1, '\u{E0100}'));
  });

  it('reports the position in code points, after Ext-B characters', () => {
    // In UTF-16 the emoji would be at index 4; for the clerk it is the 3rd character.
    expect(check('𠮷𡒄😀')).toEqual(invalid(3, '😀'));
  });
});

describe('describeNameProblem', () => {
  it('says what is wrong in Chinese', () => {
    expect(describeNameProblem({ problem: 'EMPTY' }, 'zh-CN')).toBe('姓名不能为空');
    expect(describeNameProblem({ problem: 'TOO_LONG' }, 'zh-CN')).toBe('姓名最多50个字');
    expect(describeNameProblem(check('王秀😀')!, 'zh-CN')).toBe(
      '姓名第3个字“😀”不能使用：姓名只能包含汉字（含生僻字）、字母和间隔号“·”',
    );
  });

  it('says what is wrong in English', () => {
    expect(describeNameProblem({ problem: 'EMPTY' }, 'en')).toBe('The name must not be empty.');
    expect(describeNameProblem({ problem: 'TOO_LONG' }, 'en')).toBe('The name must not be longer than 50 characters.');
    expect(describeNameProblem(check('王秀😀')!, 'en')).toBe(
      'Character 3 of the name, “😀”, cannot be used: a name may contain only Chinese characters (rare ones included), letters and the middle dot “·”.',
    );
  });

  it('names an invisible character by its code point instead of quoting it', () => {
    const zh = describeNameProblem(check('王\u200D秀英')!, 'zh-CN');
    expect(zh).toBe('姓名第2个字是看不见或无法显示的字符（U+200D），不能使用：姓名只能包含汉字（含生僻字）、字母和间隔号“·”');
    expect(zh).not.toContain('\u200D');
    expect(describeNameProblem(check('王\u0007')!, 'en')).toContain('(U+0007)');
  });

  it('explains a misplaced dot, hyphen or space', () => {
    expect(describeNameProblem(check('阿沛·')!, 'zh-CN')).toBe(
      '姓名第3个字“·”位置不对：间隔号只能写在两个字之间，不能写在开头或结尾，也不能连用',
    );
    expect(describeNameProblem(check('王-英')!, 'zh-CN')).toBe('姓名第2个字“-”位置不对：连字符只能写在两个外文字母之间');
    expect(describeNameProblem(nameProblem(' Eli')!, 'en')).toMatch(/^Character 1 of the name is a space in the wrong place/);
  });

  it('tells a private-use (造字) character apart', () => {
    expect(describeNameProblem(check('王\uE000')!, 'zh-CN')).toBe(
      '姓名第2个字（U+E000）是自造字，不能使用：请改用标准汉字，生僻字可用扩展区汉字录入',
    );
  });

  it('points names in a minority script to the Chinese name on the identity card', () => {
    expect(describeNameProblem(check('مەمەت')!, 'zh-CN')).toBe(
      '姓名第1个字“م”不能使用：姓名只能包含汉字（含生僻字）、字母和间隔号“·”；少数民族文字的姓名请按身份证填写汉字姓名',
    );
  });
});
