/* Jest globalSetup (temporary bootstrap version): ensures the test database exists. */
import { Client } from 'pg';

const DEFAULT_TEST_URL = 'postgres://postgres@127.0.0.1:5432/exchange_test';

export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL ?? DEFAULT_TEST_URL;
  const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!dbName.includes('test')) {
    throw new Error(`Refusing to run tests against database "${dbName}": its name must contain "test"`);
  }
  process.env.DATABASE_URL = url;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
      } catch (err) {
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end();
  }
}
