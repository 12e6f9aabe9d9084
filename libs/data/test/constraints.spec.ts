import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { Application, Programme, Startup } from '../src/entities/applications';
import { ApiKey, Organisation, Principal } from '../src/entities/identity';
import { Delivery, DeliveryAttempt, NotificationEvent, WebhookEndpoint } from '../src/entities/notifications';
import { PilotSite } from '../src/entities/pilots';
import { RESPONSE_EXCERPT_MAX_CHARS, responseExcerpt } from '../src/enums';
import { sharedTestUrl } from './helpers';

/**
 * Business rules the database itself enforces. Every test runs in a transaction that is rolled
 * back, so the shared test database is left as it was.
 */
describe('constraints', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource(sharedTestUrl(), { poolSize: 3 });
    await ds.initialize();
  });
  afterAll(() => ds?.destroy());

  /** Run `fn` in a transaction and roll it back. */
  async function inRollback(fn: (em: EntityManager) => Promise<void>): Promise<void> {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await fn(qr.manager);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  }

  /** Expect `fn` to fail with the given SQLSTATE (and constraint), inside a savepoint. */
  async function expectViolation(em: EntityManager, code: string, constraint: RegExp, fn: () => Promise<unknown>) {
    await em.query('SAVEPOINT sp');
    let error: unknown;
    try {
      await fn();
    } catch (err) {
      error = err;
    }
    await em.query('ROLLBACK TO SAVEPOINT sp');
    expect(error).toBeInstanceOf(QueryFailedError);
    const driverError = (error as QueryFailedError & { driverError: { code: string; constraint?: string } }).driverError;
    expect(driverError.code).toBe(code);
    expect(driverError.constraint ?? '').toMatch(constraint);
  }

  const uniq = () => randomUUID().slice(0, 8);

  async function makeOrg(em: EntityManager, patch: Partial<Organisation> = {}) {
    return em.save(Organisation, em.create(Organisation, { name: `Org ${uniq()}`, kind: 'organising_agency', country: 'RU', preferredLanguage: 'ru', ...patch }));
  }

  async function makeStartup(em: EntityManager, patch: Partial<Startup> = {}) {
    return em.save(
      Startup,
      em.create(Startup, { name: '테스트 스타트업', nameLatin: 'Test Startup', country: 'KR', registrationNumber: `REG-${uniq()}`, trl: 5, technologyFields: ['ai'], ...patch }),
    );
  }

  async function makeProgramme(em: EntityManager, organiserId: string) {
    return em.save(
      Programme,
      em.create(Programme, {
        organiserOrganisationId: organiserId, name: 'Программа', kind: 'pilot', hostCountry: 'RU', hostCity: 'Москва', timeZone: 'Europe/Moscow',
        windowOpensAt: new Date('2026-01-01T00:00:00Z'), windowClosesAt: new Date('2026-12-31T00:00:00Z'),
        rubricCriteria: [{ key: 'innovation', label: 'Innovation', weight: 1 }],
      }),
    );
  }

  it('stores and reads an entity with defaults, arrays, jsonb and a version column', async () => {
    await inRollback(async (em) => {
      const s = await makeStartup(em, { team: [{ name: '정하은', role: 'CEO' }], contact: { email: 'a@b.example' } });
      const read = await em.findOneByOrFail(Startup, { id: s.id });
      expect(read).toMatchObject({ name: '테스트 스타트업', technologyFields: ['ai'], trl: 5, version: 1, team: [{ name: '정하은', role: 'CEO' }] });
      expect(read.createdAt).toBeInstanceOf(Date);
      read.trl = 6;
      await em.save(read);
      expect((await em.findOneByOrFail(Startup, { id: s.id })).version).toBe(2);
    });
  });

  it('refuses a second active application of one startup to one programme, but allows one after a withdrawal', async () => {
    await inRollback(async (em) => {
      const org = await makeOrg(em);
      const startup = await makeStartup(em);
      const programme = await makeProgramme(em, org.id);
      const first = await em.save(Application, em.create(Application, { programmeId: programme.id, startupId: startup.id, state: 'submitted' }));
      await expectViolation(em, '23505', /applications_active_uq/, () =>
        em.insert(Application, { programmeId: programme.id, startupId: startup.id, state: 'draft' }),
      );
      await em.update(Application, { id: first.id }, { state: 'withdrawn' });
      await em.insert(Application, { programmeId: programme.id, startupId: startup.id, state: 'draft' });
      const count = await em.countBy(Application, { startupId: startup.id, programmeId: programme.id });
      expect(count).toBe(2);
    });
  });

  it.each([0, 10])('refuses TRL %i', async (trl) => {
    await inRollback(async (em) => {
      await expectViolation(em, '23514', /trl/, () => makeStartup(em, { trl }));
    });
  });

  it('refuses an unknown application state, a bad country code and a language outside en|ko|ru', async () => {
    await inRollback(async (em) => {
      const org = await makeOrg(em);
      const startup = await makeStartup(em);
      const programme = await makeProgramme(em, org.id);
      await expectViolation(em, '23514', /state/, () =>
        em.insert(Application, { programmeId: programme.id, startupId: startup.id, state: 'approved' as never }),
      );
      await expectViolation(em, '23514', /country/, () => makeOrg(em, { country: 'ru' }));
      await expectViolation(em, '23514', /preferred_language/, () => makeOrg(em, { preferredLanguage: 'de' as never }));
    });
  });

  it('refuses a registration number registered twice in one country', async () => {
    await inRollback(async (em) => {
      const s = await makeStartup(em);
      await expectViolation(em, '23505', /startups_registration_uq/, () => makeStartup(em, { registrationNumber: s.registrationNumber }));
    });
  });

  it('keeps a pilot site within its capacity', async () => {
    await inRollback(async (em) => {
      const host = await makeOrg(em, { kind: 'host' });
      const site = await em.save(
        PilotSite,
        em.create(PilotSite, { hostOrganisationId: host.id, name: 'Депо', problemStatement: 'x', country: 'RU', city: 'Москва', timeZone: 'Europe/Moscow', capacity: 1 }),
      );
      const take = () => em.query(`UPDATE pilots.pilot_sites SET active_pilots = active_pilots + 1 WHERE id = $1`, [site.id]);
      await take();
      await expectViolation(em, '23514', /pilot_sites_capacity_ck/, take);
    });
  });

  it('ties an API key to exactly one of organisation or startup, with a sha256 hex hash', async () => {
    await inRollback(async (em) => {
      const org = await makeOrg(em);
      const person = await em.save(Principal, em.create(Principal, { role: 'admin', organisationId: org.id, displayName: 'Админ' }));
      const hash = 'a'.repeat(64);
      await em.insert(ApiKey, { prefix: `ex_${uniq()}`, hash, principalId: person.id, role: 'admin', organisationId: org.id });
      const startup = await makeStartup(em);
      await expectViolation(em, '23514', /api_keys_tenant_ck/, () =>
        em.insert(ApiKey, { prefix: `ex_${uniq()}`, hash: 'b'.repeat(64), principalId: person.id, role: 'admin', organisationId: null, startupId: null }),
      );
      await expectViolation(em, '23514', /api_keys_(tenant|startup_role)_ck/, () =>
        em.insert(ApiKey, { prefix: `ex_${uniq()}`, hash: 'c'.repeat(64), principalId: person.id, role: 'admin', organisationId: org.id, startupId: startup.id }),
      );
      await expectViolation(em, '23514', /hash/, () =>
        em.insert(ApiKey, { prefix: `ex_${uniq()}`, hash: 'not-a-hash', principalId: person.id, role: 'admin', organisationId: org.id }),
      );
      await expectViolation(em, '23505', /hash/, () =>
        em.insert(ApiKey, { prefix: `ex_${uniq()}`, hash, principalId: person.id, role: 'admin', organisationId: org.id }),
      );
      await expectViolation(em, '23514', /principals_tenant_ck/, () =>
        em.insert(Principal, { role: 'startup', organisationId: org.id, displayName: 'x' }),
      );
    });
  });

  it('creates one delivery per (endpoint, event) and caps response excerpts', async () => {
    await inRollback(async (em) => {
      const org = await makeOrg(em, { kind: 'partner_agency', country: 'KR', preferredLanguage: 'ko' });
      const endpoint = await em.save(
        WebhookEndpoint,
        em.create(WebhookEndpoint, { organisationId: org.id, url: 'https://partner.example/hook', eventTypes: ['pilot.*'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
      );
      const event = await em.save(
        NotificationEvent,
        em.create(NotificationEvent, { id: randomUUID(), type: 'pilot.approved', source: 'pilots', topic: 'exchange.pilots.v1', time: new Date(), data: { a: 1 } }),
      );
      const row = { endpointId: endpoint.id, eventId: event.id, eventType: event.type, eventTime: event.time };
      const delivery = await em.save(Delivery, em.create(Delivery, row));
      const again = await em.createQueryBuilder().insert().into(Delivery).values(row).orIgnore().returning('id').execute();
      expect(again.raw).toHaveLength(0);
      await expectViolation(em, '23505', /deliveries_endpoint_event_uq/, () => em.insert(Delivery, row));

      const attempt = { deliveryId: delivery.id, attemptNumber: 1, startedAt: new Date(), statusCode: 500, latencyMs: 12 };
      const huge = 'x'.repeat(RESPONSE_EXCERPT_MAX_CHARS + 1);
      await expectViolation(em, '23514', /response_excerpt/, () => em.insert(DeliveryAttempt, { ...attempt, responseExcerpt: huge }));
      await em.insert(DeliveryAttempt, { ...attempt, responseExcerpt: responseExcerpt(huge) });
      await expectViolation(em, '23514', /secret/, () =>
        em.insert(WebhookEndpoint, { organisationId: org.id, url: 'https://x.example', secret: 'plain' }),
      );
    });
  });

  it('finds startups by a fragment of their name in any script, case-insensitively', async () => {
    await inRollback(async (em) => {
      const tag = uniq();
      await makeStartup(em, { name: `메디비전 ${tag}`, nameLatin: `MediVision ${tag}` });
      await makeStartup(em, { name: `ТрансЛогика ${tag}`, nameLatin: `TransLogika ${tag}`, country: 'RU' });
      const search = async (q: string) => {
        const rows: Array<{ name_latin: string }> = await em.query(
          `SELECT name_latin FROM applications.startups
            WHERE (lower(name) LIKE '%' || lower($1) || '%' OR lower(name_latin) LIKE '%' || lower($1) || '%')
              AND name_latin LIKE '%' || $2 ORDER BY name_latin`,
          [q, tag],
        );
        return rows.map((r) => r.name_latin.replace(` ${tag}`, ''));
      };
      expect(await search('메디')).toEqual(['MediVision']);
      expect(await search('трансл')).toEqual(['TransLogika']);
      expect(await search('ТРАНС')).toEqual(['TransLogika']);
      expect(await search('medivis')).toEqual(['MediVision']);
    });
  });
});
