import { randomUUID } from 'node:crypto';

export type ServiceName = 'applications' | 'pilots' | 'cohorts' | 'notifications';
export type ServiceUrls = Record<ServiceName, string[]>;

export interface CallOptions {
  /** The API key to send as `Authorization: Bearer`. */
  key?: string | null;
  body?: unknown;
  /** Statuses that count as success (default: any 2xx). */
  expect?: number[];
  /** For creates: sent as `Idempotency-Key`, the same on a retry after a lost connection. */
  idempotent?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
  }
}

/**
 * Whether a failed request may go to another instance: always when the connection was refused (the
 * request never reached a service); after a connection lost mid-request only when repeating it is
 * harmless (a read, or a create with its Idempotency-Key).
 */
function retryable(err: unknown, repeatable: boolean): boolean {
  // fetch fails with a TypeError whose cause is the socket error (not `instanceof`: test sandboxes
  // have their own TypeError).
  if ((err as Error)?.name !== 'TypeError') return false;
  const code = (err as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNREFUSED' || repeatable;
}

/**
 * A small JSON client of the four services, as a partner's integration would write it: each service
 * may run as several instances, and a call goes to the next instance when one cannot be reached
 * (creates carry an Idempotency-Key, so a retried create is applied once).
 */
export class ExchangeClient {
  private readonly next: Record<string, number> = {};

  constructor(readonly urls: ServiceUrls) {}

  async call<T = any>(service: ServiceName, method: string, path: string, options: CallOptions = {}): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await this.request(service, method, path, options);
    const ok = options.expect ? options.expect.includes(res.status) : res.status >= 200 && res.status < 300;
    if (!ok) throw new ApiError(res.status, res.body, `${method} ${service}${path}`);
    return res.body as T;
  }

  /** The raw answer, whatever its status. */
  async request(service: ServiceName, method: string, path: string, options: CallOptions = {}): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const urls = this.urls[service];
    const headers: Record<string, string> = {};
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotent) headers['idempotency-key'] = randomUUID();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    let lastError: unknown;
    // Every instance once, then again after a pause (an instance may be restarting): ~10 s in all.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < urls.length; i++) {
        const start = (this.next[service] = ((this.next[service] ?? -1) + 1) % urls.length);
        try {
          const res = await fetch(`${urls[start]}/v1${path}`, { method, headers, body });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : null };
        } catch (err) {
          if (!retryable(err, method === 'GET' || options.idempotent === true)) throw err;
          lastError = err;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`no instance of ${service} answered ${method} ${path} (${urls.join(', ')}): ${(lastError as Error)?.message}`);
  }
}
