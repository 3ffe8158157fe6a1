import { preferredLanguage } from '../../src/common/language';

// The language of answers that carry prose (UNAUTHENTICATED today): Chinese unless the request
// clearly prefers English.

describe('preferredLanguage(Accept-Language)', () => {
  it.each([
    ['en'],
    ['en-US'],
    ['EN-gb'],
    ['en-US,en;q=0.9'],
    ['en-US,en;q=0.9,zh-CN;q=0.8,zh;q=0.7'],
    ['zh-CN;q=0.5, en;q=0.6'],
    ['fr-FR, en;q=0.8'], // neither offered first: English is the better of the two the hub speaks
    ['zh;q=0, en'],
    ['en, *;q=0.5'],
    ['en;q=0.5, zh;q=0.4, *;q=0.9'], // zh named explicitly: the wildcard does not speak for it
  ])('%j → en', (header) => {
    expect(preferredLanguage(header)).toBe('en');
  });

  it.each([
    [undefined],
    [''],
    ['zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8'],
    ['zh-Hans-CN, en;q=0.9'],
    ['en, zh'], // a tie is not a preference for English
    ['en;q=0.8, zh-TW;q=0.8'],
    ['*'],
    ['en;q=0.5, *;q=0.8'], // the wildcard covers Chinese, ranked above English
    ['en;q=0'],
    ['fr, de'],
    ['en;q=2'], // an unreadable weight: the entry is ignored
    ['en;q=abc'],
    ['english'],
    ['en_US'],
    [';;;,,,'],
  ])('%j → zh-CN', (header) => {
    expect(preferredLanguage(header)).toBe('zh-CN');
  });

  it('reads only the first 1000 characters of a huge header', () => {
    expect(preferredLanguage(`${'fr;q=0.1,'.repeat(200)}en`)).toBe('zh-CN');
    expect(preferredLanguage(`en,${'fr;q=0.1,'.repeat(200)}`)).toBe('en');
  });
});
