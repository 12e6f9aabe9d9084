import { getLogger } from '@exchange/platform';
import { resilientFetch, type RetryPolicy, SERVICE_NAMES, type ServiceName } from '@exchange/sdk';
import { type ConsoleConfig, serviceOrigins } from '../config';
import { consoleError, ConsoleErrorCode } from '../console.errors';

export interface ServiceCall {
  method: string;
  /** The path and query as the service sees them: `/v1/proposals?limit=20`. */
  path: string;
  headers: Headers;
  body?: Uint8Array;
}

/** Sends one call to one instance of a service; a service that cannot be reached is a ConsoleError (502, or 504 when slow). */
export type ServiceCaller = (service: ServiceName, call: ServiceCall) => Promise<Response>;

/**
 * One retry round at most, quickly: a person is waiting, and the SDK's failover already moves to the
 * next instance at once when a connection is refused.
 */
const CONSOLE_RETRY_POLICY: RetryPolicy = { retries: 1, minTimeoutMs: 100, maxTimeoutMs: 500, maxRetryAfterMs: 1_000 };

/** The SDK's resilient fetch over each service's instances (rotation, failover, safe repeats). */
export function createServiceCaller(config: ConsoleConfig): ServiceCaller {
  const logger = getLogger({ component: 'upstream' });
  const fetchers = Object.fromEntries(SERVICE_NAMES.map((service) => [service, resilientFetch(serviceOrigins(config, service), CONSOLE_RETRY_POLICY)])) as Record<
    ServiceName,
    (request: Request) => Promise<Response>
  >;
  const timeoutMs = config.CONSOLE_UPSTREAM_TIMEOUT_MS;

  return async (service, call) => {
    // The deadline is for the answer to begin: a long download (a CSV export) may stream for longer.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    // Only the path and query of this URL are used: the fetcher puts them on an instance's origin.
    const request = new Request(`http://${service}.invalid${call.path}`, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      redirect: 'manual',
      signal: deadline.signal,
    });
    try {
      return await fetchers[service](request);
    } catch (err) {
      // The deadline's own state says it, whatever error the retries wrapped the abort in.
      const timedOut = deadline.signal.aborted;
      logger.warn({ upstream: service, method: call.method, err: (err as Error)?.message }, timedOut ? 'service did not answer in time' : 'service unreachable');
      throw timedOut ? consoleError(ConsoleErrorCode.ServiceTimedOut, { service, timeoutMs }) : consoleError(ConsoleErrorCode.ServiceUnreachable, { service });
    } finally {
      clearTimeout(timer);
    }
  };
}
