import { LANGUAGES, registeredCatalogues, type Catalogue, type Language } from './messages';

/** A letter of the language's own script must appear: a Korean text without Hangul was not translated. */
const SCRIPT: Record<Language, RegExp> = {
  en: /[A-Za-z]/,
  ko: /[\uAC00-\uD7A3]/,
  ru: /[\u0400-\u04FF]/,
};

/**
 * What is wrong with a catalogue: a code without one of the languages, a message that throws or
 * renders empty with its sample parameters, or a text without a letter of its language's script.
 */
export function catalogueProblems(name: string, catalogue: Catalogue, samples: Record<string, unknown> = {}): string[] {
  const problems: string[] = [];
  for (const [code, translations] of Object.entries(catalogue)) {
    for (const language of LANGUAGES) {
      const render = (translations as Partial<Record<Language, (p: unknown) => string>>)[language];
      if (typeof render !== 'function') {
        problems.push(`${name}.${code}: no ${language} text`);
        continue;
      }
      let text: unknown;
      try {
        text = render(samples[code] ?? {});
      } catch (error) {
        problems.push(`${name}.${code} (${language}) throws with its sample parameters: ${(error as Error).message}`);
        continue;
      }
      if (typeof text !== 'string' || text.trim() === '') problems.push(`${name}.${code} (${language}) is empty`);
      else if (!SCRIPT[language].test(text)) problems.push(`${name}.${code} (${language}) has no ${language} letter: "${text}"`);
    }
  }
  return problems;
}

/** Every problem of every catalogue registered so far (import the modules that register them first). */
export function registeredCatalogueProblems(): string[] {
  return [...registeredCatalogues()].flatMap(([name, { catalogue, samples }]) => catalogueProblems(name, catalogue, samples));
}
