import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { createEvent, eventKey, topicOf } from '@exchange/contracts';
import { createDataSource } from '../data-source';
import { Certification, Programme, Startup } from '../entities/applications';
import { Cohort } from '../entities/cohorts';
import { Organisation, Principal } from '../entities/identity';
import { PilotSite } from '../entities/pilots';
import { pendingMigrations } from '../migrate';
import { insertOutboxRows, outboxRowOf } from '../outbox-rows';
import { personSummary } from '../person-events';
import { programmePublishedData } from '../programme-events';
import { SEED_IDS as S } from './seed-ids';

/**
 * Demo data: a city innovation agency's pilot-testing programme with a Korean SME-innovation partner
 * association, host organisations with pilot sites, a Seoul accelerator with a cohort, and startups
 * with names in Hangul, Cyrillic and Latin. No API keys or webhook secrets: the `bootstrap`
 * command creates keys and prints them once.
 *
 * Idempotent: fixed ids, `INSERT … ON CONFLICT DO NOTHING`; existing rows are never changed.
 */

const O = S.organisations;
const P = S.principals;
const ST = S.startups;

const t = (iso: string) => new Date(iso);

export const SEED_ORGANISATIONS: Array<Partial<Organisation>> = [
  { id: O.cityAgency, name: 'Агентство инноваций города', nameLatin: 'City Innovation Agency', kind: 'organising_agency', country: 'RU', city: 'Москва', preferredLanguage: 'ru', website: 'https://innoagency.example' },
  { id: O.koreanAssociation, name: '중소기업혁신협회', nameLatin: 'Korea SME Innovation Association', kind: 'partner_agency', country: 'KR', city: '서울', preferredLanguage: 'ko', website: 'https://sme-innovation.example.kr' },
  { id: O.hospital, name: 'Городская клиническая больница № 1', nameLatin: 'City Clinical Hospital No. 1', kind: 'host', country: 'RU', city: 'Москва', preferredLanguage: 'ru' },
  { id: O.transportOperator, name: 'Городской транспортный оператор', nameLatin: 'City Transport Operator', kind: 'host', country: 'RU', city: 'Москва', preferredLanguage: 'ru' },
  { id: O.seoulAccelerator, name: '서울 스타트업 액셀러레이터', nameLatin: 'Seoul Startup Accelerator', kind: 'accelerator', country: 'KR', city: '서울', preferredLanguage: 'ko', website: 'https://accelerator.example.kr' },
];

export const SEED_STARTUPS: Array<Partial<Startup>> = [
  {
    id: ST.mediVision, name: '메디비전 AI', nameLatin: 'MediVision AI', country: 'KR', registrationNumber: '110-81-45821',
    technologyFields: ['healthtech', 'ai', 'computer_vision'], trl: 7, languages: ['ko', 'en'],
    team: [{ name: '정하은', nameLatin: 'Jung Ha-eun', role: 'CEO', languages: ['ko', 'en'] }, { name: '오준서', nameLatin: 'Oh Jun-seo', role: 'CTO' }],
    contact: { name: 'Jung Ha-eun', email: 'hello@medivision.example.kr' },
    description: 'AI triage of chest X-rays for emergency departments.', foundedAt: t('2021-03-15T00:00:00Z'),
  },
  {
    id: ST.transLogika, name: 'ТрансЛогика', nameLatin: 'TransLogika', country: 'RU', registrationNumber: '7704123456',
    technologyFields: ['mobility', 'iot', 'ai'], trl: 6, languages: ['ru', 'en'],
    team: [{ name: 'Мария Кузнецова', nameLatin: 'Maria Kuznetsova', role: 'CEO', languages: ['ru', 'en'] }],
    contact: { name: 'Maria Kuznetsova', email: 'team@translogika.example' },
    description: 'Predictive maintenance of bus fleets from on-board sensor data.', foundedAt: t('2019-09-01T00:00:00Z'),
  },
  {
    id: ST.smartFactoryLab, name: '스마트팩토리랩', nameLatin: 'SmartFactory Lab', country: 'KR', registrationNumber: '220-87-90312',
    technologyFields: ['manufacturing', 'robotics', 'iot'], trl: 5, languages: ['ko'],
    team: [{ name: '한도윤', nameLatin: 'Han Do-yoon', role: 'CEO' }],
    contact: { email: 'contact@smartfactorylab.example.kr' },
    description: 'Low-cost vision inspection for small factory lines.', foundedAt: t('2022-06-20T00:00:00Z'),
  },
  {
    id: ST.auroraMobility, name: 'Aurora Mobility', nameLatin: 'Aurora Mobility', country: 'KZ', registrationNumber: '210940012345',
    technologyFields: ['mobility', 'energy'], trl: 8, languages: ['ru', 'en'],
    team: [{ name: 'Aigerim Nurlanova', role: 'CEO', languages: ['ru', 'en'] }],
    contact: { email: 'hi@aurora-mobility.example' },
    description: 'Passenger-flow analytics for metro interchanges.', foundedAt: t('2020-02-10T00:00:00Z'),
  },
];

export const SEED_PRINCIPALS: Array<Partial<Principal>> = [
  { id: P.agencyAdmin, role: 'admin', organisationId: O.cityAgency, displayName: 'Ольга Админова', email: 'admin@innoagency.example', preferredLanguage: 'ru', timeZone: 'Europe/Moscow' },
  { id: P.agencyManager, role: 'programme_manager', organisationId: O.cityAgency, displayName: 'Анна Смирнова', email: 'a.smirnova@innoagency.example', preferredLanguage: 'ru', timeZone: 'Europe/Moscow' },
  { id: P.agencyReviewer, role: 'reviewer', organisationId: O.cityAgency, displayName: 'Иван Петров', email: 'i.petrov@innoagency.example', preferredLanguage: 'ru', timeZone: 'Europe/Moscow' },
  { id: P.associationPartner, role: 'partner_agency', organisationId: O.koreanAssociation, displayName: '이서연', email: 'seoyeon.lee@sme-innovation.example.kr', preferredLanguage: 'ko', timeZone: 'Asia/Seoul' },
  { id: P.associationReviewer, role: 'reviewer', organisationId: O.koreanAssociation, displayName: '김민준', email: 'minjun.kim@sme-innovation.example.kr', preferredLanguage: 'ko', timeZone: 'Asia/Seoul' },
  { id: P.hospitalHost, role: 'host', organisationId: O.hospital, displayName: 'Дмитрий Соколов', email: 'innovation@hospital1.example', preferredLanguage: 'ru', timeZone: 'Europe/Moscow' },
  { id: P.transportHost, role: 'host', organisationId: O.transportOperator, displayName: 'Елена Волкова', email: 'pilots@citytransport.example', preferredLanguage: 'ru', timeZone: 'Europe/Moscow' },
  { id: P.acceleratorManager, role: 'programme_manager', organisationId: O.seoulAccelerator, displayName: '박지훈', email: 'jihoon.park@accelerator.example.kr', preferredLanguage: 'ko', timeZone: 'Asia/Seoul' },
  { id: P.acceleratorReviewer, role: 'reviewer', organisationId: O.seoulAccelerator, displayName: 'Emily Clarke', email: 'emily.clarke@accelerator.example.kr', preferredLanguage: 'en', timeZone: 'Asia/Seoul' },
  { id: P.mediVision, role: 'startup', startupId: ST.mediVision, displayName: '메디비전 AI', email: 'hello@medivision.example.kr', preferredLanguage: 'ko', timeZone: 'Asia/Seoul' },
  { id: P.transLogika, role: 'startup', startupId: ST.transLogika, displayName: 'ТрансЛогика', email: 'team@translogika.example', preferredLanguage: 'ru', timeZone: 'Europe/Moscow' },
  { id: P.smartFactoryLab, role: 'startup', startupId: ST.smartFactoryLab, displayName: '스마트팩토리랩', email: 'contact@smartfactorylab.example.kr', preferredLanguage: 'ko', timeZone: 'Asia/Seoul' },
  { id: P.auroraMobility, role: 'startup', startupId: ST.auroraMobility, displayName: 'Aurora Mobility', email: 'hi@aurora-mobility.example', preferredLanguage: 'en' },
];

export const SEED_CERTIFICATIONS: Array<Partial<Certification>> = [
  { id: S.certifications.mediVisionInnovation, startupId: ST.mediVision, kind: 'innovation_certificate', issuer: '중소기업혁신협회', issuerOrganisationId: O.koreanAssociation, grade: 'AA', certificateNumber: 'INNO-2025-004211', validFrom: t('2025-03-01T00:00:00+09:00'), validUntil: t('2028-02-29T23:59:59+09:00') },
  { id: S.certifications.smartFactoryInnovation, startupId: ST.smartFactoryLab, kind: 'innovation_certificate', issuer: '중소기업혁신협회', issuerOrganisationId: O.koreanAssociation, grade: 'A', certificateNumber: 'INNO-2024-017730', validFrom: t('2024-07-01T00:00:00+09:00'), validUntil: t('2027-06-30T23:59:59+09:00') },
  { id: S.certifications.transLogikaResident, startupId: ST.transLogika, kind: 'technopark_residency', issuer: 'Технопарк города', grade: null, certificateNumber: 'ТП-2023-118', validFrom: t('2023-01-10T00:00:00+03:00'), validUntil: t('2027-01-09T23:59:59+03:00') },
];

const cityRubric = [
  { key: 'innovation', label: 'Innovation', weight: 0.3 },
  { key: 'market', label: 'Market potential', weight: 0.2 },
  { key: 'team', label: 'Team', weight: 0.2 },
  { key: 'feasibility', label: 'Feasibility of the pilot', weight: 0.15 },
  { key: 'city_fit', label: "Fit with the city's needs", weight: 0.15 },
];

const acceleratorRubric = [
  { key: 'innovation', label: 'Innovation', weight: 0.3 },
  { key: 'scalability', label: 'Scalability', weight: 0.3 },
  { key: 'team', label: 'Team', weight: 0.2 },
  { key: 'global_readiness', label: 'Readiness for the Korean market', weight: 0.2 },
];

export const SEED_PROGRAMMES: Array<Partial<Programme>> = [
  {
    id: S.programmes.cityPilots, organiserOrganisationId: O.cityAgency, partnerOrganisationIds: [O.koreanAssociation, O.seoulAccelerator],
    name: 'Пилотное тестирование инноваций 2027', nameLatin: 'City Pilot Testing 2027',
    description: 'Certified startups test their products at city hospitals and the transport operator.',
    kind: 'pilot', state: 'published', hostCountry: 'RU', hostCity: 'Москва', timeZone: 'Europe/Moscow',
    windowOpensAt: t('2026-11-01T00:00:00+03:00'), windowClosesAt: t('2027-03-31T23:59:59+03:00'), capacity: 40,
    eligibleCountries: ['RU', 'KR', 'KZ'], eligibleTechnologyFields: ['healthtech', 'mobility', 'ai', 'iot', 'manufacturing', 'energy'],
    minTrl: 5, maxTrl: 9, requiredCertificationKind: 'innovation_certificate', requiredCertificationGrades: ['A', 'AA', 'AAA'], maxCompanyAgeYears: 10,
    rubricCriteria: cityRubric, scoreScaleMin: 1, scoreScaleMax: 10, reviewsRequired: 3, blindReview: false, normalisation: 'z_score',
    createdBy: P.agencyManager,
  },
  {
    id: S.programmes.seoulAccelerator, organiserOrganisationId: O.seoulAccelerator, partnerOrganisationIds: [O.cityAgency, O.koreanAssociation],
    name: '서울 글로벌 액셀러레이터 2027', nameLatin: 'Seoul Global Accelerator 2027',
    description: "Graduates of the city's accelerator and successful pilots join a cohort in Seoul.",
    kind: 'accelerator', state: 'published', hostCountry: 'KR', hostCity: '서울', timeZone: 'Asia/Seoul',
    windowOpensAt: t('2026-10-15T00:00:00+09:00'), windowClosesAt: t('2027-02-28T23:59:59+09:00'), capacity: 12,
    eligibleCountries: [], eligibleTechnologyFields: [], minTrl: 4, maxTrl: 9, requiredCertificationKind: null, requiredCertificationGrades: [],
    maxCompanyAgeYears: 7, rubricCriteria: acceleratorRubric, scoreScaleMin: 1, scoreScaleMax: 5, reviewsRequired: 2, blindReview: true,
    normalisation: 'none', createdBy: P.acceleratorManager,
  },
];

const pilotSite = (p: Partial<PilotSite>): Partial<PilotSite> => ({
  country: 'RU', city: 'Москва', timeZone: 'Europe/Moscow', languages: ['ru', 'en'], programmeIds: [S.programmes.cityPilots],
  availableFrom: t('2027-04-01T00:00:00+03:00'), availableUntil: t('2027-12-31T23:59:59+03:00'), ...p,
});

export const SEED_PILOT_SITES: Array<Partial<PilotSite>> = [
  pilotSite({
    id: S.pilotSites.hospitalEmergency, hostOrganisationId: O.hospital, name: 'Приёмное отделение', nameLatin: 'Emergency department',
    problemStatement: 'Shorten the time from arrival to triage decision for chest X-rays at night.',
    technologyFields: ['healthtech', 'ai', 'computer_vision'], needs: ['emergency_care', 'staff_shortage'],
    address: 'Ленинский проспект, 8', minTrl: 6, maxTrl: 9, capacity: 1,
  }),
  pilotSite({
    id: S.pilotSites.hospitalRadiology, hostOrganisationId: O.hospital, name: 'Отделение лучевой диагностики', nameLatin: 'Radiology department',
    problemStatement: 'Second-read support for screening studies.',
    technologyFields: ['healthtech', 'ai'], needs: ['diagnostics_quality'], address: 'Ленинский проспект, 8', minTrl: 7, maxTrl: 9, capacity: 2,
  }),
  pilotSite({
    id: S.pilotSites.busDepot, hostOrganisationId: O.transportOperator, name: 'Автобусный парк № 3', nameLatin: 'Bus depot No. 3',
    problemStatement: 'Predict failures of bus doors and brakes before they take a bus out of service.',
    technologyFields: ['mobility', 'iot', 'ai'], needs: ['fleet_reliability', 'energy_saving'], address: 'ул. Академика Королёва, 15', minTrl: 5, maxTrl: 9, capacity: 2,
  }),
  pilotSite({
    id: S.pilotSites.metroInterchange, hostOrganisationId: O.transportOperator, name: 'Пересадочный узел «Центральный»', nameLatin: 'Central interchange hub',
    problemStatement: 'Measure passenger flows between lines in real time to steer staff and signage.',
    technologyFields: ['mobility', 'ai', 'computer_vision'], needs: ['passenger_flow'], languages: ['ru'], minTrl: 7, maxTrl: 9, capacity: 1,
  }),
];

export const SEED_COHORTS: Array<Partial<Cohort>> = [
  {
    id: S.cohorts.seoulSpring, programmeId: S.programmes.seoulAccelerator, organiserOrganisationId: O.seoulAccelerator,
    partnerOrganisationIds: [O.cityAgency, O.koreanAssociation], name: '서울 글로벌 코호트 2027 봄', nameLatin: 'Seoul Global Cohort Spring 2027',
    hostCountry: 'KR', hostCity: '서울', timeZone: 'Asia/Seoul', language: 'en',
    startsAt: t('2027-04-05T09:00:00+09:00'), endsAt: t('2027-07-02T18:00:00+09:00'), capacity: 12, offerTtlHours: 168,
    offerDeadlineAt: t('2027-03-26T18:00:00+09:00'),
    selectionRule: { groupBy: 'country', perGroup: 3, minScore: 3.5, successfulPilotBonus: 0.25, tieBreak: ['score desc', 'has_successful_pilot desc', 'accepted_at asc', 'startup_id asc'] },
    state: 'planning',
  },
];

/** What the seed inserts, in insertion order. */
export const SEED_PLAN: Array<{ label: string; entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] }> = [
  { label: 'organisations', entity: Organisation, rows: SEED_ORGANISATIONS },
  { label: 'startups', entity: Startup, rows: SEED_STARTUPS },
  { label: 'principals', entity: Principal, rows: SEED_PRINCIPALS },
  { label: 'certifications', entity: Certification, rows: SEED_CERTIFICATIONS },
  { label: 'programmes', entity: Programme, rows: SEED_PROGRAMMES },
  { label: 'pilot sites', entity: PilotSite, rows: SEED_PILOT_SITES },
  { label: 'cohorts', entity: Cohort, rows: SEED_COHORTS },
];

export interface SeedResult {
  /** Rows inserted by this run, per label (0 for rows that were already there). */
  inserted: Record<string, number>;
  total: Record<string, number>;
}

/** Insert the seed with an open DataSource, in one transaction. */
export async function seed(ds: DataSource, log?: (line: string) => void): Promise<SeedResult> {
  const pending = await pendingMigrations(ds);
  if (pending.length) throw new Error(`database has pending migrations (${pending.join(', ')}); run db:migrate first`);
  const result: SeedResult = { inserted: {}, total: {} };
  await ds.transaction(async (em: EntityManager) => {
    for (const step of SEED_PLAN) {
      const res = await em
        .createQueryBuilder()
        .insert()
        .into(step.entity)
        .values(step.rows)
        .orIgnore()
        .returning('id')
        .execute();
      const inserted = Array.isArray(res.raw) ? res.raw.length : 0;
      const insertedIds = new Set((res.raw as Array<{ id: string }>).map((r) => r.id));
      if (step.entity === Programme && inserted > 0) await announcePublished(em, insertedIds);
      if (step.entity === Principal && inserted > 0) await announcePeople(em, insertedIds);
      result.inserted[step.label] = inserted;
      result.total[step.label] = step.rows.length;
      log?.(`${step.label}: ${inserted} created, ${step.rows.length - inserted} already present`);
      for (const row of step.rows) {
        const name = row.displayName ?? row.name ?? `${row.kind}${row.grade ? ` ${row.grade}` : ''}, ${row.issuer}`;
        const latin = row.nameLatin && row.nameLatin !== name ? ` (${row.nameLatin})` : '';
        log?.(`  ${row.id}  ${name}${latin}`);
      }
    }
  });
  return result;
}

/**
 * The `programme.published` events the applications service writes when a programme is published,
 * for the seeded published programmes this run inserted (in the seed's transaction): the relay sends
 * them, and the services that learn programmes from events (notifications: who may see a cohort's
 * events) know the seeded ones as they would know any other. The row goes through the same
 * insertOutboxRows as OutboxWriter's (libs/data sits below libs/messaging, which imports it).
 */
async function announcePublished(em: EntityManager, insertedIds: Set<string>): Promise<void> {
  const now = new Date();
  for (const p of SEED_PROGRAMMES.filter((row) => insertedIds.has(row.id!) && row.state === 'published')) {
    const event = createEvent({
      type: 'programme.published',
      source: '/services/applications',
      subject: p.id!,
      data: programmePublishedData(p as Programme, now),
    });
    await insertOutboxRows(em, 'applications', [outboxRowOf(event, topicOf(event.type), eventKey(event.type, event.data))]);
  }
}

/**
 * `person.registered` for the seeded people this run inserted, as the applications service writes it
 * for a person it creates: the notifications service learns whom it may mail from these events.
 */
async function announcePeople(em: EntityManager, insertedIds: Set<string>): Promise<void> {
  const now = new Date().toISOString();
  for (const row of SEED_PRINCIPALS.filter((p) => insertedIds.has(p.id!))) {
    // Seed rows leave out what the columns default (state) or leave null.
    const person = personSummary({
      ...(row as Principal),
      organisationId: row.organisationId ?? null,
      startupId: row.startupId ?? null,
      email: row.email ?? null,
      preferredLanguage: row.preferredLanguage ?? null,
      timeZone: row.timeZone ?? null,
      state: row.state ?? 'active',
    });
    const event = createEvent({ type: 'person.registered', source: '/services/applications', subject: person.id, data: { person, at: now } });
    await insertOutboxRows(em, 'applications', [outboxRowOf(event, topicOf(event.type), eventKey(event.type, event.data))]);
  }
}

/** Open DATABASE_URL (or `url`), seed it, close it. */
export async function seedDatabase(url: string, options: { log?: (line: string) => void } = {}): Promise<SeedResult> {
  const ds = createDataSource(url, { poolSize: 2, applicationName: 'exchange-seed' });
  await ds.initialize();
  try {
    return await seed(ds, options.log);
  } finally {
    await ds.destroy();
  }
}
