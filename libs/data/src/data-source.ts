import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { databaseUrl } from './database-url';
import { ALL_ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { usePipelinedTransactions } from './pipelined-transactions';

export type DataSourceOverrides = Partial<Omit<PostgresDataSourceOptions, 'type' | 'url' | 'synchronize'>>;

/** The options every DataSource of the system uses: all entities, all migrations, never synchronize. */
export function dataSourceOptions(url: string = databaseUrl(), overrides: DataSourceOverrides = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    // Extensions are created by migrations; services must not race CREATE EXTENSION at boot.
    installExtensions: false,
    applicationName: process.env.SERVICE_NAME ?? 'exchange',
    ...overrides,
    // pg's pipeline mode: statements go on the wire without waiting for the answer before them, which
    // is what lets PipelinedQueryRunner send BEGIN and unanswered writes along with other statements.
    extra: { pipeline: true, ...overrides.extra },
    synchronize: false,
    migrationsRun: false,
  } as DataSourceOptions;
}

/** A new (not yet initialised) DataSource for `url` (default: DATABASE_URL). */
export function createDataSource(url?: string, options: DataSourceOverrides = {}): DataSource {
  return usePipelinedTransactions(new DataSource(dataSourceOptions(url, options)));
}

/** For the TypeORM CLI: `node -r @swc-node/register node_modules/typeorm/cli.js -d libs/data/src/data-source.ts …`. */
const dataSource = createDataSource();
export default dataSource;
