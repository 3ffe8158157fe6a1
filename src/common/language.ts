import type { Lang } from './text';

/** The languages the hub answers in. Chinese is the default; English on request. */
export type Language = Lang;

const ENTRY = /^([a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/i;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/**
 * The language to answer in, from an Accept-Language header (RFC 9110 §12.5.4): English only
 * when the header ranks some English tag (en, en-US, …) strictly above every Chinese one (zh,
 * zh-CN, zh-Hans, …, or `*`, which covers Chinese when it is not named). Anything else — no
 * header, a tie, a header that cannot be read — answers in Chinese.
 */
export function preferredLanguage(acceptLanguageHeader: string | undefined): Language {
  if (!acceptLanguageHeader) return 'zh-CN';
  let english = 0;
  let chinese: number | null = null;
  let wildcard = 0;
  for (const part of acceptLanguageHeader.slice(0, 1000).split(',').slice(0, 50)) {
    const [rawTag, ...params] = part.split(';').map((p) => p.trim());
    if (!rawTag || !ENTRY.test(rawTag)) continue;
    let q = 1;
    const quality = params.find((p) => /^q=/i.test(p));
    if (quality !== undefined) {
      const match = QUALITY.exec(quality);
      if (!match) continue; // an unreadable weight: the entry says nothing
      q = Number(match[1]);
    }
    const tag = rawTag.toLowerCase();
    const primary = tag.split('-')[0];
    if (tag === '*') wildcard = Math.max(wildcard, q);
    else if (primary === 'en') english = Math.max(english, q);
    else if (primary === 'zh') chinese = Math.max(chinese ?? 0, q);
  }
  const chineseWeight = chinese ?? wildcard;
  return english > 0 && english > chineseWeight ? 'en' : 'zh-CN';
}
