import { catalogueProblems } from './catalogue-check';
import { defineMessages, localised, plural, translate, type Catalogue } from './messages';
import { negotiateLanguage } from './negotiate';

const sample = defineMessages({
  GREETING: {
    en: (p: { name: string }) => `Hello, ${p.name}`,
    ko: (p) => `안녕하세요, ${p.name}`,
    ru: (p) => `Здравствуйте, ${p.name}`,
  },
});

describe('message catalogues', () => {
  it('renders a code in each language with the code beside the text', () => {
    expect(translate(sample, 'GREETING', { name: 'Mina' }, 'ko')).toBe('안녕하세요, Mina');
    expect(localised(sample, 'GREETING', { name: 'Ivan' }, 'ru')).toEqual({ code: 'GREETING', message: 'Здравствуйте, Ivan' });
  });

  it('finds a missing language, an untranslated text and a message that throws', () => {
    const broken = {
      MISSING: { en: () => 'Closed', ko: () => '마감' },
      UNTRANSLATED: { en: () => 'Closed', ko: () => 'Closed', ru: () => 'Закрыто' },
      THROWS: { en: (p: { n: { x: number } }) => `${p.n.x}`, ko: () => '마감', ru: () => 'Закрыто' },
    } as unknown as Catalogue;
    expect(catalogueProblems('test', broken)).toEqual([
      'test.MISSING: no ru text',
      'test.UNTRANSLATED (ko) has no ko letter: "Closed"',
      expect.stringContaining('test.THROWS (en) throws'),
    ]);
    expect(catalogueProblems('sample', sample, { GREETING: { name: 'X' } })).toEqual([]);
  });

  it('chooses Russian plural forms by count', () => {
    const years = (n: number) => plural('ru', n, { one: 'год', few: 'года', many: 'лет', other: 'года' });
    expect([1, 2, 5, 21, 1.5].map(years)).toEqual(['год', 'года', 'лет', 'год', 'года']);
  });
});

describe('negotiateLanguage', () => {
  it.each([
    ['ko-KR,ko;q=0.9,en;q=0.5', null, 'ko'],
    ['fr, ru;q=0.1', null, 'ru'],
    ['en-US', 'ru', 'en'],
    ['fr', 'ko', 'ko'],
    ['*', 'ru', 'ru'],
    [undefined, 'ko', 'ko'],
    [undefined, null, 'en'],
  ] as const)('%s with preferred %s answers in %s', (header, preferred, expected) => {
    expect(negotiateLanguage(header, preferred)).toBe(expected);
  });

  it('ignores an oversized header and falls back to the preferred language', () => {
    expect(negotiateLanguage('ko,'.repeat(300), 'ru')).toBe('ru');
  });
});
