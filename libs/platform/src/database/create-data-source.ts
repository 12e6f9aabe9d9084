import { DataSource } from 'typeorm';

/**
 * The one place a service's DataSource is built. Switch point for `createDataSource(url)` of
 * @exchange/data (entities, naming) once it exists; services and DatabaseModule do not change.
 */
export function createServiceDataSource(options: { url: string; applicationName: string; poolSize: number }): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    poolSize: options.poolSize,
    // Schema changes happen only through libs/data migrations, never at boot.
    synchronize: false,
    migrationsRun: false,
  });
}
