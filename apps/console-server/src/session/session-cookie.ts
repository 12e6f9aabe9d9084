import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'exchange_console';

/**
 * The one cookie of the console, read and written here rather than with @fastify/cookie: that plugin
 * loads the ES-module-only `cookie` package with a dynamic import(), which the test runner cannot
 * load in-process. The value is our own base64url id, so it needs no encoding.
 *
 * HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it; no Max-Age: it ends
 * with the browser, and the session in Redis ends on its own TTL.
 */
function attributes(secure: boolean): string {
  return `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The session id the request's `Cookie` header carries (the first, as the browser puts the most specific first). */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === SESSION_COOKIE) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, id: string, secure: boolean): void {
  void reply.header('set-cookie', `${SESSION_COOKIE}=${id}; ${attributes(secure)}`);
}

/** Tells the browser to forget the cookie (an expiry in the past). */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.header('set-cookie', `${SESSION_COOKIE}=; ${attributes(secure)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`);
}
