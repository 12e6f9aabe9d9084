import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { isLanguage, LANGUAGES, translate, type Catalogue, type Language, type ParamsOf } from '@exchange/platform/messages';

export { LANGUAGES, type Language };

/** The person's own choice in this browser; it outranks the language their profile names. */
const CHOSEN_LANGUAGE = 'console.language';

function browserLanguage(): Language | null {
  for (const tag of navigator.languages ?? []) {
    const primary = tag.slice(0, 2).toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return null;
}

function chosenLanguage(): Language | null {
  const stored = localStorage.getItem(CHOSEN_LANGUAGE);
  return isLanguage(stored) ? stored : null;
}

interface LanguageState {
  language: Language;
  /** The person picked a language: remembered in this browser. */
  choose(language: Language): void;
}

const LanguageContext = createContext<LanguageState | null>(null);

/**
 * The language every text is shown in: the person's choice in this browser, else their preferred
 * language (`profileLanguage`, from the signed-in principal), else the browser's, else English.
 */
export function LanguageProvider({ profileLanguage, children }: { profileLanguage: Language | null; children: ReactNode }) {
  const [chosen, setChosen] = useState<Language | null>(chosenLanguage);
  const language = chosen ?? profileLanguage ?? browserLanguage() ?? 'en';
  const choose = useCallback((next: Language) => {
    localStorage.setItem(CHOSEN_LANGUAGE, next);
    setChosen(next);
  }, []);
  const state = useMemo(() => ({ language, choose }), [language, choose]);
  document.documentElement.lang = language;
  return <LanguageContext.Provider value={state}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
}

/** What a component calls to render a code of its catalogue: `t('TITLE')`, `t('DUE', { date })`. */
export type TextOf<C extends Catalogue> = <K extends keyof C & string>(code: K, ...params: ParamsOf<C, K> extends undefined ? [] : [ParamsOf<C, K>]) => string;

/** The texts of one catalogue in the current language. */
export function useText<C extends Catalogue>(catalogue: C): TextOf<C> {
  const { language } = useLanguage();
  return useCallback(
    ((code: keyof C & string, params?: unknown) => translate(catalogue, code, params as never, language)) as TextOf<C>,
    [catalogue, language],
  );
}
