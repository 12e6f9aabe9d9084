import { type RunningService } from '@exchange/platform';
import { bearer, issueTestApiKey, startServiceInProcess, type TestApiKey } from '@exchange/platform/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { applicationsConfigSchema, SERVICE_NAME } from '../src/config';
import { ApiKeysService } from '../src/identity/api-keys.service';
import { LastUsedFlusher } from '../src/identity/last-used-flusher';

describe('identity API', () => {
  let service: RunningService;
  let dataSource: DataSource;
  let admin: TestApiKey;

  const call = async (method: string, path: string, key: TestApiKey | string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(key ? bearer(key) : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
  };
  /** The events keyed by one person, oldest first. */
  const eventsOf = (personId: string) =>
    dataSource.query(`SELECT type, topic, key, subject, source, payload, payload::text AS text FROM applications.outbox WHERE key = $1 ORDER BY seq`, [personId]) as Promise<
      Array<{ type: string; topic: string; key: string; subject: string | null; source: string; payload: any; text: string }>
    >;
  const auditOf = (entityId: string) =>
    dataSource.query(`SELECT action, actor_principal_id, before, after, request_id FROM identity.audit_log WHERE entity_id = $1 ORDER BY at, id`, [entityId]) as Promise<
      Array<{ action: string; actor_principal_id: string | null; before: any; after: any; request_id: string | null }>
    >;

  beforeAll(async () => {
    service = await startServiceInProcess({ name: SERVICE_NAME, module: AppModule, schema: applicationsConfigSchema });
    dataSource = service.app.get(DataSource);
    admin = await issueTestApiKey(dataSource, { role: 'admin' });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('takes an organisation from creation to its first person with a working key, auditing each step', async () => {
    const created = await call('POST', '/v1/organisations', admin, { name: 'Московский инновационный кластер', nameLatin: 'Moscow Innovation Cluster', kind: 'partner_agency', country: 'RU', preferredLanguage: 'ru' });
    expect(created.status).toBe(201);
    const org = created.body;
    expect(org).toMatchObject({ id: expect.any(String), name: 'Московский инновационный кластер', kind: 'partner_agency', country: 'RU', preferredLanguage: 'ru', version: 1 });

    const manager = await call('POST', `/v1/organisations/${org.id}/people`, admin, { displayName: 'Ирина', email: 'irina@example.org', role: 'programme_manager' });
    expect(manager.status).toBe(201);
    const managerKey = await call('POST', `/v1/people/${manager.body.id}/api-keys`, admin, { label: 'laptop' });
    expect(managerKey.status).toBe(201);
    expect(managerKey.body.key).toMatch(/^sx_live_[A-Za-z0-9_-]{43}$/);
    expect(managerKey.body.prefix).toBe(managerKey.body.key.slice(0, 16));
    expect(managerKey.body).not.toHaveProperty('hash');

    // The manager's key works and carries the role and organisation.
    const me = await call('GET', '/v1/me', managerKey.body.key);
    expect(me.body).toMatchObject({ principalId: manager.body.id, role: 'programme_manager', organisationId: org.id, startupId: null });

    // A manager creates reviewers of their organisation, but no admin.
    const reviewer = await call('POST', `/v1/organisations/${org.id}/people`, managerKey.body.key, { displayName: 'Reviewer', role: 'reviewer' });
    expect(reviewer.status).toBe(201);
    const escalate = await call('POST', `/v1/organisations/${org.id}/people`, managerKey.body.key, { displayName: 'Sneaky', role: 'admin' });
    expect(escalate.status).toBe(403);
    expect(escalate.body.code).toBe('IDENTITY.ROLE_NOT_GRANTABLE');
    const duplicate = await call('POST', `/v1/organisations/${org.id}/people`, managerKey.body.key, { displayName: 'Irina again', email: 'IRINA@example.org', role: 'reviewer' });
    expect(duplicate.status).toBe(409);

    // The stored key is hashed; the secret appears nowhere in the database.
    const [row] = (await dataSource.query(`SELECT prefix, hash FROM identity.api_keys WHERE id = $1`, [managerKey.body.id])) as Array<{ prefix: string; hash: string }>;
    expect(row.prefix).toBe(managerKey.body.prefix);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    const [{ leaks }] = (await dataSource.query(`SELECT count(*)::int AS leaks FROM identity.audit_log WHERE after::text LIKE '%' || $1 || '%'`, [managerKey.body.key])) as Array<{ leaks: number }>;
    expect(leaks).toBe(0);

    expect((await auditOf(org.id)).map((a) => a.action)).toEqual(['organisation.create']);
    const personAudit = await auditOf(reviewer.body.id);
    expect(personAudit).toEqual([expect.objectContaining({ action: 'principal.create', actor_principal_id: manager.body.id, before: null, after: expect.objectContaining({ role: 'reviewer' }) })]);
    expect(personAudit[0].request_id).toEqual(expect.any(String));
  });

  it('lists keys with prefix, last use and revocation, and a revoked key stops working', async () => {
    const org = (await call('POST', '/v1/organisations', admin, { name: `Host ${randomUUID()}`, kind: 'host', country: 'KR', preferredLanguage: 'ko' })).body;
    const person = (await call('POST', `/v1/organisations/${org.id}/people`, admin, { displayName: '박지훈', role: 'host' })).body;
    const first = (await call('POST', `/v1/people/${person.id}/api-keys`, admin, {})).body;
    const second = (await call('POST', `/v1/people/${person.id}/api-keys`, admin, { label: 'ci', expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).body;
    expect((await call('GET', '/v1/me', first.key)).status).toBe(200);

    const listed = await call('GET', `/v1/people/${person.id}/api-keys?limit=1`, admin);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toEqual(expect.objectContaining({ id: first.id, prefix: first.prefix, revokedAt: null, lastUsedAt: expect.any(String) }));
    expect(listed.body.items[0]).not.toHaveProperty('key');
    const next = await call('GET', `/v1/people/${person.id}/api-keys?limit=1&cursor=${listed.body.nextCursor}`, admin);
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: second.id, label: 'ci' })], nextCursor: null });

    // The Redis last-use entries reach the table.
    await service.app.get(LastUsedFlusher).flush();
    const [{ last_used_at }] = (await dataSource.query(`SELECT last_used_at FROM identity.api_keys WHERE id = $1`, [first.id])) as Array<{ last_used_at: Date | null }>;
    expect(last_used_at).toBeInstanceOf(Date);

    // The person revokes their own key.
    const revoked = await call('POST', `/v1/api-keys/${first.id}/revoke`, first.key);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await call('GET', '/v1/me', first.key)).status).toBe(401);
    expect((await call('GET', '/v1/me', second.key)).status).toBe(200);
    // Revoking again answers the same; the audit has one revocation with before and after.
    expect((await call('POST', `/v1/api-keys/${first.id}/revoke`, admin)).status).toBe(200);
    const audit = await auditOf(first.id);
    expect(audit.map((a) => a.action)).toEqual(['api_key.create', 'api_key.revoke']);
    expect(audit[1]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
  });

  it('keeps organisations apart: members see their own, other tenants get 404', async () => {
    const a = (await call('POST', '/v1/organisations', admin, { name: `A ${randomUUID()}`, kind: 'host', country: 'KR', preferredLanguage: 'en' })).body;
    const b = (await call('POST', '/v1/organisations', admin, { name: `B ${randomUUID()}`, kind: 'host', country: 'DE', preferredLanguage: 'en' })).body;
    const managerA = await issueTestApiKey(dataSource, { role: 'programme_manager', organisationId: a.id });
    const personB = await issueTestApiKey(dataSource, { role: 'reviewer', organisationId: b.id });
    expect((await call('GET', `/v1/organisations/${b.id}`, managerA)).status).toBe(404);
    expect((await call('GET', `/v1/organisations/${b.id}/people`, managerA)).status).toBe(404);
    expect((await call('GET', `/v1/people/${personB.principalId}/api-keys`, managerA)).status).toBe(404);
    expect((await call('POST', `/v1/api-keys/${personB.apiKeyId}/revoke`, managerA)).status).toBe(404);
    expect((await call('GET', '/v1/organisations', managerA)).body.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    // An admin sees all, filtered by country and by name as typed.
    const de = await call('GET', `/v1/organisations?country=DE&q=${encodeURIComponent(b.name.slice(0, 12).toLowerCase())}&limit=100`, admin);
    expect(de.body.items.map((o: { id: string }) => o.id)).toContain(b.id);
    expect(de.body.items.every((o: { country: string }) => o.country === 'DE')).toBe(true);
  });

  it('updates an organisation only at the current version (If-Match or version), 409 otherwise', async () => {
    const org = (await call('POST', '/v1/organisations', admin, { name: `V ${randomUUID()}`, kind: 'accelerator', country: 'KR', preferredLanguage: 'ko' })).body;
    const ok = await call('PATCH', `/v1/organisations/${org.id}`, admin, { city: 'Seoul' }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ city: 'Seoul', version: 2 });
    const stale = await call('PATCH', `/v1/organisations/${org.id}`, admin, { city: 'Busan', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { city: 'Seoul' } });
    // Two concurrent updates from the same version: exactly one wins.
    const racing = await Promise.all(['Incheon', 'Daegu'].map((city) => call('PATCH', `/v1/organisations/${org.id}`, admin, { city }, { 'if-match': '"2"' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await auditOf(org.id)).map((a) => a.action)).toEqual(['organisation.create', 'organisation.update', 'organisation.update']);
  });

  it('creates one organisation for 10 concurrent identical requests with one Idempotency-Key', async () => {
    const name = `Idempotent ${randomUUID()}`;
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => call('POST', '/v1/organisations', admin, { name, kind: 'other', country: 'KR', preferredLanguage: 'en' }, { 'idempotency-key': key })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM identity.organisations WHERE name = $1`, [name])) as Array<{ count: number }>;
    expect(count).toBe(1);
    expect(await auditOf(responses[0].body.id)).toHaveLength(1);
    const other = await call('POST', '/v1/organisations', admin, { name: `${name} 2`, kind: 'other', country: 'KR', preferredLanguage: 'en' }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
  });

  it('announces a new person once (person.registered, keyed by the person) with nothing secret in it', async () => {
    const org = (await call('POST', '/v1/organisations', admin, { name: `People ${randomUUID()}`, kind: 'partner_agency', country: 'KR', preferredLanguage: 'ko' })).body;
    const created = await call('POST', `/v1/organisations/${org.id}/people`, admin, {
      displayName: '이서연',
      email: 'seoyeon@example.org',
      role: 'partner_agency',
      preferredLanguage: 'ko',
      timeZone: 'Asia/Seoul',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ timeZone: 'Asia/Seoul', version: 1 });
    const key = (await call('POST', `/v1/people/${created.body.id}/api-keys`, admin, { label: 'laptop' })).body;

    const events = await eventsOf(created.body.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'person.registered', topic: 'exchange.applications.v1', subject: created.body.id, source: '/services/applications' });
    expect(events[0].payload).toEqual({
      person: {
        id: created.body.id,
        role: 'partner_agency',
        organisationId: org.id,
        startupId: null,
        displayName: '이서연',
        email: 'seoyeon@example.org',
        preferredLanguage: 'ko',
        timeZone: 'Asia/Seoul',
        state: 'active',
      },
      at: created.body.createdAt,
    });
    const [{ hash }] = (await dataSource.query(`SELECT hash FROM identity.api_keys WHERE id = $1`, [key.id])) as Array<{ hash: string }>;
    for (const secret of [key.key, key.prefix, hash]) expect(events[0].text).not.toContain(secret);

    // Without a time zone the person has none, and says so; without a language, it reads the organisation's.
    const plain = await call('POST', `/v1/organisations/${org.id}/people`, admin, { displayName: 'Plain', role: 'reviewer' });
    expect(plain.body).toMatchObject({ timeZone: null, preferredLanguage: 'ko', email: null });
    expect((await eventsOf(plain.body.id)).map((e) => e.payload.person)).toEqual([expect.objectContaining({ timeZone: null, preferredLanguage: 'ko', email: null })]);
    // Set back to "the organisation's" later, it is the organisation's language again.
    const english = await call('PATCH', `/v1/people/${plain.body.id}`, admin, { preferredLanguage: 'en' }, { 'if-match': '"1"' });
    expect(english.body).toMatchObject({ preferredLanguage: 'en' });
    const reset = await call('PATCH', `/v1/people/${plain.body.id}`, admin, { preferredLanguage: null }, { 'if-match': '"2"' });
    expect(reset.body).toMatchObject({ preferredLanguage: 'ko', version: 3 });
  });

  it('announces each change of a person (person.updated) naming the fields that changed, and nothing for no change', async () => {
    const org = (await call('POST', '/v1/organisations', admin, { name: `Upd ${randomUUID()}`, kind: 'host', country: 'RU', preferredLanguage: 'ru' })).body;
    const person = (await call('POST', `/v1/organisations/${org.id}/people`, admin, { displayName: 'Анна', role: 'host', preferredLanguage: 'ru' })).body;

    const renamed = await call('PATCH', `/v1/people/${person.id}`, admin, { displayName: 'Анна Петрова', timeZone: 'Europe/Moscow', preferredLanguage: 'ru' }, { 'if-match': '"1"' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Анна Петрова', timeZone: 'Europe/Moscow', preferredLanguage: 'ru', version: 2 });
    // The same values again: answered, but no change, no version, no event.
    const same = await call('PATCH', `/v1/people/${person.id}`, admin, { displayName: 'Анна Петрова', timeZone: 'Europe/Moscow' });
    expect(same.body).toMatchObject({ version: 2 });
    const cleared = await call('PATCH', `/v1/people/${person.id}`, admin, { timeZone: null, email: 'anna@example.org', version: 2 });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ timeZone: null, email: 'anna@example.org', version: 3 });

    const events = await eventsOf(person.id);
    expect(events.map((e) => [e.type, e.payload.changedFields])).toEqual([
      ['person.registered', undefined],
      ['person.updated', ['displayName', 'timeZone']],
      ['person.updated', ['email', 'timeZone']],
    ]);
    expect(events[1].payload.person).toMatchObject({ id: person.id, displayName: 'Анна Петрова', timeZone: 'Europe/Moscow', email: null });
    expect(events[2].payload.person).toMatchObject({ displayName: 'Анна Петрова', timeZone: null, email: 'anna@example.org' });
    expect(events[2].payload.at).toEqual(expect.any(String));
    expect((await auditOf(person.id)).map((a) => a.action)).toEqual(['principal.create', 'principal.update', 'principal.update']);
  });

  it('writes nothing for a refused change of a person: bad time zone (400 naming timeZone), stale version, taken address', async () => {
    const org = (await call('POST', '/v1/organisations', admin, { name: `Ref ${randomUUID()}`, kind: 'host', country: 'KR', preferredLanguage: 'ko' })).body;
    const person = (await call('POST', `/v1/organisations/${org.id}/people`, admin, { displayName: 'Minji', role: 'reviewer', timeZone: 'Asia/Seoul' })).body;
    await call('POST', `/v1/organisations/${org.id}/people`, admin, { displayName: 'Other', email: 'taken@example.org', role: 'reviewer' });
    const state = async () => ({
      row: await dataSource.query(`SELECT display_name, email, time_zone, version, updated_at FROM identity.principals WHERE id = $1`, [person.id]),
      events: (await eventsOf(person.id)).map((e) => e.type),
      audit: (await auditOf(person.id)).length,
    });
    const before = await state();
    expect(before.events).toEqual(['person.registered']);

    const mars = await call('PATCH', `/v1/people/${person.id}`, admin, { displayName: 'Minji Kim', timeZone: 'Mars/Olympus' });
    expect(mars.status).toBe(400);
    expect(mars.headers.get('content-type')).toContain('application/problem+json');
    expect(mars.body.errors.map((e: { field: string }) => e.field)).toEqual(['timeZone']);
    const tooLong = await call('PATCH', `/v1/people/${person.id}`, admin, { timeZone: `Europe/${'x'.repeat(80)}`, displayName: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'timeZone']);
    const stale = await call('PATCH', `/v1/people/${person.id}`, admin, { displayName: 'Minji Kim' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(409);
    const taken = await call('PATCH', `/v1/people/${person.id}`, admin, { displayName: 'Minji Kim', email: 'TAKEN@example.org' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('IDENTITY.EMAIL_TAKEN');
    expect(await state()).toEqual(before);

    // Refused at creation too: no person, no event.
    const created = await call('POST', `/v1/organisations/${org.id}/people`, admin, { displayName: 'Martian', role: 'reviewer', timeZone: 'Mars/Olympus' });
    expect(created.status).toBe(400);
    expect(created.body.errors.map((e: { field: string }) => e.field)).toEqual(['timeZone']);
    const [{ martians }] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM identity.principals WHERE organisation_id = $1::uuid AND display_name = 'Martian')::int
            + (SELECT count(*) FROM applications.outbox WHERE payload->'person'->>'displayName' = 'Martian' AND payload->'person'->>'organisationId' = $1::text)::int AS martians`,
      [org.id],
    )) as Array<{ martians: number }>;
    expect(martians).toBe(0);
  });

  it('issues a startup its principal and key inside the registration transaction', async () => {
    const apiKeys = service.app.get(ApiKeysService);
    const [startup] = (await dataSource.query(
      `INSERT INTO applications.startups (name, name_latin, country, registration_number, trl) VALUES ('메디봇', 'Medibot', 'KR', $1, 4) RETURNING id`,
      [randomUUID()],
    )) as Array<{ id: string }>;
    const issued = await dataSource.transaction((tx) => apiKeys.issueForStartup(tx, { startupId: startup.id, displayName: 'Medibot', preferredLanguage: 'ko' }));
    expect(issued.principal).toMatchObject({ role: 'startup', startupId: startup.id, organisationId: null });
    const me = await call('GET', '/v1/me', issued.apiKey.key);
    expect(me.body).toMatchObject({ role: 'startup', startupId: startup.id, principalId: issued.principal.id });
    // Its person.registered is in the same transaction, keyed by the startup (ordered with the
    // startup's own events); a startup's time zone is not known yet.
    expect(await eventsOf(issued.principal.id)).toEqual([]);
    const events = await eventsOf(startup.id);
    expect(events.map((e) => [e.type, e.subject])).toEqual([['person.registered', issued.principal.id]]);
    expect(events[0].payload.person).toEqual({
      id: issued.principal.id,
      role: 'startup',
      organisationId: null,
      startupId: startup.id,
      displayName: 'Medibot',
      email: null,
      preferredLanguage: 'ko',
      timeZone: null,
      state: 'active',
    });
    expect(events[0].text).not.toContain(issued.apiKey.key);

    // Rolled back with the registration: no principal, no key.
    const [other] = (await dataSource.query(
      `INSERT INTO applications.startups (name, name_latin, country, registration_number, trl) VALUES ('X', 'X', 'KR', $1, 4) RETURNING id`,
      [randomUUID()],
    )) as Array<{ id: string }>;
    await expect(
      dataSource.transaction(async (tx) => {
        await apiKeys.issueForStartup(tx, { startupId: other.id, displayName: 'X' });
        throw new Error('registration failed later');
      }),
    ).rejects.toThrow('registration failed later');
    const [{ count }] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM identity.principals WHERE startup_id = $1)::int
            + (SELECT count(*) FROM applications.outbox WHERE payload->'person'->>'startupId' = $1::text)::int AS count`,
      [other.id],
    )) as Array<{ count: number }>;
    expect(count).toBe(0);
  });
});
