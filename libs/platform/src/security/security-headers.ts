import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Adds helmet's headers to every answer. The middleware is built once: `@fastify/helmet` built it
 * again for each request (parsing the content security policy every time), a cost the decision
 * path paid on every call.
 */
export function addSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const setHeaders = helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    // helmet 8 throws rather than passing an error to its callback.
    setHeaders(request.raw, reply.raw, () => done());
  });
}

/**
 * Security headers on every response (HSTS, nosniff, frame denial, no referrer, ...). The content
 * security policy allows what Swagger UI at /docs needs (its inline bootstrap script and styles,
 * data: images); the JSON API itself loads nothing.
 */
export function installSecurityHeaders(app: NestFastifyApplication): void {
  addSecurityHeaders(app.getHttpAdapter().getInstance(), {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
