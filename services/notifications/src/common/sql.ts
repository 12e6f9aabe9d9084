import { returnedRows } from '@exchange/platform';

/** The rows of a `query()` result whatever the statement (see returnedRows in libs/platform). */
export const rowsOf = returnedRows;
