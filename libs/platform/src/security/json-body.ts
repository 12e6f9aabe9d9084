import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { isUtf8 } from 'node:buffer';
import { platformProblem, type ProblemException } from '../errors/problem';
import { problemText, type ProblemText } from '../errors/problem-messages';

export const DEFAULT_JSON_MAX_DEPTH = 32;

/**
 * Nesting depth of a JSON text, counted on the raw bytes before parsing so a hostile
 * `[[[[...]]]]` never reaches the recursive parser or the validators. Brackets inside strings do not
 * count.
 */
export function jsonNestingDepth(text: Buffer): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

function badBody(text: ProblemText): ProblemException {
  return platformProblem(400, 'urn:exchange:problem:malformed-body', text);
}

/**
 * The JSON body parser of every service: refuses bytes that are not UTF-8 (instead of silently
 * turning them into U+FFFD) and bodies nested deeper than `maxDepth`, then parses with Fastify's
 * parser (which refuses `__proto__` and `constructor` poisoning). The size cap stays Fastify's.
 */
export function installJsonBodyParser(app: NestFastifyApplication, opts: { bodyLimit: number; maxDepth: number }): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: opts.bodyLimit }, (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
    if (!isUtf8(body)) return done(badBody(problemText('REQUEST.BODY_NOT_UTF8')));
    if (jsonNestingDepth(body) > opts.maxDepth) return done(badBody(problemText('REQUEST.BODY_TOO_DEEP', { maxDepth: opts.maxDepth })));
    parseJson(req, body.toString('utf8'), done);
  });
}

/** A form is a few short fields (an unsubscribe button): anything larger is not one. */
const FORM_BODY_LIMIT = 4_096;

/**
 * Parses `application/x-www-form-urlencoded` bodies into an object of strings (a repeated field keeps
 * its last value), refusing bytes that are not UTF-8. The DTO of the route validates it like JSON.
 */
export function installFormBodyParser(app: NestFastifyApplication): void {
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: FORM_BODY_LIMIT }, (_req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
    if (!isUtf8(body)) return done(badBody(problemText('REQUEST.BODY_NOT_UTF8')));
    done(null, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  });
}
