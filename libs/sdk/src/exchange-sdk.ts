import type { Middleware } from 'openapi-fetch';
import type { paths as ApplicationsPaths } from './generated/applications';
import type { paths as CohortsPaths } from './generated/cohorts';
import { IDEMPOTENT_ROUTES } from './generated/idempotent-routes';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as PilotsPaths } from './generated/pilots';
import type { RetryPolicy } from './resilient-fetch';
import type { ServiceName } from './service-names';
import { createServiceClient, type ServiceClient } from './service-client';


export interface ExchangeSdkOptions {
  /** Each service's instances: one base URL (`http://host:port`, no `/v1`) or several to fail over between. */
  urls: Record<ServiceName, string | readonly string[]>;
  /** The caller's API key; `sdk.as(otherKey)` gives the same SDK for another caller. */
  apiKey?: string;
  retry?: RetryPolicy;
  /** Extra openapi-fetch middleware per service (e.g. the tests' response validator). */
  middleware?: (service: ServiceName) => Middleware[];
  userAgent?: string;
}

export interface ExchangeSdk {
  applications: ServiceClient<ApplicationsPaths>;
  pilots: ServiceClient<PilotsPaths>;
  cohorts: ServiceClient<CohortsPaths>;
  notifications: ServiceClient<NotificationsPaths>;
  /** The same SDK calling with another API key (or none, for public routes). Cached per key. */
  as(apiKey: string | null): ExchangeSdk;
}

/** The four typed service clients of the exchange, for one caller. */
export function createExchangeSdk(options: ExchangeSdkOptions): ExchangeSdk {
  const others = new Map<string, ExchangeSdk>();
  const client = <Paths extends object>(service: ServiceName) =>
    createServiceClient<Paths>({
      baseUrls: [options.urls[service]].flat(),
      apiKey: options.apiKey,
      idempotentRoutes: IDEMPOTENT_ROUTES[service],
      retry: options.retry,
      middleware: options.middleware?.(service),
      userAgent: options.userAgent ?? 'startup-exchange-sdk',
    });
  const sdk: ExchangeSdk = {
    applications: client<ApplicationsPaths>('applications'),
    pilots: client<PilotsPaths>('pilots'),
    cohorts: client<CohortsPaths>('cohorts'),
    notifications: client<NotificationsPaths>('notifications'),
    as(apiKey) {
      const key = apiKey ?? '';
      if (key === (options.apiKey ?? '')) return sdk;
      let other = others.get(key);
      if (!other) others.set(key, (other = createExchangeSdk({ ...options, apiKey: apiKey ?? undefined })));
      return other;
    },
  };
  return sdk;
}
