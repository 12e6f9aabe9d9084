import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One invalid input, as listed in a validation problem. `field` is a dotted path (`team.0.name`). */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, plus our extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code for domain errors, e.g. `APPLICATION.WINDOW_CLOSED`. */
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
 * (e.g. `Retry-After`).
 */
export class ProblemException extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

/** "3 invalid fields: a, b, c", counting fields (a field may fail several constraints). */
function invalidFieldsDetail(errors: FieldError[]): string {
  const fields = [...new Set(errors.map((e) => e.field))];
  return `${fields.length} invalid field${fields.length === 1 ? '' : 's'}: ${fields.join(', ')}`;
}

/** A request whose input failed validation: 400 with every field listed. */
export class ValidationProblemException extends ProblemException {
  constructor(readonly errors: FieldError[]) {
    super({
      type: 'urn:exchange:problem:validation',
      title: 'Invalid request',
      status: 400,
      detail: invalidFieldsDetail(errors),
      errors,
    });
    this.name = 'ValidationProblemException';
  }
}
