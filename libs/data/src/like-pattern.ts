/** `text` as a LIKE pattern that matches it literally (\ % and _ escaped; LIKE's default escape is \). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A case-insensitive "contains" pattern, for `lower(column) LIKE pattern` (served by lower() trigram indexes). */
export function containsPattern(text: string): string {
  return `%${likeLiteral(text.toLowerCase())}%`;
}
