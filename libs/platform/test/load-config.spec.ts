import { z } from 'zod';
import { baseConfigSchema, ConfigError, envBoolean, envPort, loadConfig } from '../src';

const schema = baseConfigSchema.extend({ PORT: envPort(3001), FEATURE_X: envBoolean({ default: false, example: 'true' }) });

function problemsOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(schema, env, 'testsvc');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig(schema, {});
    expect(config).toMatchObject({
      PORT: 3001,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/exchange',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_PARTITIONS_CONCURRENTLY: 3,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: 10_000,
      BODY_LIMIT_BYTES: 1_048_576,
      FEATURE_X: false,
    });
  });

  it('parses valid values into their types', () => {
    const config = loadConfig(schema, { PORT: '0', KAFKA_BROKERS: ' a:1, b:2 ,', KAFKA_PARTITIONS_CONCURRENTLY: '6', FEATURE_X: 'yes', LOG_LEVEL: 'debug' });
    expect(config.PORT).toBe(0);
    expect(config.KAFKA_PARTITIONS_CONCURRENTLY).toBe(6);
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(config.FEATURE_X).toBe(true);
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('lists every bad variable by name, with what is wrong and an example', () => {
    const error = problemsOf({ PORT: 'abc', KAFKA_BROKERS: '', DATABASE_URL: 'notaurl', REDIS_URL: 'http://x', SHUTDOWN_TIMEOUT_MS: '-5' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PORT', 'REDIS_URL', 'SHUTDOWN_TIMEOUT_MS']);
    expect(error.message).toContain('Invalid configuration for testsvc: 5 environment variables to fix');
    expect(error.message).toContain('- PORT: must be a whole number >= 0 and <= 65535, got "abc" (example: PORT=3001)');
    expect(error.message).toContain('- KAFKA_BROKERS: must be a comma-separated list of host:port (at least one), it is empty');
    expect(error.message).toContain('- DATABASE_URL: must be a URL starting with postgres:// or postgresql://, got "notaurl"');
    expect(error.message).toContain('- REDIS_URL: must be a URL starting with redis:// or rediss://');
    expect(error.message).toContain('- SHUTDOWN_TIMEOUT_MS: must be a whole number >= 0');
  });

  it('bounds the database connection lifetime: 0 to a day, 30 minutes by default', () => {
    expect(loadConfig(schema, {}).DATABASE_CONNECTION_LIFETIME_SECONDS).toBe(1_800);
    expect(loadConfig(schema, { DATABASE_CONNECTION_LIFETIME_SECONDS: '0' }).DATABASE_CONNECTION_LIFETIME_SECONDS).toBe(0);
    for (const bad of ['-1', '86401', '1e9', '30s', '1.5', '\u0000']) {
      expect(problemsOf({ DATABASE_CONNECTION_LIFETIME_SECONDS: bad }).problems.map((p) => p.variable)).toEqual(['DATABASE_CONNECTION_LIFETIME_SECONDS']);
    }
  });

  it('bounds how long a consumer gathers events: 0 (none) by default, at most a second', () => {
    expect(loadConfig(schema, {}).KAFKA_CONSUMER_GATHER_MS).toBe(0);
    expect(loadConfig(schema, { KAFKA_CONSUMER_GATHER_MS: '100' }).KAFKA_CONSUMER_GATHER_MS).toBe(100);
    for (const bad of ['-1', '1001', '100ms', '0.5', '']) {
      expect(problemsOf({ KAFKA_CONSUMER_GATHER_MS: bad }).problems.map((p) => p.variable)).toEqual(['KAFKA_CONSUMER_GATHER_MS']);
    }
  });

  it('rejects out-of-range ports and unknown enum values', () => {
    expect(problemsOf({ PORT: '70000' }).message).toContain('PORT: must be a whole number >= 0 and <= 65535, got "70000"');
    expect(problemsOf({ LOG_LEVEL: 'loud' }).message).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"');
  });

  it('says "required" for a variable without default that is not set', () => {
    const strict = z.object({ WEBHOOK_SECRET: z.string() });
    try {
      loadConfig(strict, {});
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).toContain('WEBHOOK_SECRET: is required but not set');
    }
  });

  it('never prints secrets or URL passwords', () => {
    const strict = z.object({ API_SECRET: z.string().min(40, 'must be at least 40 characters') });
    expect(() => loadConfig(strict, { API_SECRET: 'hunter2' })).toThrow(/API_SECRET: must be at least 40 characters, got a value that is not shown/);
    const error = problemsOf({ DATABASE_URL: 'mysql://user:topsecret@db/x' });
    expect(error.message).not.toContain('topsecret');
    expect(error.message).toContain('mysql://user:***@db/x');
  });

  describe('in production', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://exchange_applications:s3cret@postgres:5432/exchange',
      REDIS_URL: 'redis://:s3cret@redis:6379',
      AUTH_CACHE_SECRET: 'a-production-secret-of-at-least-32-bytes',
    };

    it('boots with the service\'s own database role and a Redis password', () => {
      expect(loadConfig(schema, production).DATABASE_URL).toBe(production.DATABASE_URL);
    });

    it.each([
      ['the default superuser URL', { DATABASE_URL: undefined }, 'DATABASE_URL'],
      ['the superuser with a password', { DATABASE_URL: 'postgres://postgres:pw@postgres:5432/exchange' }, 'DATABASE_URL'],
      ['a role without a password', { DATABASE_URL: 'postgres://exchange_pilots@postgres:5432/exchange' }, 'DATABASE_URL'],
      ['a Redis without a password', { REDIS_URL: 'redis://redis:6379' }, 'REDIS_URL'],
      ['the default Redis', { REDIS_URL: undefined }, 'REDIS_URL'],
    ])('refuses %s, naming the variable', (_what, change, variable) => {
      const err = problemsOf({ ...production, ...change });
      expect(err.problems.map((p) => p.variable)).toEqual([variable]);
      expect(err.message).toContain(`${variable}: must`);
      expect(err.message).not.toContain('pw@');
    });

    it('lists every production problem at once', () => {
      const err = problemsOf({ NODE_ENV: 'production' });
      expect(err.problems.map((p) => p.variable).sort()).toEqual(['AUTH_CACHE_SECRET', 'DATABASE_URL', 'REDIS_URL']);
    });

    it('keeps development defaults outside production', () => {
      expect(() => loadConfig(schema, { NODE_ENV: 'development' })).not.toThrow();
      expect(() => loadConfig(schema, { NODE_ENV: 'test' })).not.toThrow();
    });
  });
});
