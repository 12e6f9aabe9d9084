import Negotiator from 'negotiator';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './messages';

/**
 * The language of a reply: the caller's `Accept-Language` when it names one of ours (by quality,
 * `ko-KR` counting as `ko`), else the caller's preferred language, else English.
 * A header that names none of ours (`fr`, `*`) falls back the same way: `*` says "anything", and
 * the person's own choice is the better "anything".
 */
export function negotiateLanguage(acceptLanguage: string | string[] | undefined, preferred?: Language | null): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (header && header.length <= 512) {
    const explicit = header.split(',').some((part) => part.trim() !== '' && !part.trim().startsWith('*'));
    if (explicit) {
      const chosen = new Negotiator({ headers: { 'accept-language': header } }).language([...LANGUAGES]);
      if (isLanguage(chosen)) return chosen;
    }
  }
  return preferred ?? DEFAULT_LANGUAGE;
}
