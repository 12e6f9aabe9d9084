import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { Cohort } from '../src/entities/cohorts';
import { Certification, Programme, Startup } from '../src/entities/applications';
import { Organisation, Principal } from '../src/entities/identity';
import { PilotSite } from '../src/entities/pilots';
import { migrateDatabase } from '../src/migrate';
import { SEED_PLAN, SEED_PRINCIPALS, seedDatabase } from '../src/seed/seed';
import { SEED_IDS } from '../src/seed/seed-ids';
import { dropTestDatabase, scratchDatabaseUrl } from './helpers';

describe('demo seed (scratch database)', () => {
  const url = scratchDatabaseUrl('seed');
  let ds: DataSource;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const e of [Organisation, Principal, Startup, Certification, Programme, PilotSite, Cohort]) out[e.name] = await ds.manager.count(e);
    out.apiKeys = Number((await ds.query(`SELECT count(*) FROM identity.api_keys`))[0].count);
    out.endpoints = Number((await ds.query(`SELECT count(*) FROM notifications.webhook_endpoints`))[0].count);
    out.announcements = Number((await ds.query(`SELECT count(*) FROM applications.outbox WHERE type = 'programme.published'`))[0].count);
    out.people = Number((await ds.query(`SELECT count(*) FROM applications.outbox WHERE type = 'person.registered'`))[0].count);
    return out;
  };

  beforeAll(async () => {
    await migrateDatabase(url);
    ds = createDataSource(url, { poolSize: 2 });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropTestDatabase(url);
  });

  it('refuses to seed a database with pending migrations', async () => {
    const empty = scratchDatabaseUrl('seed_empty');
    try {
      const { ensureDatabase } = await import('../src/database-url');
      await ensureDatabase(empty);
      await expect(seedDatabase(empty)).rejects.toThrow(/pending migrations/);
    } finally {
      await dropTestDatabase(empty);
    }
  });

  it('inserts the demo data once; a second run changes nothing', async () => {
    const lines: string[] = [];
    const first = await seedDatabase(url, { log: (l) => lines.push(l) });
    for (const step of SEED_PLAN) expect(first.inserted[step.label]).toBe(step.rows.length);
    expect(lines.join('\n')).toContain('Агентство инноваций города');

    const afterFirst = await counts();
    const second = await seedDatabase(url);
    expect(Object.values(second.inserted).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(afterFirst);

    expect(afterFirst).toMatchObject({ Organisation: 5, Startup: 4, Programme: 2, PilotSite: 4, Cohort: 1, apiKeys: 0, endpoints: 0, announcements: 2, people: SEED_PRINCIPALS.length });
  });

  it('announces each seeded published programme as the applications service would (programme.published in its outbox)', async () => {
    const rows: Array<{ key: string; topic: string; payload: { programme: { id: string; kind: string; partnerOrgIds: string[] } } }> = await ds.query(
      `SELECT key, topic, payload FROM applications.outbox WHERE type = 'programme.published' ORDER BY key`,
    );
    const accelerator = rows.find((r) => r.key === SEED_IDS.programmes.seoulAccelerator);
    expect(accelerator).toMatchObject({ topic: 'exchange.applications.v1', payload: { programme: { id: SEED_IDS.programmes.seoulAccelerator, kind: 'accelerator' } } });
    expect(accelerator!.payload.programme.partnerOrgIds).toContain(SEED_IDS.organisations.koreanAssociation);
    expect(rows.map((r) => r.key).sort()).toEqual([SEED_IDS.programmes.cityPilots, SEED_IDS.programmes.seoulAccelerator].sort());
  });

  it('announces each seeded person as the applications service would (person.registered, keyed by its startup or itself)', async () => {
    const rows: Array<{ key: string; topic: string; payload: { person: Record<string, unknown> } }> = await ds.query(
      `SELECT key, topic, payload FROM applications.outbox WHERE type = 'person.registered' ORDER BY key`,
    );
    expect(rows.map((r) => r.key).sort()).toEqual(SEED_PRINCIPALS.map((p) => p.startupId ?? p.id).sort());
    const manager = rows.find((r) => r.key === SEED_IDS.principals.agencyManager);
    expect(manager).toMatchObject({
      topic: 'exchange.applications.v1',
      payload: { person: { role: 'programme_manager', organisationId: SEED_IDS.organisations.cityAgency, startupId: null, preferredLanguage: 'ru', timeZone: 'Europe/Moscow', state: 'active' } },
    });
    const startup = rows.find((r) => r.key === SEED_IDS.startups.mediVision);
    expect(startup!.payload.person).toMatchObject({ role: 'startup', organisationId: null, startupId: SEED_IDS.startups.mediVision });
  });

  it('has names in Hangul, Cyrillic and Latin and a consistent demo', async () => {
    const orgs = await ds.manager.find(Organisation);
    const scripts = orgs.map((o) => o.name).join(' ');
    expect(scripts).toMatch(/[\uAC00-\uD7A3]/); // Hangul
    expect(scripts).toMatch(/[\u0400-\u04FF]/); // Cyrillic
    const startups = await ds.manager.find(Startup);
    expect(startups.some((s) => /^[A-Za-z ]+$/.test(s.name))).toBe(true);

    const pilots = await ds.manager.findOneByOrFail(Programme, { id: SEED_IDS.programmes.cityPilots });
    expect(pilots.kind).toBe('pilot');
    expect(pilots.partnerOrganisationIds).toContain(SEED_IDS.organisations.koreanAssociation);
    expect(pilots.rubricCriteria.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1);
    const accelerator = await ds.manager.findOneByOrFail(Programme, { id: SEED_IDS.programmes.seoulAccelerator });
    expect(accelerator.kind).toBe('accelerator');
    const cohort = await ds.manager.findOneByOrFail(Cohort, { id: SEED_IDS.cohorts.seoulSpring });
    expect(cohort.programmeId).toBe(accelerator.id);
    const sites = await ds.manager.findBy(PilotSite, {});
    expect(sites.every((s) => s.programmeIds.includes(pilots.id))).toBe(true);
  });
});
