/** The languages the hub speaks: Chinese first (clerks, supervisors), English on request. */
export type Lang = 'zh-CN' | 'en';

/** Text people read, in both languages; the reader's language is picked when it is sent. */
export interface Text {
  zh: string;
  en: string;
}

export function text(zh: string, en: string): Text {
  return { zh, en };
}

export function inLang(t: Text, lang: Lang): string {
  return lang === 'en' ? t.en : t.zh;
}

/** Fen as yuan with two decimals, e.g. 83800 → "838.00". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/**
 * The reader's language from an Accept-Language header: English when the header prefers it (by
 * q-value) over Chinese, else Chinese (the default for clerks and supervisors).
 */
export function languageOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | null = tag === 'en' || tag.startsWith('en-') ? 'en' : tag === 'zh' || tag.startsWith('zh-') || tag === '*' ? 'zh-CN' : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh-CN';
}
