import { DEFAULT_TEST_DATABASE_URL } from '@exchange/data';
import { createServiceDataSource } from '@exchange/platform';
import type { DataSource } from 'typeorm';

/**
 * A pooled connection is replaced once DATABASE_CONNECTION_LIFETIME_SECONDS have passed, so the plans
 * its prepared statements cached on tables as they once were do not live for ever; 0 keeps it.
 */
describe('DATABASE_CONNECTION_LIFETIME_SECONDS', () => {
  const url = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const opened: DataSource[] = [];
  const backendOf = async (dataSource: DataSource) => ((await dataSource.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0].pid;
  const open = async (connectionLifetimeSeconds: number) => {
    const dataSource = await createServiceDataSource({ url, applicationName: 'lifetime-test', poolSize: 1, connectionLifetimeSeconds }).initialize();
    opened.push(dataSource);
    return dataSource;
  };

  afterAll(async () => {
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
  });

  it('replaces the connection after its lifetime, and keeps it with 0', async () => {
    const [aging, kept] = await Promise.all([open(1), open(0)]);
    const [agingFirst, keptFirst] = await Promise.all([backendOf(aging), backendOf(kept)]);
    expect(await backendOf(aging)).toBe(agingFirst);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await backendOf(aging)).not.toBe(agingFirst);
    expect(await backendOf(kept)).toBe(keptFirst);
  });
});
