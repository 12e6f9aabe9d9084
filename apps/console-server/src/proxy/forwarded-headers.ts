import type { FastifyReply } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

/** What a browser may tell a service. Cookies, Authorization and everything else stay here. */
const REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'idempotency-key', 'if-match'] as const;
/** What a service may tell the browser. Its cookies, caching and CORS headers are not the console's. */
const RESPONSE_HEADERS = ['content-type', 'content-language', 'content-disposition', 'etag', 'retry-after', 'x-request-id'] as const;

/**
 * The headers of a forwarded call: the allowed ones of the browser's request, the session's key,
 * the console's request id (one id across both logs) and the client's address (believed by a
 * service only when the console is among its TRUSTED_PROXIES).
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, forwarded: { apiKey: string; requestId: string; clientAddress: string }): Headers {
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = incoming[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  headers.set('authorization', `Bearer ${forwarded.apiKey}`);
  headers.set('x-request-id', forwarded.requestId);
  headers.set('x-forwarded-for', forwarded.clientAddress);
  return headers;
}

export function copyResponseHeaders(from: Headers, reply: FastifyReply): void {
  for (const name of RESPONSE_HEADERS) {
    const value = from.get(name);
    if (value !== null) void reply.header(name, value);
  }
}
