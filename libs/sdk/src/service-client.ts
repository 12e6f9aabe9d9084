import { randomUUID } from 'node:crypto';
import createClient, { type Client, type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { ProblemError } from './problem-error';
import { DEFAULT_RETRY_POLICY, resilientFetch, type RetryPolicy } from './resilient-fetch';

/** The second argument of a call: required when the operation has required parameters or a body. */
type InitArg<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** The operation a path answers for a method, as openapi-typescript declares it. */
type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P] extends { [K in M]: infer Op } ? (Op extends Record<string | number, any> ? Op : never) : never; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A call that answers the operation's 2xx JSON body. */
type DataCall<Paths extends object, M extends HttpMethod> = <P extends PathsWithMethod<Paths, M>, Init extends MaybeOptionalInit<Paths[P], M & keyof Paths[P]>>(
  url: P,
  ...init: InitArg<Init>
) => Promise<NonNullable<FetchResponse<OperationOf<Paths, P, M>, Init, 'application/json'>['data']>>;

/**
 * The typed client of one service. `get`/`post`/`put`/`patch`/`delete` answer the 2xx body, typed from
 * the service's OpenAPI document, and throw a ProblemError for anything else; `raw` is the underlying
 * openapi-fetch client ({ data, error, response }, nothing thrown) for callers that branch on status.
 */
export interface ServiceClient<Paths extends object> {
  get: DataCall<Paths, 'get'>;
  post: DataCall<Paths, 'post'>;
  put: DataCall<Paths, 'put'>;
  patch: DataCall<Paths, 'patch'>;
  delete: DataCall<Paths, 'delete'>;
  raw: Client<Paths, 'application/json'>;
}

export interface ServiceClientOptions {
  /** Every instance of the service (`http://host:port`); calls rotate and fail over between them. */
  baseUrls: readonly string[];
  /** Sent as `Authorization: Bearer <key>`; omit for public routes. */
  apiKey?: string;
  /** The routes (`POST /v1/…` with path templates) that take an Idempotency-Key: each call gets a fresh one. */
  idempotentRoutes: ReadonlySet<string>;
  retry?: RetryPolicy;
  /** More openapi-fetch middleware (the response validator of the tests, logging, …). */
  middleware?: Middleware[];
  userAgent?: string;
}

export function createServiceClient<Paths extends object>(options: ServiceClientOptions): ServiceClient<Paths> {
  const raw = createClient<Paths>({ baseUrl: options.baseUrls[0] ?? 'http://unconfigured.invalid', fetch: resilientFetch(options.baseUrls, options.retry ?? DEFAULT_RETRY_POLICY) });
  raw.use({
    onRequest({ request, schemaPath }) {
      if (options.apiKey && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${options.apiKey}`);
      if (options.userAgent) request.headers.set('user-agent', options.userAgent);
      // The same key rides every repeat of this call (resilientFetch repeats the Request as built here).
      if (options.idempotentRoutes.has(`${request.method} ${schemaPath}`) && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', randomUUID());
      }
      return request;
    },
  });
  if (options.middleware?.length) raw.use(...options.middleware);

  const dataCall = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    (async (url: string, init?: Record<string, unknown>) => {
      const call = raw[method] as (url: string, init?: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
      const { data, error, response } = await call(url, init);
      if (!response.ok) throw new ProblemError(method, new URL(response.url || url, 'http://service.invalid').pathname, response, error);
      return data;
    }) as never;

  return { get: dataCall('GET'), post: dataCall('POST'), put: dataCall('PUT'), patch: dataCall('PATCH'), delete: dataCall('DELETE'), raw };
}
