import type { FieldError } from '../errors/problem';

/** Whether the caller may see the object an id names (false for an unknown id and another tenant's alike). */
export type IdVisibility = (id: string) => Promise<boolean>;

/**
 * An id in a list's query is resolved like a path id (DESIGN.md §9): a filter naming something the
 * caller may not see is refused with 422 naming the field (not an empty page that hides the mistake),
 * the same answer for an unknown id and another tenant's. One error per such filter, in `checks` order.
 */
export async function unresolvedIdFilters<F extends string>(
  filters: { readonly [K in NoInfer<F>]?: string },
  checks: Record<F, IdVisibility>,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const field of Object.keys(checks) as F[]) {
    const id = filters[field];
    if (id === undefined) continue;
    if (!(await checks[field](id))) errors.push({ field, code: 'unknownId', message: `${field} ${id} names nothing you may see` });
  }
  return errors;
}
