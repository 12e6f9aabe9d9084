/**
 * How open calls are searched: the same normalisation for the stored text and for the query, so
 * that "Приёмное", "приемное" and a Hangul query typed on a system that decomposes syllables (NFD)
 * all compare equal. JavaScript lower-cases every script (PostgreSQL's lower() depends on the
 * database's locale); NFC joins Hangul jamo into syllables; ё is written е by most Russian typists.
 */
export function searchNormalised(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The text the trigram index covers: title, problem, city and technology fields. */
export function openCallSearchText(call: { title: string; problem: string; city: string; technologyFields: readonly string[] }): string {
  return searchNormalised([call.title, call.problem, call.city, ...call.technologyFields].join(' '));
}

/**
 * Queries this short (in characters) say too little to trigrams (a two-letter word has three
 * padded trigrams, one of them shared by every word starting with its first letter): they match as
 * a substring instead, word starts first.
 */
export const SHORT_QUERY_MAX_CHARS = 2;

/**
 * The least word similarity (pg_trgm `<%`) a call must reach to be found. Low enough that a word with
 * one wrong or missing letter still matches (a misspelt three-syllable Korean word keeps about half
 * of its trigrams), high enough that unrelated calls sharing one trigram stay out.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.3;

/**
 * Relevance as the positive integer the keyset cursor carries: word similarity of the query in the
 * call (how well its words appear, typos forgiven) weighs most; similarity of the whole text breaks
 * near-ties in favour of the call that is more about the query. Scaled to 1..1,000,001.
 */
export const TRIGRAM_RANK_SQL = (query: string, text: string) =>
  `(round((0.9 * word_similarity(${query}, ${text}) + 0.1 * similarity(${query}, ${text})) * 1000000)::int + 1)`;

/** A substring match of a short query (`wordStart` is `% <query>%`): 2 when a word of the call starts with it, else 1. */
export const SUBSTRING_RANK_SQL = (wordStart: string, text: string) => `(CASE WHEN (' ' || ${text}) LIKE ${wordStart} THEN 2 ELSE 1 END)`;

