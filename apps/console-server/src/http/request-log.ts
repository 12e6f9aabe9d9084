import { getLogger, REQUEST_ID_HEADER, runWithRequestContext } from '@exchange/platform';
import type { FastifyInstance } from 'fastify';

/** Probes arrive every few seconds and say nothing. */
const QUIET_PATHS = new Set(['/health/live']);

/**
 * Each request's id (the caller's when harmless, see `requestIdFrom`) on its answer and on every log
 * line written while it runs, and one access-log line when it ends. Headers are never logged: they
 * carry the session cookie.
 */
export function installRequestLog(app: FastifyInstance): void {
  const logger = getLogger({ component: 'http' });

  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, String(request.id));
    runWithRequestContext({ requestId: String(request.id) }, done);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0];
    if (!QUIET_PATHS.has(path)) {
      const fields = { requestId: request.id, method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
      if (reply.statusCode >= 500) logger.error(fields, 'request completed');
      else logger.info(fields, 'request completed');
    }
    done();
  });
}
