// Personal names as people really have them (姓名).
//
// A name is counted and addressed in characters, i.e. Unicode code points, never UTF-16 units: 𠮷 is
// one character, not two. Pure module: no I/O, no dependency on the rest of the hub.
//
// Decisions:
// - Han: every CJK unified ideograph (URO, Ext A–J…) and the compatibility ideographs, i.e.
//   \p{Script=Han} ∩ \p{Lo}. Which characters exist is the running Node's Unicode data (its ICU):
//   an ideograph newer than that is refused as unassigned. NFC turns compatibility ideographs into
//   their unified equivalents (丽 U+2F800 → 丽 U+4E3D), so matching is not split by them.
//   The iteration marks 々 〻 (\p{Lm}) are refused: Chinese writes the character again (佐佐木).
// - Ideographic variation selectors U+E0100–E01EF: one is accepted right after a Han character (it
//   picks a registered glyph of a 生僻字); anywhere else it is refused. VS1–VS16 are refused.
// - Latin letters, accented or not (\p{Script=Latin} ∩ \p{L}), for names of foreigners and names in
//   Latin script (Uyghur Latin, Zhuang, pinyin). Fullwidth Latin letters (Ａ) are folded to ASCII.
// - Combining diacritics (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, FE20–FE2F; not CGJ U+034F): at most two
//   after a Latin letter (NFC composes the usual ones; Yoruba ọ̀ and Lithuanian i̇̃ keep one or two).
//   Anywhere else, or a third in a row ("Zalgo" text), they are refused.
// - The middle dot U+00B7 "·" (间隔号, as written in 户籍 and on the 身份证) between two letters: not
//   first, not last, not doubled. Typed look-alikes are unified to it: ・U+30FB (Japanese IMEs; GB 2312
//   0xA1A4 in some mapping tables), ･U+FF65, •U+2022 (phone keyboards, word processors), ‧U+2027
//   (Big5 0xA145, Traditional Chinese IMEs), ∙U+2219, ⋅U+22C5, ⸱U+2E31, and Greek ·U+0387 (by NFC).
//   A clerk cannot tell them apart on screen, and none has another use in a name. Full stops (. 。 ．)
//   are NOT unified: they are a different mark, and are refused.
// - Hyphen-minus "-" between two Latin letters (Jean-Pierre); U+2010, U+2011 and fullwidth U+FF0D are
//   unified to it. Chinese names never contain it, so it is refused next to a Han character.
// - Spaces: every space separator (\p{Zs}: ordinary, no-break, ideographic U+3000, …) becomes one
//   ASCII space and runs collapse to one; spaces next to a Han character, a dot or a hyphen are
//   dropped ("王 秀英", "买买提 · 艾力"), since Chinese names are written without them. What remains is
//   a space between two Latin letters, which is allowed (Memet Eli).
// - Other scripts are refused, including those printed on identity cards of autonomous areas
//   (Mongolian, Tibetan, Uyghur, Yi, Korean): the card's name field of record is in Chinese
//   characters (Zhuang, written in Latin, is accepted as Latin).
// - Mixing Han and Latin in one name is not refused: whether a name matches the card is not decidable
//   from the characters alone.
// - Refused: emoji and their pieces (ZWJ sequences, VS16, skin tones, regional indicators, keycaps),
//   control characters (C0, C1), format characters (zero-width space/joiner, BOM, bidi controls, soft
//   hyphen), private-use characters (old self-made 造字 glyphs), unassigned code points, lone
//   surrogates, digits, punctuation other than the dot and hyphen (the apostrophe too: O'Brien), and
//   symbols (☆ ♥ ® ㊣, Kangxi radicals such as ⼀ U+2F00).
// - The position of an invalid character is its 1-based code-point position, the same unit as the
//   length limit; the character reported is that code point (the first one of an emoji sequence).

/** At most this many characters (code points) in a name. */
export const MAX_NAME_LENGTH = 50;

export type NameProblem = 'EMPTY' | 'TOO_LONG' | 'INVALID_CHARACTER';

/** What is wrong with a name; position (1-based, in code points) and character for INVALID_CHARACTER. */
export interface NameProblemDetail {
  problem: NameProblem;
  position?: number;
  character?: string;
}

/** The middle dot of 户籍 and the identity card, U+00B7. */
export const NAME_DOT = '\u00B7';

const MAX_DIACRITICS = 2;

const FULLWIDTH_LATIN = /[\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const DOT_VARIANTS = /[\u2022\u2027\u2219\u22C5\u2E31\u30FB\uFF65]/g;
const HYPHEN_VARIANTS = /[\u2010\u2011\uFF0D]/g;
const SPACE_RUN = /\p{Zs}+/gu;
const SPACE_BY_SEPARATOR_OR_HAN = / (?=[\p{Script=Han}\u00B7-])|(?<=[\p{Script=Han}\u00B7-][\u{E0100}-\u{E01EF}]?) /gu;

const HAN = /^(?=\p{Lo})\p{Script=Han}$/u;
const LATIN = /^(?=\p{L})\p{Script=Latin}$/u;
const DIACRITIC = /^(?!\u034F)(?=\p{Mn})[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\uFE20-\uFE2F]$/u;
const IVS = /^[\u{E0100}-\u{E01EF}]$/u;

/**
 * Trims; folds fullwidth Latin letters to ASCII; unifies the typed variants of the middle dot to
 * U+00B7 and of the hyphen to "-"; NFC-normalizes; turns space separators into single spaces and drops
 * those next to a Han character, dot or hyphen. Idempotent.
 */
export function normalizeName(raw: string): string {
  return raw
    .replace(FULLWIDTH_LATIN, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(DOT_VARIANTS, NAME_DOT)
    .replace(HYPHEN_VARIANTS, '-')
    .normalize('NFC')
    .replace(SPACE_RUN, ' ')
    .replace(SPACE_BY_SEPARATOR_OR_HAN, '')
    .trim();
}

type Kind = 'han' | 'latin' | 'diacritic' | 'ivs' | 'dot' | 'hyphen' | 'space' | 'other';

function kindOf(c: string | undefined): Kind {
  if (c === undefined) return 'other';
  if (c === NAME_DOT) return 'dot';
  if (c === '-') return 'hyphen';
  if (c === ' ') return 'space';
  if (HAN.test(c)) return 'han';
  if (LATIN.test(c)) return 'latin';
  if (DIACRITIC.test(c)) return 'diacritic';
  if (IVS.test(c)) return 'ivs';
  return 'other';
}

/** Checks a name already passed through normalizeName; null when it is acceptable. */
export function nameProblem(name: string): NameProblemDetail | null {
  const chars = [...name];
  if (chars.length === 0) return { problem: 'EMPTY' };
  if (chars.length > MAX_NAME_LENGTH) return { problem: 'TOO_LONG' };

  // The letter the current character may attach to (null at the start and after a separator),
  // and how many diacritics or variation selectors are attached to it already.
  let base: 'han' | 'latin' | null = null;
  let attached = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const last = i === chars.length - 1;
    let ok = false;
    switch (kindOf(c)) {
      case 'han':
        base = 'han';
        attached = 0;
        ok = true;
        break;
      case 'latin':
        base = 'latin';
        attached = 0;
        ok = true;
        break;
      case 'diacritic':
        ok = base === 'latin' && attached < MAX_DIACRITICS;
        attached++;
        break;
      case 'ivs':
        ok = base === 'han' && attached === 0;
        attached++;
        break;
      case 'dot':
        ok = base !== null && !last;
        base = null;
        break;
      case 'hyphen':
      case 'space':
        ok = base === 'latin' && !last && kindOf(chars[i + 1]) !== 'han';
        base = null;
        break;
      case 'other':
        ok = false;
    }
    if (!ok) return { problem: 'INVALID_CHARACTER', position: i + 1, character: c };
  }
  return null;
}

const INVISIBLE = /^[\p{C}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}]$/u;
const PRIVATE_USE = /^\p{Co}$/u;
const LETTER = /^\p{L}$/u;

function codePointLabel(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A message a clerk can act on, in Chinese or English. */
export function describeNameProblem(p: NameProblemDetail, lang: 'zh-CN' | 'en'): string {
  const zh = lang !== 'en';
  switch (p.problem) {
    case 'EMPTY':
      return zh ? '姓名不能为空' : 'The name must not be empty.';
    case 'TOO_LONG':
      return zh ? `姓名最多${MAX_NAME_LENGTH}个字` : `The name must not be longer than ${MAX_NAME_LENGTH} characters.`;
    case 'INVALID_CHARACTER':
      return describeInvalidCharacter(p.position ?? 0, p.character ?? '', zh);
  }
}

function describeInvalidCharacter(n: number, c: string, zh: boolean): string {
  const rule = zh
    ? '姓名只能包含汉字（含生僻字）、字母和间隔号“·”'
    : 'a name may contain only Chinese characters (rare ones included), letters and the middle dot “·”.';
  if (c === NAME_DOT) {
    return zh
      ? `姓名第${n}个字“·”位置不对：间隔号只能写在两个字之间，不能写在开头或结尾，也不能连用`
      : `Character ${n} of the name, the middle dot “·”, is misplaced: it goes between two characters, never at the start or the end, and never twice in a row.`;
  }
  if (c === '-') {
    return zh
      ? `姓名第${n}个字“-”位置不对：连字符只能写在两个外文字母之间`
      : `Character ${n} of the name, the hyphen “-”, is misplaced: it goes only between two Latin letters.`;
  }
  if (c === ' ') {
    return zh
      ? `姓名第${n}个字是空格，位置不对：空格只能写在外文字母拼写的名字各部分之间`
      : `Character ${n} of the name is a space in the wrong place: spaces go only between the parts of a name written in Latin letters.`;
  }
  if (PRIVATE_USE.test(c)) {
    return zh
      ? `姓名第${n}个字（${codePointLabel(c)}）是自造字，不能使用：请改用标准汉字，生僻字可用扩展区汉字录入`
      : `Character ${n} of the name (${codePointLabel(c)}) is a private-use, self-made character and cannot be used: enter the standard character; rare characters are available in the CJK extensions.`;
  }
  if (INVISIBLE.test(c)) {
    return zh
      ? `姓名第${n}个字是看不见或无法显示的字符（${codePointLabel(c)}），不能使用：${rule}`
      : `Character ${n} of the name is an invisible or unprintable character (${codePointLabel(c)}) and cannot be used: ${rule}`;
  }
  if (LETTER.test(c)) {
    return zh
      ? `姓名第${n}个字“${c}”不能使用：${rule}；少数民族文字的姓名请按身份证填写汉字姓名`
      : `Character ${n} of the name, “${c}”, cannot be used: ${rule} For a name in a minority script, enter the name in Chinese characters as on the identity card.`;
  }
  return zh ? `姓名第${n}个字“${c}”不能使用：${rule}` : `Character ${n} of the name, “${c}”, cannot be used: ${rule}`;
}
