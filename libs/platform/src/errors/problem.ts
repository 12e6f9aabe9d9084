import { STATUS_CODES } from 'node:http';
import { problemDetail, problemText, type ProblemText } from './problem-messages';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * One invalid input, as listed in a validation problem. `field` is a dotted path (`team.0.name`);
 * `code` is the broken rule (`isInt`, `maxLength`, `required`…), which also picks the translation of
 * `message` into the reply's language (see validation/field-messages.ts).
 */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

/** RFC 9457 problem details, plus our extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code, e.g. `APPLICATION.WINDOW_CLOSED` or `AUTH.KEY_INVALID`: the same in every language. */
  code?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** `about:blank` is RFC 9457's type for "nothing more than the HTTP status"; its title is the status phrase. */
export function httpProblem(status: number, detail?: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extensions };
}

/**
 * An error that already knows its problem document: for edge concerns that are HTTP by nature
 * (rate limits, authentication), where a domain code would add nothing. `headers` are sent as is
 * (e.g. `Retry-After`). With `text` (see `platformProblem`), the problem's `code` is the text's and
 * its title and detail are put into the reply's language by the problem filter.
 */
export class ProblemException extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
    readonly text?: ProblemText,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

/**
 * A problem of the platform's own catalogue: English title and detail now (what logs and unit tests
 * see), the reply's language when the filter sends it.
 */
export function platformProblem(
  status: number,
  type: string,
  text: ProblemText,
  options: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): ProblemException {
  const problem: ProblemDetails = {
    ...options.extensions,
    type,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: problemDetail(text, 'en'),
    code: text.code,
  };
  return new ProblemException(problem, options.headers ?? {}, text);
}

/** A request whose input failed validation: 400 with every field listed ("3 invalid fields: a, b, c", counting fields). */
export class ValidationProblemException extends ProblemException {
  constructor(readonly errors: FieldError[]) {
    const text: ProblemText = { ...problemText('REQUEST.INVALID', { fields: [...new Set(errors.map((e) => e.field))] }), title: 'INVALID_REQUEST' };
    super(
      {
        type: 'urn:exchange:problem:validation',
        title: 'Invalid request',
        status: 400,
        detail: problemDetail(text, 'en'),
        code: text.code,
        errors,
      },
      {},
      text,
    );
    this.name = 'ValidationProblemException';
  }
}
