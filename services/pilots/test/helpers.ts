import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { bearer, type TestApiKey } from '@exchange/platform/testing';

export async function call(
  baseUrl: string,
  key: TestApiKey | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/v1${path}`, {
    method,
    headers: { ...(key ? bearer(key) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export function siteBody(programmeId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: `Городская больница ${randomUUID().slice(0, 6)}`,
    nameLatin: 'City Hospital',
    problemStatement: 'Night-time triage of emergency admissions is slow.',
    technologyFields: ['medtech', 'ai'],
    needs: ['emergency_care'],
    country: 'RU',
    city: 'Moscow',
    timeZone: 'Europe/Moscow',
    minTrl: 5,
    maxTrl: 9,
    languages: ['en', 'ru'],
    capacity: 2,
    programmeIds: [programmeId],
    ...overrides,
  };
}

/**
 * A programme as the consumer learns it from `programme.published`: a published pilot programme of
 * `organiserOrgId` unless told otherwise. A programme already known stays as it is.
 */
export async function knownProgramme(
  db: DataSource,
  organiserOrgId: string = randomUUID(),
  opts: { id?: string; partnerOrgIds?: string[]; kind?: 'pilot' | 'accelerator'; state?: 'published' | 'closed' } = {},
): Promise<string> {
  const id = opts.id ?? randomUUID();
  await db.query(
    `INSERT INTO pilots.programmes (id, kind, organiser_org_id, partner_org_ids, state, as_of) VALUES ($1, $2, $3, $4::uuid[], $5, now())
     ON CONFLICT (id) DO NOTHING`,
    [id, opts.kind ?? 'pilot', organiserOrgId, opts.partnerOrgIds ?? [], opts.state ?? 'published'],
  );
  return id;
}

/**
 * A candidate of the projection, as the consumer would write it from `application.accepted`, which
 * also makes its programme known: organised by the first of `organisationIds`, the others partners.
 */
export async function insertCandidate(
  db: DataSource,
  opts: { programmeId: string; organisationIds: string[]; startupId?: string; fields?: string[]; trl?: number },
): Promise<{ id: string; startupId: string }> {
  const [organiser, ...partners] = opts.organisationIds;
  await knownProgramme(db, organiser, { id: opts.programmeId, partnerOrgIds: partners });
  const startupId = opts.startupId ?? randomUUID();
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO pilots.candidates (application_id, programme_id, startup_id, startup_name, startup_name_latin, country,
        technology_fields, trl, languages, programme_organisation_ids, accepted_at)
     VALUES ($1, $2, $3, '테스트', 'Test', 'KR', $4, $5, '{en}', $6, now()) RETURNING id`,
    [randomUUID(), opts.programmeId, startupId, opts.fields ?? ['medtech', 'emergency_care'], opts.trl ?? 6, opts.organisationIds],
  );
  return { id: rows[0].id, startupId };
}

export const approveBody = {
  successCriteria: [
    { name: 'triage_time_reduction', unit: 'percent', target: 20, description: 'Median night triage time drops by 20%.' },
    { name: 'staff_satisfaction', unit: 'score', target: 4 },
  ],
  durationDays: 30,
  hostOwner: { name: 'Anna Petrova', email: 'a.petrova@hospital.example' },
  reason: 'Strong fit.',
};

export const reportBody = {
  outcome: 'success',
  results: [
    { criterion: 'triage_time_reduction', value: 24 },
    { criterion: 'staff_satisfaction', value: 3.5, note: 'Night shift only.' },
  ],
  feedback: 'Staff adopted the tool within a week.',
  adoption: 'buy',
  contractValue: 1500000,
  contractCurrency: 'RUB',
};
