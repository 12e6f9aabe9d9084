import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropServiceRoles, grantServiceRoles, serviceRoleName, SERVICE_NAMES, type ServiceName } from '../src/service-roles';
import { sharedTestUrl } from './helpers';

// Each service's own role on the real, migrated test database: it writes its schema and the shared
// audit and idempotency tables, reads identity, and is refused everything else (42501).
const prefix = `exchange_test_${randomBytes(3).toString('hex')}`;
const passwords = Object.fromEntries(SERVICE_NAMES.map((s) => [s, `pw-${randomBytes(12).toString('hex')}`])) as Record<ServiceName, string>;
let owner: Client;
const clients = new Map<ServiceName, Client>();

async function as(service: ServiceName): Promise<Client> {
  let client = clients.get(service);
  if (!client) {
    const url = new URL(sharedTestUrl());
    url.username = serviceRoleName(service, prefix);
    url.password = passwords[service];
    client = new Client({ connectionString: url.toString() });
    await client.connect();
    clients.set(service, client);
  }
  return client;
}

/** The SQLSTATE of a statement run as `service` inside a rolled-back transaction ('ok' when it ran). */
async function attempt(service: ServiceName, sql: string): Promise<string> {
  const client = await as(service);
  await client.query('BEGIN');
  try {
    await client.query(sql);
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? 'error';
  } finally {
    await client.query('ROLLBACK');
  }
}

beforeAll(async () => {
  owner = new Client({ connectionString: sharedTestUrl() });
  await owner.connect();
  await grantServiceRoles(owner, passwords, { prefix });
});

afterAll(async () => {
  for (const client of clients.values()) await client.end();
  await dropServiceRoles(owner, prefix);
  await owner.end();
});

describe('service database roles', () => {
  const auditRow = `INSERT INTO identity.audit_log (service, action, entity_type) VALUES ('test', 'probe', 'probe')`;
  const writes: Record<ServiceName, string> = {
    applications: `UPDATE applications.programmes SET name = name WHERE false`,
    pilots: `UPDATE pilots.pilot_sites SET name = name WHERE false`,
    cohorts: `UPDATE cohorts.cohorts SET name = name WHERE false`,
    notifications: `UPDATE notifications.webhook_endpoints SET url = url WHERE false`,
  };

  it.each(SERVICE_NAMES)('%s writes its own schema and the shared audit log, and reads API keys', async (service) => {
    expect(await attempt(service, writes[service])).toBe('ok');
    expect(await attempt(service, auditRow)).toBe('ok');
    expect(await attempt(service, `DELETE FROM identity.idempotency_keys WHERE false`)).toBe('ok');
    expect(await attempt(service, `SELECT count(*) FROM identity.api_keys`)).toBe('ok');
  });

  it.each(SERVICE_NAMES)('%s may not write another service\'s schema', async (service) => {
    for (const other of SERVICE_NAMES.filter((s) => s !== service)) {
      expect([other, await attempt(service, writes[other])]).toEqual([other, '42501']);
    }
  });

  it.each(SERVICE_NAMES.filter((s) => s !== 'applications'))('%s may not issue itself an API key or plant a principal', async (service) => {
    expect(await attempt(service, `UPDATE identity.api_keys SET revoked_at = NULL WHERE false`)).toBe('42501');
    expect(await attempt(service, `DELETE FROM identity.principals WHERE false`)).toBe('42501');
    expect(await attempt(service, `CREATE TABLE identity.planted (id int)`)).toBe('42501');
  });

  it('is idempotent and refuses short passwords', async () => {
    await expect(grantServiceRoles(owner, passwords, { prefix })).resolves.toBeUndefined();
    await expect(grantServiceRoles(owner, { ...passwords, pilots: 'short' }, { prefix })).rejects.toThrow('pilots role needs a password');
  });

  it('gives the roles no superuser, role or database creation rights', async () => {
    const { rows } = await owner.query(
      `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname LIKE $1 ORDER BY rolname`,
      [`${prefix}_%`],
    );
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });
});
