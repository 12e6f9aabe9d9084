import type { FieldError } from '../errors/problem';

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL would refuse this text, or null. NUL and lone UTF-16 surrogates are valid in JSON and
 * in JavaScript strings, so validators let them through, but `text` and `jsonb` reject them (a 500
 * after validation said yes).
 */
export function unsafeTextReason(text: string): string | null {
  if (text.includes(NUL)) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return null;
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/** The key as it can be shown back: refused characters replaced by U+FFFD, at most 100 characters. */
function printable(key: string): string {
  return key.split(NUL).join('\uFFFD').replace(/[\uD800-\uDFFF]/g, '\uFFFD').slice(0, 100);
}

/**
 * Every string and object key under `value` that PostgreSQL would refuse, as field errors with the
 * dotted path (`answers.pitch`, `team.0.name`); a refused key is named with its bad characters
 * replaced. Walks iteratively: the body parser already caps nesting depth.
 */
export function findUnsafeText(value: unknown, root: string, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && errors.length < limit) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) errors.push({ field: path, code: 'unsafeText', message: `${path} ${reason}` });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], join(path, i)]);
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current).reverse()) {
        const reason = unsafeTextReason(key);
        if (reason) errors.push({ field: join(path, printable(key)), code: 'unsafeKey', message: `the key ${join(path, printable(key))} ${reason}` });
        else stack.push([(current as Record<string, unknown>)[key], join(path, key)]);
      }
    }
  }
  return errors;
}
