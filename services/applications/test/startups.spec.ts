import { startApplications, outboxEvents, registerStartup, registrationBody, type Service } from './helpers';

describe('startups: registration, profile, search', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startApplications();
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('registers a startup with its principal and key in one go, returns the key once, and emits startup.registered', async () => {
    const body = registrationBody({
      certifications: [{ kind: 'innovation_certificate', issuer: 'Korea SME Innovation Association', grade: 'AA', validFrom: '2025-01-01T00:00:00Z', validUntil: '2028-01-01T00:00:00Z' }],
    });
    const res = await svc.call('POST', '/startups', null, body);
    expect(res.status).toBe(201);
    expect(res.body.apiKey).toMatch(/^sx_live_/);
    expect(res.body.startup).toMatchObject({ name: body.name, nameLatin: body.nameLatin, trl: 6, certifications: [{ grade: 'AA', issuer: 'Korea SME Innovation Association' }] });
    const me = await svc.call('GET', `/startups/${res.body.startup.id}`, { key: res.body.apiKey });
    expect(me.status).toBe(200);
    expect(me.body.apiKey).toBeUndefined();
    // Its principal is announced too, under the startup's key, so it is known before anything the startup does.
    const events = await outboxEvents(svc.dataSource, res.body.startup.id);
    expect(events.map((e) => e.type)).toEqual(['person.registered', 'startup.registered']);
    expect(events[0].payload).toMatchObject({ person: { role: 'startup', startupId: res.body.startup.id, displayName: body.nameLatin } });
    expect(events[1].payload).toMatchObject({ startup: { id: res.body.startup.id, nameLatin: body.nameLatin, readinessLevel: 6 } });
  });

  it('refuses a second registration of the same company, leaving nothing behind', async () => {
    const body = registrationBody();
    expect((await svc.call('POST', '/startups', null, body)).status).toBe(201);
    const again = await svc.call('POST', '/startups', null, { ...body, name: 'Другое имя', nameLatin: 'Other name' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('STARTUP.ALREADY_REGISTERED');
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.startups WHERE registration_number = $1`, [body.registrationNumber]);
    expect(n).toBe(1);
  });

  it('updates the own profile with a version check and emits startup.updated; another startup gets 404', async () => {
    const a = await registerStartup(svc);
    const b = await registerStartup(svc);
    const updated = await svc.call('PATCH', `/startups/${a.id}`, a.key, { trl: 7, version: a.startup.version });
    expect(updated.status).toBe(200);
    expect(updated.body.trl).toBe(7);
    const stale = await svc.call('PATCH', `/startups/${a.id}`, a.key, { trl: 8, version: a.startup.version });
    expect(stale.status).toBe(409);
    expect((await svc.call('PATCH', `/startups/${a.id}`, b.key, { trl: 8 })).status).toBe(404);
    expect((await svc.call('GET', `/startups/${a.id}`, b.key)).status).toBe(404);
    const events = await outboxEvents(svc.dataSource, a.id);
    expect(events.map((e) => e.type)).toEqual(['person.registered', 'startup.registered', 'startup.updated']);
    expect(events[2].payload.changedFields).toEqual(['trl']);
  });

  it('finds startups by Hangul, Cyrillic and Latin names, any case, by either name', async () => {
    const tag = Date.now().toString(36);
    const korean = await registerStartup(svc, { name: `스마트팜솔루션${tag}`, nameLatin: `SmartFarm Solutions ${tag}` });
    const russian = await registerStartup(svc, { name: `ТехноМед ${tag}`, nameLatin: `TekhnoMed ${tag}`, country: 'RU' });
    const latin = await registerStartup(svc, { name: `Quantum Logistics ${tag}`, nameLatin: `Quantum Logistics ${tag}`, country: 'DE' });
    const manager = await svc.key('programme_manager');
    const ids = async (q: string) => ((await svc.call('GET', `/startups?q=${encodeURIComponent(q)}`, manager)).body.items as { id: string }[]).map((s) => s.id);

    expect(await ids(`팜솔루션${tag}`)).toEqual([korean.id]);
    expect(await ids(`smartfarm solutions ${tag}`)).toEqual([korean.id]);
    expect(await ids(`техномед ${tag}`)).toEqual([russian.id]);
    expect(await ids(`ТЕХНОМЕД ${tag}`)).toEqual([russian.id]);
    expect(await ids(`tekhnomed ${tag}`)).toEqual([russian.id]);
    expect(await ids(`QUANTUM logistics ${tag}`)).toEqual([latin.id]);
    expect(await ids(`${tag}`)).toEqual(expect.arrayContaining([korean.id, russian.id, latin.id]));
    expect(await ids(`100%${tag}`)).toEqual([]);
  });

  it('paginates search results with a cursor', async () => {
    const tag = `page${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) await registerStartup(svc, { nameLatin: `Pager ${tag} ${i}` });
    const manager = await svc.key('programme_manager');
    const first = await svc.call('GET', `/startups?q=${tag}&limit=2`, manager);
    expect(first.body.items).toHaveLength(2);
    const second = await svc.call('GET', `/startups?q=${tag}&limit=2&cursor=${first.body.nextCursor}`, manager);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
  });
});
