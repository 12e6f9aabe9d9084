import { HttpException } from '@nestjs/common';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { DomainError, httpStatusOfDomainError } from './domain-error';
import { httpProblem, ProblemException, type ProblemDetails } from './problem';

export interface ProblemResponse {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** true for 5xx and unmapped errors: worth an error log line with the stack. */
  unexpected: boolean;
}

/** Errors raised by Fastify itself before our code runs (body parsing, size limit, media type). */
interface FastifyError {
  code: string;
  statusCode: number;
  message: string;
}

function isFastifyError(err: unknown): err is FastifyError {
  const e = err as Partial<FastifyError> | null;
  return typeof e === 'object' && e !== null && typeof e.statusCode === 'number' && typeof e.code === 'string' && e.code.startsWith('FST_');
}

function fastifyDetail(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this service accepts';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty but content-type is application/json';
    // Fastify's own messages for these two quote the path: never echo input back.
    case 'FST_ERR_BAD_URL':
      return 'The path is not valid percent-encoded UTF-8';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'A path parameter is longer than this service accepts';
    default:
      return err.message;
  }
}

/**
 * The one place that turns any thrown value into a problem document. Pure, so it is unit-tested
 * without an HTTP server.
 */
export function problemFromException(exception: unknown): ProblemResponse {
  if (exception instanceof ProblemException) {
    return { problem: { ...exception.problem }, headers: exception.headers, unexpected: exception.problem.status >= 500 };
  }
  if (exception instanceof DomainError) {
    const { status, mapped } = httpStatusOfDomainError(exception);
    return {
      problem: {
        ...exception.details,
        type: `urn:exchange:problem:${exception.code}`,
        title: httpProblem(status).title,
        status,
        detail: exception.message,
        code: exception.code,
      },
      headers: {},
      unexpected: !mapped || status >= 500,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let detail: string | undefined;
    if (typeof response === 'string') detail = response;
    else if (response && typeof response === 'object') {
      const message = (response as { message?: unknown }).message;
      detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
    }
    // Nest's router throws NotFoundException("Cannot GET /x") for unknown routes.
    return { problem: httpProblem(status, detail), headers: {}, unexpected: status >= 500 };
  }
  if (isFastifyError(exception) && exception.statusCode >= 400 && exception.statusCode < 500) {
    return { problem: httpProblem(exception.statusCode, fastifyDetail(exception)), headers: {}, unexpected: false };
  }
  if (exception instanceof SyntaxError && (exception as { statusCode?: number }).statusCode === 400) {
    return { problem: httpProblem(400, 'The body is not valid JSON'), headers: {}, unexpected: false };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      problem: httpProblem(503, 'The service cannot reach its database for a moment: retry the request'),
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      unexpected: true,
    };
  }
  // Anything else is our bug: say nothing about its internals to the caller.
  return { problem: httpProblem(500, 'An unexpected error occurred'), headers: {}, unexpected: true };
}
