import { createExchangeSdk, responseValidator, SERVICE_NAMES, type ExchangeSdk, type OpenApiResponses, type RetryPolicy, type ServiceName } from '@exchange/sdk';

/** Every instance of each service, as `npm start`, the demo's environment or the test system list them. */
export type ServiceUrls = Record<ServiceName, string[]>;

/**
 * Patient enough for an instance that is restarting (about 10 s in all): a refused connection moves to
 * the next instance at once; a round in which none answers waits and tries again.
 */
const JOURNEY_RETRY: RetryPolicy = { retries: 20, minTimeoutMs: 250, maxTimeoutMs: 1_000, maxRetryAfterMs: 10_000 };

/** The SDK the demo and the benchmarks drive the exchange with, as a partner's integration would. */
export function exchangeSdk(urls: ServiceUrls): ExchangeSdk {
  return createExchangeSdk({ urls, retry: JOURNEY_RETRY, userAgent: 'startup-exchange-journey' });
}

/**
 * The same SDK holding every service to its word: each successful answer is checked against the
 * OpenAPI document that service serves at `/docs-json`, and any mismatch fails the call; `tally.checked`
 * counts the answers checked.
 */
export async function contractCheckedSdk(urls: ServiceUrls, tally: { checked: number } = { checked: 0 }): Promise<ExchangeSdk> {
  const documents = {} as Record<ServiceName, OpenApiResponses>;
  for (const service of SERVICE_NAMES) {
    const res = await fetch(`${urls[service][0]}/docs-json`);
    if (!res.ok) throw new Error(`${service} served no OpenAPI document (${res.status})`);
    documents[service] = (await res.json()) as OpenApiResponses;
  }
  return createExchangeSdk({
    urls,
    retry: JOURNEY_RETRY,
    userAgent: 'startup-exchange-journey',
    middleware: (service) => [responseValidator(documents[service], tally)],
  });
}
