import type { TestApiKey } from '@exchange/platform/testing';
import { type Service, startApplications } from './helpers';

/**
 * Finding 1 of issue 12 (DESIGN.md §9, "roles form a ladder"), played as it was reproduced: a
 * programme manager looked up its organisation's admin, issued itself a key for the admin and
 * could revoke the admin's keys. Nobody acts on a person whose role they could not create;
 * everyone may revoke their own key.
 */
describe('identity: the role ladder', () => {
  let svc: Service;
  let orgId: string;
  let admin: TestApiKey;
  let manager: TestApiKey;
  let otherManager: TestApiKey;
  let reviewer: TestApiKey;

  beforeAll(async () => {
    svc = await startApplications();
    orgId = (await svc.organisation()).id;
    [admin, manager, otherManager, reviewer] = await Promise.all(
      (['admin', 'programme_manager', 'programme_manager', 'reviewer'] as const).map((role) => svc.key(role, { organisationId: orgId })),
    );
  });
  afterAll(async () => {
    await svc?.close();
  });

  const keysOf = (principalId: string) =>
    svc.dataSource.query(`SELECT id, revoked_at FROM identity.api_keys WHERE principal_id = $1 ORDER BY id`, [principalId]) as Promise<unknown[]>;

  it('does not show a manager the admins of its organisation, and refuses to list them by role', async () => {
    const listed = await svc.call('GET', `/organisations/${orgId}/people?limit=100`, manager);
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as { id: string }[]).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([manager.principalId, otherManager.principalId, reviewer.principalId]));
    expect(ids).not.toContain(admin.principalId);
    const admins = await svc.call('GET', `/organisations/${orgId}/people?role=admin`, manager);
    expect([admins.status, admins.body.code]).toEqual([403, 'IDENTITY.ROLE_NOT_GRANTABLE']);
    expect(admins.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const all = await svc.call('GET', `/organisations/${orgId}/people?limit=100`, admin);
    expect((all.body.items as { id: string }[]).map((p) => p.id)).toContain(admin.principalId);
  });

  it("refuses a manager reading, keying or listing the keys of its admin, and changes nothing", async () => {
    const before = await keysOf(admin.principalId);
    for (const [method, path] of [
      ['GET', `/people/${admin.principalId}`],
      ['POST', `/people/${admin.principalId}/api-keys`],
      ['GET', `/people/${admin.principalId}/api-keys`],
    ] as const) {
      const res = await svc.call(method, path, manager, method === 'POST' ? { label: 'mine now' } : undefined);
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'IDENTITY.ROLE_NOT_GRANTABLE']);
    }
    const revoke = await svc.call('POST', `/api-keys/${admin.apiKeyId}/revoke`, manager);
    expect([revoke.status, revoke.body.code]).toEqual([403, 'IDENTITY.ROLE_NOT_GRANTABLE']);
    expect(await keysOf(admin.principalId)).toEqual(before);
    expect((await svc.call('GET', '/me', admin)).status).toBe(200);
  });

  it('lets a manager act on the roles it could create, another manager included, and an admin on everyone', async () => {
    const issued = await svc.call('POST', `/people/${otherManager.principalId}/api-keys`, manager, { label: 'handover' });
    expect(issued.status).toBe(201);
    expect((await svc.call('GET', '/me', { key: issued.body.key })).body.role).toBe('programme_manager');
    expect((await svc.call('POST', `/api-keys/${issued.body.id}/revoke`, manager)).status).toBe(200);
    expect((await svc.call('GET', `/people/${reviewer.principalId}/api-keys`, manager)).status).toBe(200);
    expect((await svc.call('POST', `/people/${manager.principalId}/api-keys`, admin, { label: 'from the admin' })).status).toBe(201);
  });

  it('lets everyone revoke their own key, and nobody below a manager anyone else’s', async () => {
    const second = await svc.call('POST', `/people/${reviewer.principalId}/api-keys`, manager, { label: 'second' });
    expect(second.status).toBe(201);
    const others = await svc.call('POST', `/api-keys/${otherManager.apiKeyId}/revoke`, reviewer);
    expect(others.status).toBe(404);
    const own = await svc.call('POST', `/api-keys/${second.body.id}/revoke`, reviewer);
    expect([own.status, typeof own.body.revokedAt]).toEqual([200, 'string']);
    const adminOwn = await svc.call('POST', `/api-keys/${admin.apiKeyId}/revoke`, admin);
    expect([adminOwn.status, typeof adminOwn.body.revokedAt]).toEqual([200, 'string']);
  });
});
