import { randomUUID } from 'node:crypto';
import {
  ContractViolation,
  createEvent,
  decodeEvent,
  DELIVERED_EVENT_TYPES,
  envelopeHeaders,
  EVENT_TYPES,
  EventSchemas,
  EventTopic,
  Topics,
  UNDELIVERED_EVENT_TYPES,
  WEBHOOK_EVENT_TYPES,
} from '@exchange/contracts';

const startup = {
  id: randomUUID(),
  name: '스마트 헬스',
  nameLatin: 'Smart Health',
  country: 'KR',
  technologyFields: ['medtech'],
  readinessLevel: 7,
  languages: ['ko', 'en'],
};

describe('event contracts', () => {
  it('binds every event type to a topic of its producer', () => {
    expect(EVENT_TYPES.length).toBeGreaterThanOrEqual(27);
    for (const type of EVENT_TYPES) {
      const prefix = type.split('.')[0];
      const expected = {
        startup: Topics.applications,
        person: Topics.applications,
        programme: Topics.applications,
        application: Topics.applications,
        review: Topics.applications,
        certification: Topics.applications,
        mission: Topics.applications,
        pilot: Topics.pilots,
        open_call: Topics.pilots,
        cohort: Topics.cohorts,
        pitch_day: Topics.cohorts,
        webhook: Topics.notifications,
      }[prefix];
      expect([type, EventTopic[type]]).toEqual([type, expected]);
      expect(EventSchemas[type]).toBeDefined();
    }
  });

  it('describes a programme with who runs it when it is published and closed', () => {
    const programme = { id: randomUUID(), kind: 'accelerator' as const, organiserOrgId: randomUUID(), partnerOrgIds: [randomUUID()] };
    const now = new Date().toISOString();
    const published = createEvent({
      type: 'programme.published',
      data: { programme, name: '서울 가속기', nameLatin: 'Seoul Accelerator', hostCountry: 'KR', hostCity: 'Seoul', opensAt: now, closesAt: now, publishedAt: now },
      source: '/services/applications',
    });
    expect(published.data.programme).toEqual(programme);
    expect(createEvent({ type: 'programme.closed', data: { programme, closedAt: now }, source: '/x' }).data.closedAt).toBe(now);
    expect(() =>
      createEvent({ type: 'programme.closed', data: { programme: { ...programme, partnerOrgIds: undefined }, closedAt: now } as never, source: '/x' }),
    ).toThrow(/programme\.partnerOrgIds/);
  });

  it('round-trips an event through the binary-mode envelope', () => {
    const event = createEvent({
      type: 'startup.registered',
      data: { startup, registeredAt: new Date().toISOString() },
      source: '/services/applications',
      subject: startup.id,
      requestId: 'req-1',
    });
    const headers = envelopeHeaders(event);
    expect(headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'startup.registered',
      ce_source: '/services/applications',
      ce_subject: startup.id,
      'content-type': 'application/json',
      'x-request-id': 'req-1',
    });
    const decoded = decodeEvent({
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
      value: Buffer.from(JSON.stringify(event.data)),
    });
    expect(decoded).toMatchObject({ id: event.id, type: 'startup.registered', data: event.data, requestId: 'req-1' });
  });

  it('names every bad field when data breaks its schema', () => {
    expect(() =>
      createEvent({
        type: 'startup.registered',
        data: { startup: { ...startup, country: 'Korea', readinessLevel: 10 }, registeredAt: 'yesterday' } as never,
        source: '/x',
      }),
    ).toThrow(/startup\.country.*startup\.readinessLevel.*registeredAt/s);
  });

  it('bounds every field of a person and keeps person events away from webhooks', () => {
    const person = {
      id: randomUUID(),
      role: 'reviewer' as const,
      organisationId: randomUUID(),
      startupId: null,
      displayName: 'Анна',
      email: 'anna@example.org',
      preferredLanguage: 'ru' as const,
      timeZone: 'Europe/Moscow',
      state: 'active' as const,
    };
    const at = new Date().toISOString();
    expect(createEvent({ type: 'person.registered', data: { person, at }, source: '/x' }).data.person).toEqual(person);
    expect(createEvent({ type: 'person.updated', data: { person, changedFields: ['timeZone'], at }, source: '/x' }).data.changedFields).toEqual(['timeZone']);
    const broken = {
      ...person,
      displayName: 'x'.repeat(301),
      email: `${'x'.repeat(320)}@example.org`,
      timeZone: 'x'.repeat(65),
      preferredLanguage: 'fr',
      role: 'superuser',
      state: 'deleted',
    };
    expect(() => createEvent({ type: 'person.registered', data: { person: broken, at } as never, source: '/x' })).toThrow(
      /person\.role.*person\.displayName.*person\.email.*person\.preferredLanguage.*person\.timeZone.*person\.state/s,
    );
    expect(() => createEvent({ type: 'person.updated', data: { person, changedFields: [], at }, source: '/x' })).toThrow(/changedFields/);
    expect(() => createEvent({ type: 'person.updated', data: { person, changedFields: ['x'.repeat(65)], at }, source: '/x' })).toThrow(/changedFields/);
    expect(UNDELIVERED_EVENT_TYPES).toEqual(expect.arrayContaining(['person.registered', 'person.updated']));
    expect(DELIVERED_EVENT_TYPES).not.toContain('person.registered');
    expect(WEBHOOK_EVENT_TYPES).not.toContain('person.updated');
  });

  it('refuses unknown types and foreign spec versions on consume', () => {
    const headers = { ce_specversion: '1.0', ce_id: randomUUID(), ce_type: 'startup.exploded', ce_source: '/x', ce_time: new Date().toISOString() };
    expect(() => decodeEvent({ headers, value: '{}' })).toThrow(ContractViolation);
    expect(() => decodeEvent({ headers: { ...headers, ce_type: 'startup.updated', ce_specversion: '0.3' }, value: '{}' })).toThrow(
      /ce_specversion/,
    );
  });
});
