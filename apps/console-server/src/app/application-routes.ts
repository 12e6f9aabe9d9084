import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { consoleError, ConsoleErrorCode } from '../console.errors';
import { sendProblem } from '../http/problems';

/** Vite names the files under assets/ by their content: they never change, so they are cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the rest are checked again each time, so a new build is seen at once. */
const REVALIDATE = 'no-cache';

/** Paths that belong to the server, never to the application: an unknown one is a problem, not index.html. */
const SERVER_PATHS = /^\/(api|session|health)(\/|$)/;

/**
 * The built application: its files, and `index.html` for any other GET (the application's router
 * reads the path). Without a build, those paths answer 503 APP_NOT_BUILT; every other unknown
 * request is a 404 problem.
 */
export async function registerApplicationRoutes(app: FastifyInstance, staticDir: string): Promise<void> {
  const root = resolve(staticDir);
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : REVALIDATE),
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(path)) return sendProblem(request, reply, consoleError(ConsoleErrorCode.NotFound));
    if (!built) return sendProblem(request, reply, consoleError(ConsoleErrorCode.AppNotBuilt));
    return reply.sendFile('index.html');
  });
}
