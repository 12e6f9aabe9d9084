import { createDataSource } from '@exchange/data';
import type { DataSource } from 'typeorm';

/**
 * The one place a service's DataSource is built: all entities of @exchange/data, never
 * `synchronize`, no migrations at boot (migrating is a separate step).
 */
export function createServiceDataSource(options: { url: string; applicationName: string; poolSize: number }): DataSource {
  return createDataSource(options.url, { applicationName: options.applicationName, poolSize: options.poolSize });
}
