import type { Language } from '../../i18n/language';

const LOCALE: Record<Language, string> = { en: 'en-GB', ko: 'ko-KR', ru: 'ru-RU' };

/** A language code (ISO 639-1) in the reader's language, with the code beside it: "Korean (ko)". */
export function languageName(code: string, language: Language): string {
  try {
    const name = new Intl.DisplayNames([LOCALE[language]], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** A country code (ISO 3166-1 alpha-2) in the reader's language. */
export function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([LOCALE[language]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
