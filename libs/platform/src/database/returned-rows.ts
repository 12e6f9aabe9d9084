/**
 * The rows of any statement run through TypeORM's `query()`: on PostgreSQL it answers UPDATE and
 * DELETE … RETURNING with `[rows, affectedCount]`, but SELECT and INSERT … RETURNING with the rows.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
