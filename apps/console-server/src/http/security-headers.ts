import { addSecurityHeaders } from '@exchange/platform';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer. The application is built by Vite into files of its own origin,
 * so the policy allows nothing else: no inline script or style, no other origin, no framing.
 * `upgrade-insecure-requests` only when the console is served over HTTPS (it is plain HTTP locally).
 */
export function installSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): void {
  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: opts.https,
  });
}
