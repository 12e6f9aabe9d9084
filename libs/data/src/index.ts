export * from './enums';
export * from './entities';
export * from './transformers';
export { columnsOf, entitiesFrom, entityFrom } from './entity-rows';
export { insertOutboxRows, outboxRowOf, type OutboxRow } from './outbox-rows';
export { OUTBOX_NOTIFY_SETTING, registerActiveRelay } from './outbox-wakeup';
export { preparedQuery, preparedWrite, type PreparedResult, type SqlExecutor } from './prepared-query';
export { PipelinedQueryRunner, transactionRunnerOf, usePipelinedTransactions } from './pipelined-transactions';
export { allowAsynchronousCommit, ASYNCHRONOUS_COMMIT_CTE, flushCommits, requireSynchronousCommit } from './commit-durability';
export * from './database-url';
export { createDataSource, dataSourceOptions, type DataSourceOverrides } from './data-source';
export { MIGRATIONS } from './migrations';
export {
  MIGRATION_LOCK_KEY,
  executedMigrations,
  migrateDatabase,
  pendingMigrations,
  revertLastMigration,
  withMigrationLock,
  type MigrateOptions,
} from './migrate';
export { programmePublishedData, programmeRef } from './programme-events';
export { personSummary } from './person-events';
export {
  findProjectedProgrammes,
  projectedProgrammeRef,
  projectedProgrammeRefs,
  projectProgramme,
  type ProgrammeProjectionSchema,
  type ProjectedProgramme,
} from './programme-projection';
export { SEED_IDS } from './seed/seed-ids';
export { seed, seedDatabase, type SeedResult } from './seed/seed';
export { SERVICE_NAMES, SERVICE_SCHEMAS, SHARED_WRITABLE_TABLES, dropServiceRoles, grantServiceRoles, serviceRoleName, type ServiceName } from './service-roles';
export { containsPattern, likeLiteral } from './like-pattern';
export { rowGuard } from './row-guard';
