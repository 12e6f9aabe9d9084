import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/messages';
import { translateFieldError } from '../validation/field-messages';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { DomainError, domainErrorText, httpStatusOfDomainError } from './domain-error';
import { type FieldError, ProblemException, type ProblemDetails } from './problem';
import { problemDetail, problemText, type ProblemText, problemTitle } from './problem-messages';

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

/** The parser's SyntaxError for a body that is not JSON (Fastify gives it status 400). */
function isMalformedJson(err: unknown): boolean {
  return err instanceof SyntaxError && (err as { statusCode?: number }).statusCode === 400;
}

/** What the platform says for Fastify's own refusals (never Fastify's message where it would echo input). */
function fastifyText(err: FastifyError): ProblemText {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problemText('REQUEST.BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemText('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemText('REQUEST.EMPTY_JSON_BODY');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problemText('REQUEST.MALFORMED_JSON');
    // Fastify's own messages for these two quote the path: never echo input back.
    case 'FST_ERR_BAD_URL':
      return problemText('REQUEST.BAD_URL');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problemText('REQUEST.PARAM_TOO_LONG');
    default:
      return problemText('REQUEST.REFUSED', { message: err.message });
  }
}

/** A problem of the platform catalogue with `about:blank` as its type (nothing more than the status and the text). */
function blankProblem(status: number, text: ProblemText, language: Language): ProblemDetails {
  return { type: 'about:blank', title: problemTitle(status, language), status, detail: problemDetail(text, language), code: text.code };
}

/** Field errors (a validation problem's, or those a domain error lists in its details) in the reply's language. */
function translatedErrors(errors: unknown, language: Language): unknown {
  if (!Array.isArray(errors) || language === 'en') return errors;
  return errors.map((e: unknown) => (e && typeof e === 'object' && typeof (e as FieldError).field === 'string' && typeof (e as FieldError).message === 'string' ? translateFieldError(e as FieldError, language) : e));
}

/** Nest's router answers an unknown route with NotFoundException("Cannot GET /x"). */
const UNKNOWN_ROUTE = /^Cannot ([A-Z]+) (\S+)$/;
/** Nest's parse pipes (ParseUUIDPipe…) refuse a parameter with BadRequestException("Validation failed (uuid is expected)"). */
const PARSE_PIPE_REFUSAL = /^Validation failed \(([\w ]{1,40}) is expected\)$/;

/** What the platform says for an HttpException that Nest (not our code) raised. */
function httpExceptionText(status: number, detail: string | undefined): ProblemText {
  const route = status === 404 && detail ? UNKNOWN_ROUTE.exec(detail) : null;
  if (route) return problemText('ROUTE.NOT_FOUND', { method: route[1], path: route[2] });
  const parameter = status === 400 && detail ? PARSE_PIPE_REFUSAL.exec(detail) : null;
  if (parameter) return problemText('REQUEST.INVALID_PARAMETER', { expected: parameter[1] });
  return problemText('REQUEST.REFUSED', { message: detail ?? STATUS_CODES[status] ?? 'Error' });
}

/**
 * The one place that turns any thrown value into a problem document, with its title and detail in
 * `language` and a stable `code` beside them. Pure, so it is unit-tested without an HTTP server.
 */
export function problemFromException(exception: unknown, language: Language = DEFAULT_LANGUAGE): ProblemResponse {
  if (exception instanceof ProblemException) {
    const problem: ProblemDetails = { ...exception.problem };
    const { text } = exception;
    if (text) {
      problem.title = problemTitle(text.title ?? problem.status, language);
      problem.detail = problemDetail(text, language);
    } else if (language !== DEFAULT_LANGUAGE && problem.title === STATUS_CODES[problem.status]) {
      problem.title = problemTitle(problem.status, language);
    }
    if (problem.errors) problem.errors = translatedErrors(problem.errors, language) as FieldError[];
    return { problem, headers: exception.headers, unexpected: exception.problem.status >= 500 };
  }
  if (exception instanceof DomainError) {
    const { status, mapped } = httpStatusOfDomainError(exception);
    const details = 'errors' in exception.details ? { ...exception.details, errors: translatedErrors(exception.details.errors, language) } : exception.details;
    return {
      problem: {
        ...details,
        type: `urn:exchange:problem:${exception.code}`,
        title: problemTitle(status, language),
        status,
        detail: domainErrorText(exception, language) ?? exception.message,
        code: exception.code,
      },
      headers: {},
      unexpected: !mapped || status >= 500,
    };
  }
  // Nest wraps Fastify's own 4xx (body too large, media type, JSON that does not parse) in an
  // HttpException with it as the cause.
  const cause = exception instanceof HttpException ? exception.cause : undefined;
  if (isFastifyError(cause) && cause.statusCode >= 400 && cause.statusCode < 500) {
    return { problem: blankProblem(cause.statusCode, fastifyText(cause), language), headers: {}, unexpected: false };
  }
  if (isMalformedJson(cause)) return { problem: blankProblem(400, problemText('REQUEST.MALFORMED_JSON'), language), headers: {}, unexpected: false };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let detail: string | undefined;
    if (typeof response === 'string') detail = response;
    else if (response && typeof response === 'object') {
      const message = (response as { message?: unknown }).message;
      detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
    }
    return { problem: blankProblem(status, httpExceptionText(status, detail), language), headers: {}, unexpected: status >= 500 };
  }
  if (isFastifyError(exception) && exception.statusCode >= 400 && exception.statusCode < 500) {
    return { problem: blankProblem(exception.statusCode, fastifyText(exception), language), headers: {}, unexpected: false };
  }
  if (isMalformedJson(exception)) {
    return { problem: blankProblem(400, problemText('REQUEST.MALFORMED_JSON'), language), headers: {}, unexpected: false };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      problem: blankProblem(503, problemText('SERVICE.DATABASE_UNAVAILABLE'), language),
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      unexpected: true,
    };
  }
  // Anything else is our bug: say nothing about its internals to the caller.
  return { problem: blankProblem(500, problemText('SERVICE.UNEXPECTED_ERROR'), language), headers: {}, unexpected: true };
}
