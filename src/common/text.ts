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

