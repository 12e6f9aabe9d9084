import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consoleError, ConsoleErrorCode } from '../console.errors';
import { CSRF_HEADER, csrfTokenMatches, SAFE_METHODS } from '../session/csrf';
import type { Sessions } from '../session/sessions';
import { copyResponseHeaders, upstreamRequestHeaders } from './forwarded-headers';
import { proxyTarget } from './proxy-target';
import type { ServiceCaller } from './service-caller';

/** The largest body forwarded to a service (the services' own limit). */
export const PROXY_BODY_LIMIT = 1_048_576;

const FORWARDED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * `/api/<service>/<path>` → one instance of that service, with the session's key. In order: the
 * target (404/400), the session (401), the CSRF token on anything but GET/HEAD (403); only then is
 * anything sent. A service's 401 means the key no longer works: the session ends with it.
 */
export function registerProxyRoutes(app: FastifyInstance, deps: { sessions: Sessions; callService: ServiceCaller }): void {
  const { sessions, callService } = deps;

  async function forward(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const target = proxyTarget(request.url);
    const session = await sessions.require(request, reply);
    if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(request.headers[CSRF_HEADER], session.csrfToken)) throw consoleError(ConsoleErrorCode.CsrfTokenInvalid);

    const response = await callService(target.service, {
      method: request.method,
      path: target.pathAndQuery,
      headers: upstreamRequestHeaders(request.headers, { apiKey: session.apiKey, requestId: String(request.id), clientAddress: request.ip }),
      body: request.body instanceof Buffer && request.body.length > 0 ? request.body : undefined,
    });
    if (response.status === 401) {
      await response.body?.cancel();
      await sessions.end(session, reply);
      throw consoleError(ConsoleErrorCode.SessionExpired);
    }
    copyResponseHeaders(response.headers, reply);
    // One person's data: not kept in the browser's cache after sign-out.
    return reply.code(response.status).header('cache-control', 'no-store').send(response.body ?? undefined);
  }

  // Its own scope: bodies pass through as the bytes the browser sent, whatever their type.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PROXY_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.route({ method: FORWARDED_METHODS, url: '/api/*', handler: forward });
  });
}
