import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RunningService } from '@exchange/platform';
import { bearer, issueTestApiKey, startServiceInProcess, type TestApiKey } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { cohortsConfigSchema, SERVICE_NAME } from '../src/config';

export function startCohorts(env: Record<string, string> = {}): Promise<RunningService> {
  return startServiceInProcess({ name: SERVICE_NAME, module: AppModule, schema: cohortsConfigSchema }, env);
}

export interface Api {
  <T = Record<string, unknown>>(method: string, path: string, key: TestApiKey | null, body?: unknown): Promise<{ status: number; body: T }>;
}

export function apiOf(running: RunningService): Api {
  return async <T>(method: string, path: string, key: TestApiKey | null, body?: unknown) => {
    const res = await fetch(`${running.url}/v1${path}`, {
      method,
      headers: { ...(key ? bearer(key) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

export interface SeedCandidate {
  label: string;
  country: string;
  score: number | null;
  hasSuccessfulPilot?: boolean;
  acceptedAt?: string;
  startupId?: string;
}

/** Writes candidates of a programme straight into the projection (the consumer's path has its own spec). */
export async function seedCandidates(ds: DataSource, programmeId: string, organisationIds: string[], set: SeedCandidate[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const c of set) {
    const startupId = c.startupId ?? randomUUID();
    ids.set(c.label, startupId);
    // The startup itself (identity keys of role startup refer to it).
    await ds.query(
      `INSERT INTO applications.startups (id, name, name_latin, country, registration_number, trl) VALUES ($1, $2, $2, $3, $4, 5)`,
      [startupId, `Startup ${c.label}`, c.country, `TEST-${randomUUID()}`],
    );
    await ds.query(
      `INSERT INTO cohorts.candidates (startup_id, programme_id, application_id, source, startup_name, startup_name_latin, country,
         technology_fields, trl, score, has_successful_pilot, programme_organisation_ids, accepted_at)
       VALUES ($1, $2, $3, 'application', $4, $4, $5, '{ai}', 5, $6, $7, $8::uuid[], $9)`,
      [startupId, programmeId, randomUUID(), `Startup ${c.label}`, c.country, c.score, c.hasSuccessfulPilot ?? false, organisationIds, c.acceptedAt ?? '2027-01-10T00:00:00Z'],
    );
  }
  return ids;
}

/**
 * A programme as the consumer learns it from `programme.published` (the consumer's path has its own
 * spec): an accelerator programme of `organiserOrgId` unless told otherwise. Known already: unchanged.
 */
export async function knownProgramme(
  ds: DataSource,
  organiserOrgId: string,
  opts: { id?: string; partnerOrgIds?: string[]; kind?: 'accelerator' | 'pilot'; state?: 'published' | 'closed' } = {},
): Promise<string> {
  const id = opts.id ?? randomUUID();
  await ds.query(
    `INSERT INTO cohorts.programmes (id, kind, organiser_org_id, partner_org_ids, state, as_of) VALUES ($1, $2, $3, $4::uuid[], $5, now())
     ON CONFLICT (id) DO NOTHING`,
    [id, opts.kind ?? 'accelerator', organiserOrgId, opts.partnerOrgIds ?? [], opts.state ?? 'published'],
  );
  return id;
}

export function startupKey(ds: DataSource, startupId: string): Promise<TestApiKey> {
  return issueTestApiKey(ds, { role: 'startup', startupId });
}

export function cohortBody(programmeId: string, overrides: Record<string, unknown> = {}) {
  return {
    programmeId,
    name: '서울 글로벌 코호트',
    nameLatin: 'Seoul Global Cohort',
    hostCountry: 'KR',
    hostCity: 'Seoul',
    timeZone: 'Asia/Seoul',
    language: 'en',
    startsAt: '2030-03-02T00:00:00Z',
    endsAt: '2030-06-30T00:00:00Z',
    capacity: 10,
    offerTtlHours: 72,
    selectionRule: { groupBy: 'country', perGroup: 3, minScore: 50, successfulPilotBonus: 5 },
    ...overrides,
  };
}

/** Events the cohort wrote to its outbox, of one type. */
export async function outboxEvents(ds: DataSource, cohortId: string, type: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<{ payload: Record<string, unknown> }> = await ds.query(
    `SELECT payload FROM cohorts.outbox WHERE type = $1 AND payload->>'cohortId' = $2 ORDER BY seq`,
    [type, cohortId],
  );
  return rows.map((r) => r.payload);
}
