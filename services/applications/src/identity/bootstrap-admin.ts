import { LANGUAGES, type Language, ORGANISATION_KINDS, type OrganisationKind } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { generateApiKey, isTimeZone, writeAuditEntry } from '@exchange/platform';
import type { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { toApiKeyDto, toOrganisationDto, toPersonDto } from './identity.mappers';
import { IdentityRepository } from './identity.repository';
import { announcePersonRegistered } from './person-events';

export interface BootstrapAdminInput {
  orgName: string;
  orgNameLatin?: string;
  country: string;
  kind: OrganisationKind;
  language: Language;
  adminName: string;
  adminEmail?: string;
  /** IANA time zone of the admin. */
  adminTimeZone?: string;
  force: boolean;
}

export interface BootstrapAdminResult {
  organisationId: string;
  principalId: string;
  apiKeyId: string;
  prefix: string;
  /** The secret: print once, never store. */
  key: string;
}

export class BootstrapRefused extends Error {}

/** Checks the CLI's input the way the API's DTOs would; returns every problem at once. */
export function bootstrapInputProblems(input: Partial<BootstrapAdminInput>): string[] {
  const problems: string[] = [];
  if (!input.orgName?.trim()) problems.push('--org-name is required');
  if (!input.country || !/^[A-Z]{2}$/.test(input.country)) problems.push('--country must be an ISO 3166-1 alpha-2 code in capitals, e.g. KR');
  if (!input.kind || !ORGANISATION_KINDS.includes(input.kind)) problems.push(`--kind must be one of ${ORGANISATION_KINDS.join(', ')}`);
  if (!input.language || !LANGUAGES.includes(input.language)) problems.push(`--language must be one of ${LANGUAGES.join(', ')}`);
  if (!input.adminName?.trim()) problems.push('--admin-name must not be empty');
  // The API's limits: the person.registered event refuses longer values.
  if ((input.adminName?.trim().length ?? 0) > 200) problems.push('--admin-name must be at most 200 characters');
  if (input.adminEmail !== undefined && (!/^[^\s@]+@[^\s@]+$/.test(input.adminEmail) || input.adminEmail.length > 320)) problems.push('--admin-email must be an email address of at most 320 characters');
  if (input.adminTimeZone !== undefined && !isTimeZone(input.adminTimeZone)) problems.push('--admin-time-zone must be an IANA time zone such as Europe/Moscow or Asia/Seoul');
  return problems;
}

// One bootstrap at a time, even when two operators run it at once.
const BOOTSTRAP_LOCK_KEY = 7_236_110_003;

/** The applications service's outbox, as the service writes to it, for a command run outside it. */
export function applicationsOutbox(): OutboxWriter {
  return new OutboxWriter({ schema: 'applications', source: `/services/${SERVICE_NAME}` });
}

/**
 * The first organisation, its admin and the admin's key, in one transaction with audit entries
 * (service `cli`) and the admin's `person.registered`. Refuses when an admin already exists, unless
 * `force`.
 */
export async function bootstrapFirstAdmin(dataSource: DataSource, input: BootstrapAdminInput, outbox: OutboxWriter = applicationsOutbox()): Promise<BootstrapAdminResult> {
  const repository = new IdentityRepository();
  return dataSource.transaction(async (tx) => {
    await repository.lockUntilCommit(tx, BOOTSTRAP_LOCK_KEY);
    const admins = await repository.countActiveAdmins(tx);
    if (admins > 0 && !input.force) {
      throw new BootstrapRefused(`${admins} admin(s) already exist; ask one of them for a key, or pass --force to create another admin organisation`);
    }
    const organisation = await repository.insertOrganisation(tx, {
      name: input.orgName.trim(),
      nameLatin: input.orgNameLatin?.trim() || null,
      kind: input.kind,
      country: input.country,
      preferredLanguage: input.language,
    });
    const admin = await repository.insertPrincipal(tx, {
      role: 'admin',
      organisationId: organisation.id,
      startupId: null,
      displayName: input.adminName.trim(),
      email: input.adminEmail ?? null,
      preferredLanguage: input.language,
      timeZone: input.adminTimeZone ?? null,
    });
    const generated = generateApiKey();
    const key = await repository.insertApiKey(tx, {
      prefix: generated.prefix,
      hash: generated.hash,
      principalId: admin.id,
      role: 'admin',
      organisationId: organisation.id,
      startupId: null,
      label: 'bootstrap',
    });
    const audit = (action: string, entityType: string, entityId: string, after: unknown) => writeAuditEntry(tx, 'cli', { actor: null, action, entityType, entityId, after });
    await audit('organisation.create', 'organisation', organisation.id, toOrganisationDto(organisation));
    await audit('principal.create', 'principal', admin.id, toPersonDto(admin));
    await audit('api_key.create', 'api_key', key.id, toApiKeyDto(key));
    await announcePersonRegistered(outbox, tx, admin);
    return { organisationId: organisation.id, principalId: admin.id, apiKeyId: key.id, prefix: key.prefix, key: generated.key };
  });
}
