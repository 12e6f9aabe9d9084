import { getLogger, type Language, negotiateLanguage, PROBLEM_CONTENT_TYPE, problemFromException } from '@exchange/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleError } from '../console.errors';

/** The language of an answer: `Accept-Language`, else the signed-in person's, else English. */
export function replyLanguage(request: FastifyRequest): Language {
  return negotiateLanguage(request.headers['accept-language'], request.consoleSession?.principal.language);
}

/**
 * Every refusal of the console server, as the services send theirs: RFC 9457 problem+json with the
 * stable `code`, title and detail in the reader's language and `Content-Language`. Anything that is
 * not a known refusal is a 500 that says nothing of its cause (the log line has it).
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const language = replyLanguage(request);
  const { problem, headers, unexpected } = problemFromException(error, language);
  problem.instance ??= request.url.split('?')[0];
  problem.requestId = String(request.id);
  // The console's own 5xx (a service down or slow) were logged where they happened.
  if (unexpected && !(error instanceof ConsoleError)) getLogger({ component: 'errors' }).error({ err: error, status: problem.status, method: request.method, url: request.url }, 'request failed');
  const own = error instanceof ConsoleError ? error.headers : {};
  return reply
    .code(problem.status)
    .headers({ ...headers, ...own, 'content-language': language, 'cache-control': 'no-store' })
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem);
}
