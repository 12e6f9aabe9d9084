/** One invalid field of a validation problem. */
export interface ProblemField {
  field: string;
  message: string;
}

/** An RFC 9457 problem document as the services answer it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable code of a domain error, e.g. APPLICATION.WINDOW_CLOSED. */
  code?: string;
  requestId?: string;
  errors?: ProblemField[];
  [extension: string]: unknown;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).status === 'number' && typeof (body as Problem).title === 'string';
}

/**
 * A call the service refused or failed: the status and the problem document it answered (or, for an
 * answer that is not one, a problem made from the status and the raw body).
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly response: Response,
    body: unknown,
  ) {
    const problem: Problem = isProblem(body)
      ? body
      : { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: typeof body === 'string' ? body : JSON.stringify(body) };
    const fields = problem.errors?.length ? ` (${problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})` : '';
    super(`${method} ${url} answered ${response.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}${fields}`);
    this.name = 'ProblemError';
    this.status = response.status;
    this.problem = problem;
  }

  /** The stable domain code (`problem.code`), if the service gave one. */
  get code(): string | undefined {
    return this.problem.code;
  }

  /** The invalid fields of a validation problem (empty otherwise). */
  get fields(): ProblemField[] {
    return this.problem.errors ?? [];
  }
}
