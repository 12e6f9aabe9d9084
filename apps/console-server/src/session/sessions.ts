import type { FastifyReply, FastifyRequest } from 'fastify';
import { consoleError, ConsoleErrorCode } from '../console.errors';
import type { Principal } from './principal';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from './session-cookie';
import type { Session, SessionStore } from './session-store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session of the request's cookie, once looked up (its principal picks the reply's language). */
    consoleSession?: Session;
  }
}

/** The session of a request, between its cookie and Redis. */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly secureCookie: boolean,
  ) {}

  /** The request's session (its lifetime renewed), or a 401 SESSION_MISSING; a cookie that names no session is cleared. */
  async require(request: FastifyRequest, reply: FastifyReply): Promise<Session> {
    const id = sessionIdOf(request);
    const session = await this.store.use(id);
    if (!session) {
      if (id !== undefined) clearSessionCookie(reply, this.secureCookie);
      throw consoleError(ConsoleErrorCode.SessionMissing);
    }
    request.consoleSession = session;
    return session;
  }

  /** A new session for the key, replacing the one the request's cookie named (if any). */
  async start(request: FastifyRequest, reply: FastifyReply, apiKey: string, principal: Principal): Promise<Session> {
    const previous = sessionIdOf(request);
    if (previous !== undefined) await this.store.delete(previous);
    const session = await this.store.create(apiKey, principal);
    setSessionCookie(reply, session.id, this.secureCookie);
    request.consoleSession = session;
    return session;
  }

  async end(session: Session, reply: FastifyReply): Promise<void> {
    await this.store.delete(session.id);
    clearSessionCookie(reply, this.secureCookie);
  }
}

/** What the browser learns of its session: never the key. */
export function sessionView(session: Session): { principal: Principal; csrfToken: string; expiresAt: string } {
  return { principal: session.principal, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}
