// The value sets alone (not the data layer): this module is loaded by the browser console too.
import { LANGUAGES, type Language } from '@exchange/data/enums';

/**
 * Text people read, in the three languages of the exchange. A catalogue maps each stable machine
 * code to one function per language that renders the message from typed parameters:
 *
 *   export const eligibilityMessages = defineMessages({
 *     WINDOW_CLOSED: {
 *       en: (p: { closesAt: string }) => `Applications closed at ${p.closesAt}.`,
 *       ko: (p) => `신청은 ${p.closesAt}에 마감되었습니다.`,
 *       ru: (p) => `Приём заявок закрылся ${p.closesAt}.`,
 *     },
 *   });
 *   translate(eligibilityMessages, 'WINDOW_CLOSED', { closesAt }, 'ko');
 *
 * The type makes a missing language a compile error; `registerCatalogue` lists every catalogue so
 * one test per service renders every code in every language (`services/<svc>/test/messages.spec.ts`,
 * with `registeredCatalogueProblems()`). Problem details use the same catalogues: the platform's own
 * in errors/problem-messages.ts and validation/field-messages.ts, each module's in its `*.errors.ts`.
 * Functions, not template strings with placeholders: the compiler checks every parameter, and
 * Russian plurals use `plural()` (Intl.PluralRules) where a number decides the word form.
 */
export type { Language };
export { LANGUAGES };

export const DEFAULT_LANGUAGE: Language = 'en';

type Render<P> = (params: P) => string;
export type Translations<P> = { [L in Language]: Render<P> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Catalogue = Record<string, Translations<any>>;

/** The parameters a code's messages take. */
export type ParamsOf<C extends Catalogue, K extends keyof C> = Parameters<C[K]['en']>[0];

/** One message in every language, with the stable code beside the text. */
export interface LocalisedText {
  code: string;
  message: string;
}

const catalogues = new Map<string, { catalogue: Catalogue; samples: Record<string, unknown> }>();

/** Identity with the type check: every code has en, ko and ru, and their parameters agree. */
export function defineMessages<C extends Catalogue>(catalogue: C): C {
  return catalogue;
}

/**
 * Lists a catalogue for the completeness test, with sample parameters for each code that takes any
 * (the test renders each code in each language with them and checks the script of the result).
 */
export function registerCatalogue<C extends Catalogue>(
  name: string,
  catalogue: C,
  samples: { [K in keyof C]?: ParamsOf<C, K> } = {},
): C {
  catalogues.set(name, { catalogue, samples: samples as Record<string, unknown> });
  return catalogue;
}

export function registeredCatalogues(): ReadonlyMap<string, { catalogue: Catalogue; samples: Record<string, unknown> }> {
  return catalogues;
}

export function translate<C extends Catalogue, K extends keyof C & string>(
  catalogue: C,
  code: K,
  params: ParamsOf<C, K>,
  language: Language,
): string {
  return catalogue[code][language](params);
}

/** `{ code, message }` for a person reading `language`: the machine code never changes with the language. */
export function localised<C extends Catalogue, K extends keyof C & string>(
  catalogue: C,
  code: K,
  params: ParamsOf<C, K>,
  language: Language,
): LocalisedText {
  return { code, message: translate(catalogue, code, params, language) };
}

const pluralRules = Object.fromEntries(LANGUAGES.map((l) => [l, new Intl.PluralRules(l)])) as Record<Language, Intl.PluralRules>;

/**
 * The word form for a count: `plural('ru', n, { one: 'год', few: 'года', many: 'лет', other: 'года' })`.
 * Korean and English need fewer forms; `other` is always required.
 */
export function plural(language: Language, count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  return forms[pluralRules[language].select(count)] ?? forms.other;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
