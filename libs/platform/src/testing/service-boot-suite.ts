import type { Type } from '@nestjs/common';
import type { z } from 'zod';
import { bootstrapService, type RunningService } from '../bootstrap/bootstrap-service';
import type { BaseConfig } from '../config/base-config';
import { loadConfig } from '../config/load-config';
import { getFreePort } from './free-port';
import { spawnService, waitUntilLive } from './service-process';

export interface ServiceUnderTest {
  name: string;
  module: Type<unknown>;
  schema: z.ZodObject;
  /** As the service's definition says (ServiceDefinition.formBodies). */
  formBodies?: boolean;
}

/**
 * Boots a service in this process on a random port, against the test environment's Postgres and Redis.
 * Rate limits are raised far out of reach (tests of one machine share an IP and a Redis); a test of
 * the limits passes its own RATE_LIMIT_* / AUTH_FAILURES_* values in `env`.
 */
export async function startServiceInProcess(service: ServiceUnderTest, env: Record<string, string> = {}): Promise<RunningService> {
  const testDefaults = { LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_KEY: '1000000', RATE_LIMIT_PUBLIC_PER_IP: '1000000', RATE_LIMIT_REGISTRATIONS_PER_IP: '1000000', AUTH_FAILURES_PER_IP: '1000000' };
  const config = loadConfig(service.schema, { ...process.env, ...testDefaults, ...env }, service.name) as BaseConfig;
  return bootstrapService({ name: service.name, module: service.module, config, formBodies: service.formBodies, handleSignals: false });
}

/**
 * The boot contract every service keeps (DESIGN.md section 7): health, readiness naming a failing
 * dependency, OpenAPI, metrics, problem+json 404, request id echo, and refusing bad config at boot.
 * Each service's spec calls this with its own module and schema.
 */
export function describeServiceBoot(service: ServiceUnderTest): void {
  describe(`${service.name} service boot`, () => {
    let running: RunningService;

    beforeAll(async () => {
      running = await startServiceInProcess(service);
    });
    afterAll(async () => {
      await running?.close();
    });

    it('answers /health/live', async () => {
      const res = await fetch(`${running.url}/health/live`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'up' });
    });

    it('reports postgres, redis and kafka on /health/ready', async () => {
      const res = await fetch(`${running.url}/health/ready`);
      const body = (await res.json()) as { checks: Record<string, { status: string; durationMs: number }> };
      expect(Object.keys(body.checks).sort()).toEqual(['kafka', 'postgres', 'redis']);
      expect(body.checks.postgres.status).toBe('up');
      expect(body.checks.redis.status).toBe('up');
      // Kafka may be down where this runs: then the answer must be 503 naming it.
      if (body.checks.kafka.status === 'up') expect(res.status).toBe(200);
      else expect(res.status).toBe(503);
    });

    it('answers 503 with the failing check named when a dependency is down', async () => {
      const closedPort = await getFreePort();
      const degraded = await startServiceInProcess(service, { KAFKA_BROKERS: `127.0.0.1:${closedPort}`, HEALTH_CHECK_TIMEOUT_MS: '2000' });
      try {
        const res = await fetch(`${degraded.url}/health/ready`);
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const body = (await res.json()) as { status: number; detail: string; checks: Record<string, { status: string; error?: string }> };
        expect(body.status).toBe(503);
        expect(body.detail).toContain('kafka');
        expect(body.checks.kafka).toMatchObject({ status: 'down', error: expect.any(String) });
        expect(body.checks.postgres.status).toBe('up');
      } finally {
        await degraded.close();
      }
    });

    it('serves a valid OpenAPI 3 document at /docs-json and Swagger UI at /docs', async () => {
      const res = await fetch(`${running.url}/docs-json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as {
        openapi: string;
        info: { title: string };
        paths: Record<string, unknown>;
        components: { securitySchemes: Record<string, unknown>; schemas: Record<string, { required: string[] }> };
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toContain(service.name);
      expect(typeof doc.paths).toBe('object');
      expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status']);
      // Health, metrics and docs are operational endpoints, not part of the API document.
      expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/v1/'))).toEqual([]);
      const ui = await fetch(`${running.url}/docs`);
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-type')).toContain('text/html');
    });

    it('exposes HTTP metrics on /metrics', async () => {
      await fetch(`${running.url}/health/live`);
      const res = await fetch(`${running.url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/health\/live".*\}/);
      expect(text).toMatch(/http_requests_total\{.*method="GET".*status_code="200".*\}/);
      expect(text).toContain('process_cpu_user_seconds_total');
    });

    it('answers an unknown route with a problem+json 404', async () => {
      const res = await fetch(`${running.url}/v1/no-such-route`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/v1/no-such-route' });
    });

    it('echoes the caller’s x-request-id, or makes one', async () => {
      const given = await fetch(`${running.url}/health/live`, { headers: { 'x-request-id': 'req-test-42' } });
      expect(given.headers.get('x-request-id')).toBe('req-test-42');
      const made = await fetch(`${running.url}/health/live`);
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses to start with bad configuration, naming each bad variable', async () => {
      const proc = spawnService(service.name, { PORT: 'abc', KAFKA_BROKERS: '', DATABASE_URL: 'notaurl' });
      const code = await proc.exited;
      const { stderr } = proc.output();
      expect(code).not.toBe(0);
      expect(stderr).toContain(`Invalid configuration for ${service.name}`);
      expect(stderr).toMatch(/PORT: must be a whole number.*got "abc".*example: PORT=\d+/);
      expect(stderr).toMatch(/KAFKA_BROKERS: .*it is empty/);
      expect(stderr).toMatch(/DATABASE_URL: must be a URL starting with postgres:\/\/.*got "notaurl"/);
    });

    it('runs as its own process and stops cleanly on SIGTERM', async () => {
      const port = await getFreePort();
      const proc = spawnService(service.name, { PORT: String(port), HOST: '127.0.0.1' });
      try {
        await waitUntilLive(`http://127.0.0.1:${port}`);
        proc.child.kill('SIGTERM');
        expect(await proc.exited).toBe(0);
        expect(proc.output().stdout).toContain('stopped: connections closed');
      } finally {
        if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
      }
    });
  });
}
