import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { IDEMPOTENT_ROUTES, ProblemError, SERVICE_NAMES, type ApplicationsApi, type CohortsApi, type NotificationsApi, type PilotsApi, type ServiceName } from '@exchange/sdk/browser';
import type { Language } from '@exchange/platform/messages';

export { ProblemError };

/** What the API calls need from the session: filled in by SessionProvider. */
export const callContext = {
  csrfToken: null as string | null,
  language: 'en' as Language,
  /** A service said the key no longer works (revoked, expired): the session is gone. */
  onSessionEnded: (_problem: ProblemError) => undefined as void,
};

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function middlewareFor(service: ServiceName): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      request.headers.set('accept-language', callContext.language);
      if (!SAFE_METHODS.has(request.method) && callContext.csrfToken) request.headers.set('x-csrf-token', callContext.csrfToken);
      // Each call of an idempotent create is one intent: its repeats (none here) would share the key.
      if (IDEMPOTENT_ROUTES[service].has(`${request.method} ${schemaPath}`)) request.headers.set('idempotency-key', crypto.randomUUID());
      return request;
    },
  };
}

type Clients = {
  applications: Client<ApplicationsApi.paths>;
  pilots: Client<PilotsApi.paths>;
  cohorts: Client<CohortsApi.paths>;
  notifications: Client<NotificationsApi.paths>;
};

function clientOf<Paths extends object>(service: ServiceName): Client<Paths> {
  const client = createClient<Paths>({ baseUrl: `${location.origin}/api/${service}`, credentials: 'same-origin' });
  client.use(middlewareFor(service));
  return client;
}

/**
 * The four services through the console server, typed by their OpenAPI documents. Calls answer
 * `{ data, error, response }` (openapi-fetch); `unwrap` turns that into the data or a thrown ProblemError.
 */
export const api: Clients = Object.fromEntries(SERVICE_NAMES.map((service) => [service, clientOf(service)])) as Clients;

/** The 2xx body of a call, or a ProblemError (a 401 from the console server also ends the session). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const problem = new ProblemError('', response.url, response, error);
  if (response.status === 401) callContext.onSessionEnded(problem);
  throw problem;
}
