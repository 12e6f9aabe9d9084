import pRetry from 'p-retry';

/** How often and how patiently a call is repeated (exponential backoff between rounds). */
export interface RetryPolicy {
  /** Rounds after the first (each round tries every instance once). */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** The longest `Retry-After` honoured; a longer one ends the retries and returns the answer. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, minTimeoutMs: 200, maxTimeoutMs: 3_000, maxRetryAfterMs: 10_000 };

/** Answers that say "try again" (the request may or may not have been applied). */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Methods a repeat cannot apply twice. A POST is repeatable when it carries an Idempotency-Key. */
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export function isRepeatable(request: Request): boolean {
  return REPEATABLE_METHODS.has(request.method) || request.headers.has('idempotency-key');
}

/** A round in which no instance gave a usable answer; p-retry backs off and tries another. */
class RoundFailed extends Error {
  constructor(
    message: string,
    readonly answer?: Response,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'RoundFailed';
  }
}

/** fetch's network failure: a TypeError whose cause is the socket error. */
function socketErrorCode(err: unknown): string | undefined {
  if ((err as Error)?.name !== 'TypeError') return undefined;
  return (err as { cause?: { code?: string } }).cause?.code ?? 'ENETWORK';
}

function retryAfterMs(response: Response): number {
  const header = response.headers.get('retry-after');
  if (!header) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now());
}

/**
 * A fetch over the instances of one service. A connection refused (the request never reached a
 * service) moves to the next instance, whatever the call. A connection lost mid-request, a 502/503/504
 * or a 429 is repeated only when repeating is harmless (a read, or a create with its Idempotency-Key),
 * after `Retry-After` when the service gave one. Redirects are not followed.
 */
export function resilientFetch(baseUrls: readonly string[], policy: RetryPolicy = DEFAULT_RETRY_POLICY): (request: Request) => Promise<Response> {
  const origins = baseUrls.map((url) => url.replace(/\/+$/, ''));
  let next = 0;

  return async (request: Request): Promise<Response> => {
    const { pathname, search } = new URL(request.url);
    if (origins.length === 0) throw new Error(`no base URL is configured for this service (called ${request.method} ${pathname})`);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const repeatable = isRepeatable(request);
    const send = (origin: string) =>
      fetch(`${origin}${pathname}${search}`, { method: request.method, headers: request.headers, body, signal: request.signal, redirect: 'manual' });

    const round = async (): Promise<Response> => {
      let lastError = 'no instance tried';
      for (let i = 0; i < origins.length; i++) {
        const origin = origins[next];
        next = (next + 1) % origins.length;
        let response: Response;
        try {
          response = await send(origin);
        } catch (err) {
          const code = socketErrorCode(err);
          if (code === undefined) throw new pRetry.AbortError(err as Error);
          if (code !== 'ECONNREFUSED' && !repeatable) throw new pRetry.AbortError(err as Error);
          lastError = `${origin}: ${code}`;
          continue;
        }
        if (!repeatable || !RETRYABLE_STATUSES.has(response.status)) return response;
        const wait = retryAfterMs(response);
        if (wait > policy.maxRetryAfterMs) return response;
        throw new RoundFailed(`${origin} answered ${response.status}`, response, wait);
      }
      throw new RoundFailed(`no instance answered ${request.method} ${pathname} (${lastError})`);
    };

    try {
      return await pRetry(round, {
        retries: policy.retries,
        minTimeout: policy.minTimeoutMs,
        maxTimeout: policy.maxTimeoutMs,
        onFailedAttempt: async (error) => {
          const failed = error as unknown as RoundFailed;
          if (error.retriesLeft === 0) return;
          await failed.answer?.body?.cancel(); // an answer we will not read frees its connection
          if (failed.retryAfterMs > 0) await new Promise((resolve) => setTimeout(resolve, failed.retryAfterMs));
        },
      });
    } catch (err) {
      // Out of retries with an answer in hand: the caller gets the service's last word.
      if (err instanceof RoundFailed && err.answer) return err.answer;
      throw err;
    }
  };
}
