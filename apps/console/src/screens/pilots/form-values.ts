import { ProblemError } from '../../api/client';

/**
 * A number field as the person typed it: blank stays absent and anything else goes as typed, so
 * the service's own validation answers (and the form shows its message beside the field).
 */
export function typedNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** Optional text: blank is left out rather than sent empty. */
export function optionalText(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** The API's message for exactly this field (not its sub-fields, which their own controls show). */
export function ownFieldError(problem: unknown, field: string): string | undefined {
  if (!(problem instanceof ProblemError)) return undefined;
  const hits = problem.fields.filter((f) => f.field === field);
  return hits.length ? hits.map((f) => f.message).join(' ') : undefined;
}
