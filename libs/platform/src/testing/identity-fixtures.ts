import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Language, OrganisationKind, Role } from '@exchange/data';
import { generateApiKey } from '../auth/api-key';

type Db = DataSource | EntityManager;

export interface TestOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  country: string;
}

/** An organisation row (identity.organisations) with a unique name. */
export async function createTestOrganisation(
  db: Db,
  opts: { name?: string; nameLatin?: string; kind?: OrganisationKind; country?: string; preferredLanguage?: Language } = {},
): Promise<TestOrganisation> {
  const name = opts.name ?? `Test organisation ${randomUUID().slice(0, 8)}`;
  const kind = opts.kind ?? 'partner_agency';
  const country = opts.country ?? 'KR';
  const rows = (await db.query(
    `INSERT INTO identity.organisations (name, name_latin, kind, country, preferred_language) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [name, opts.nameLatin ?? null, kind, country, opts.preferredLanguage ?? 'en'],
  )) as Array<{ id: string }>;
  return { id: rows[0].id, name, kind, country };
}

/** A minimal startup row (applications.startups), for keys of role `startup`. */
export async function createTestStartup(db: Db, opts: { name?: string; country?: string } = {}): Promise<{ id: string; name: string }> {
  const name = opts.name ?? `Test startup ${randomUUID().slice(0, 8)}`;
  const rows = (await db.query(
    `INSERT INTO applications.startups (name, name_latin, country, registration_number, trl) VALUES ($1, $1, $2, $3, 5) RETURNING id`,
    [name, opts.country ?? 'KR', `TEST-${randomUUID()}`],
  )) as Array<{ id: string }>;
  return { id: rows[0].id, name };
}

export interface TestApiKey {
  /** The secret for `Authorization: Bearer <key>`. */
  key: string;
  principalId: string;
  apiKeyId: string;
  role: Role;
  organisationId: string | null;
  startupId: string | null;
}

/**
 * A principal and an API key of `role`, written straight into the identity schema. A person's role
 * gets a new organisation unless `organisationId` is given; `startup` gets a new startup unless
 * `startupId` is given.
 */
export async function issueTestApiKey(
  db: Db,
  opts: { role: Role; organisationId?: string; startupId?: string; displayName?: string; expiresAt?: Date },
): Promise<TestApiKey> {
  const isStartup = opts.role === 'startup';
  const organisationId = isStartup ? null : (opts.organisationId ?? (await createTestOrganisation(db)).id);
  const startupId = isStartup ? (opts.startupId ?? (await createTestStartup(db)).id) : null;
  const principals = (await db.query(
    `INSERT INTO identity.principals (role, organisation_id, startup_id, display_name) VALUES ($1, $2, $3, $4) RETURNING id`,
    [opts.role, organisationId, startupId, opts.displayName ?? `Test ${opts.role}`],
  )) as Array<{ id: string }>;
  const principalId = principals[0].id;
  const generated = generateApiKey();
  const keys = (await db.query(
    `INSERT INTO identity.api_keys (prefix, hash, principal_id, role, organisation_id, startup_id, label, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'test', $7) RETURNING id`,
    [generated.prefix, generated.hash, principalId, opts.role, organisationId, startupId, opts.expiresAt ?? null],
  )) as Array<{ id: string }>;
  return { key: generated.key, principalId, apiKeyId: keys[0].id, role: opts.role, organisationId, startupId };
}

/** `{ authorization: 'Bearer <key>' }` for fetch. */
export function bearer(key: string | { key: string }): { authorization: string } {
  return { authorization: `Bearer ${typeof key === 'string' ? key : key.key}` };
}
