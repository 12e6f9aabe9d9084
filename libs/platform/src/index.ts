// Config
export * from './config/env-schema';
export * from './config/base-config';
export * from './config/load-config';
export * from './config/config.tokens';
// Logging and request context
export * from './logging/request-context';
export * from './logging/logger';
// Errors and validation
export * from './errors/problem';
export * from './errors/domain-error';
export * from './errors/problem-from-exception';
export * from './errors/problem-details.filter';
export * from './errors/problem-messages';
export * from './validation/validation-pipe';
export * from './validation/field-rules';
export * from './validation/iso-codes';
export * from './validation/unsafe-text';
export * from './validation/dto-bounds';
export * from './validation/list-filters';
export * from './validation/field-messages';
export * from './errors/database-unavailable';
// Health and metrics
export * from './health/readiness-checks';
export * from './health/readiness-check.module';
export * from './metrics/metrics-registry';
// Infrastructure modules
export * from './database/database.module';
export * from './database/create-data-source';
export * from './database/returned-rows';
export * from './redis/redis.module';
// OpenAPI and boot
export * from './docs/openapi';
export * from './platform.module';
export * from './bootstrap/bootstrap-service';
// Auth
export * from './auth/authenticated-principal';
export * from './i18n';
export * from './i18n/catalogue-check';
export * from './auth/auth.decorators';
export * from './auth/api-key';
export * from './auth/api-key-store';
export * from './auth/auth.guard';
// HTTP conventions
export * from './security/json-body';
export { addSecurityHeaders } from './security/security-headers';
export * from './rate-limit/rate-limit.guard';
export * from './idempotency/idempotency.interceptor';
export * from './pagination';
export * from './concurrency/optimistic-concurrency';
export * from './audit/audit-log';
export * from './time/clock';
export * from './time/periodic-job';
