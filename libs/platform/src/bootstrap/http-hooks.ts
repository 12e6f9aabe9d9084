import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationProblemException } from '../errors/problem';
import { getLogger } from '../logging/logger';
import { REQUEST_ID_HEADER, runWithRequestContext, type RequestContext } from '../logging/request-context';
import { httpRequestDuration, httpRequestsTotal } from '../metrics/metrics-registry';
import { lowerCaseUuidParams } from '../validation/uuid-params';
import { findUnsafeText } from '../validation/unsafe-text';

declare module 'fastify' {
  interface FastifyRequest {
    requestContext?: RequestContext;
  }
}

/** Paths whose requests are not logged (probes and scrapes arrive every few seconds). */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Request id, request context, access log and HTTP metrics, as raw Fastify hooks: cheaper than Nest
 * interceptors and they also see requests that never reach a controller (404, 413, bad JSON).
 */
export function installHttpHooks(fastify: FastifyInstance): void {
  const logger = getLogger({ component: 'http' });

  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const traceparent = request.headers.traceparent;
    const context: RequestContext = { requestId: String(request.id), ...(typeof traceparent === 'string' ? { traceparent } : {}) };
    request.requestContext = context;
    void reply.header(REQUEST_ID_HEADER, context.requestId);
    runWithRequestContext(context, done);
  });

  // Body parsing runs on socket callbacks that lose the async context; re-enter it for the handler.
  fastify.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (request.requestContext) runWithRequestContext(request.requestContext, done);
    else done();
  });

  // Before any pipe or controller: text PostgreSQL would refuse (NUL, lone surrogates) anywhere in the
  // path, query or body is a 400 naming the field, and path ids are compared in lower case.
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    lowerCaseUuidParams(request);
    const errors = [...findUnsafeText(request.params, ''), ...findUnsafeText(request.query, ''), ...findUnsafeText(request.body, '')];
    done(errors.length > 0 ? new ValidationProblemException(errors) : undefined);
  });

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // The route template (`/v1/startups/:id`), never the raw URL: ids in labels would explode cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    const seconds = reply.elapsedTime / 1_000;
    httpRequestDuration.observe(labels, seconds);
    httpRequestsTotal.inc(labels);
    const path = request.url.split('?')[0];
    if (!QUIET_PATHS.has(path)) {
      const fields = { requestId: request.id, method: request.method, url: request.url, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
      if (reply.statusCode >= 500) logger.error(fields, 'request completed');
      else logger.info(fields, 'request completed');
    }
    done();
  });
}
