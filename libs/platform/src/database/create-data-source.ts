import { createDataSource } from '@exchange/data';
import type { DataSource } from 'typeorm';

/**
 * The one place a service's DataSource is built: all entities of @exchange/data, never
 * `synchronize`, no migrations at boot (migrating is a separate step).
 */
export function createServiceDataSource(options: { url: string; applicationName: string; poolSize: number; connectionLifetimeSeconds: number }): DataSource {
  return createDataSource(options.url, {
    applicationName: options.applicationName,
    poolSize: options.poolSize,
    // A connection keeps the plans of its prepared statements, costed on the tables as they were when
    // it planned them; under steady load pg's pool never idles one out, so it is replaced at this age.
    extra: { maxLifetimeSeconds: options.connectionLifetimeSeconds },
  });
}
