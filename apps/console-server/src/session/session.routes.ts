import type { FastifyInstance } from 'fastify';
import { consoleError, ConsoleErrorCode } from '../console.errors';
import type { ServiceCaller } from '../proxy/service-caller';
import { CSRF_HEADER, csrfTokenMatches } from './csrf';
import { apiKeyOfSignInBody, principalOfApiKey } from './sign-in';
import type { SignInLimit } from './sign-in-limit';
import { type Sessions, sessionView } from './sessions';

/** A sign-in body is one short field: anything bigger is not one. */
const SIGN_IN_BODY_LIMIT = 4_096;

/** `POST /session` (sign in with an API key), `GET /session`, `DELETE /session` (sign out). */
export function registerSessionRoutes(app: FastifyInstance, deps: { sessions: Sessions; signInLimit: SignInLimit; callService: ServiceCaller }): void {
  const { sessions, signInLimit, callService } = deps;

  app.post('/session', { bodyLimit: SIGN_IN_BODY_LIMIT }, async (request, reply) => {
    await signInLimit.count(request.ip);
    const apiKey = apiKeyOfSignInBody(request.body);
    const principal = await principalOfApiKey(callService, apiKey, { clientAddress: request.ip, requestId: String(request.id) });
    const session = await sessions.start(request, reply, apiKey, principal);
    return reply.code(201).header('cache-control', 'no-store').send(sessionView(session));
  });

  app.get('/session', async (request, reply) => {
    const session = await sessions.require(request, reply);
    return reply.header('cache-control', 'no-store').send(sessionView(session));
  });

  app.delete('/session', async (request, reply) => {
    const session = await sessions.require(request, reply);
    if (!csrfTokenMatches(request.headers[CSRF_HEADER], session.csrfToken)) throw consoleError(ConsoleErrorCode.CsrfTokenInvalid);
    await sessions.end(session, reply);
    return reply.code(204).send();
  });
}
