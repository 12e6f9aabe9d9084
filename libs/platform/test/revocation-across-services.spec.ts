import { createDataSource } from '@exchange/data';
import type { DataSource } from 'typeorm';
import { bearer, getFreePort, issueTestApiKey, type ServiceProcess, spawnService, waitFor, waitUntilLive } from '../src/testing';

const SERVICES = ['applications', 'pilots', 'cohorts', 'notifications'] as const;

/**
 * The four services as their own processes (as in production: separate instances with separate
 * memory), sharing PostgreSQL and Redis. A key revoked through the identity API must be refused by
 * every one of them within seconds, although each had it cached.
 */
describe('a revoked API key is refused by all four services', () => {
  let dataSource: DataSource;
  const running: Array<{ name: string; url: string; proc: ServiceProcess }> = [];

  beforeAll(async () => {
    dataSource = await createDataSource(process.env.DATABASE_URL as string, { applicationName: 'revocation-test', poolSize: 2 }).initialize();
    await Promise.all(
      SERVICES.map(async (name) => {
        const port = await getFreePort();
        const proc = spawnService(name, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_KEY: '100000', RATE_LIMIT_PUBLIC_PER_IP: '100000' });
        running.push({ name, url: `http://127.0.0.1:${port}`, proc });
        await waitUntilLive(`http://127.0.0.1:${port}`, 60_000);
      }),
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      running.map(async ({ proc }) => {
        if (proc.child.exitCode !== null) return;
        proc.child.kill('SIGTERM');
        await proc.exited;
      }),
    );
    await dataSource?.destroy();
  });

  it('within a few seconds, on every service', async () => {
    const partner = await issueTestApiKey(dataSource, { role: 'partner_agency' });
    const admin = await issueTestApiKey(dataSource, { role: 'admin' });
    // Every service accepts the key first (and caches it).
    for (const { url, name } of running) {
      const res = await fetch(`${url}/v1/me`, { headers: bearer(partner) });
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect(await res.json()).toMatchObject({ principalId: partner.principalId, role: 'partner_agency' });
    }

    const applications = running.find((s) => s.name === 'applications')!;
    const revoked = await fetch(`${applications.url}/v1/api-keys/${partner.apiKeyId}/revoke`, { method: 'POST', headers: bearer(admin) });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: partner.apiKeyId, revokedAt: expect.any(String) });
    const revokedAt = Date.now();

    const refusedAfter = await Promise.all(
      running.map(async ({ url, name }) => {
        await waitFor(async () => (await fetch(`${url}/v1/me`, { headers: bearer(partner) })).status === 401, { timeoutMs: 10_000, what: `${name} refusing the revoked key` });
        return Date.now() - revokedAt;
      }),
    );
    for (const ms of refusedAfter) expect(ms).toBeLessThan(3_000);
    // The admin's own key still works everywhere.
    for (const { url } of running) expect((await fetch(`${url}/v1/me`, { headers: bearer(admin) })).status).toBe(200);
  });
});
