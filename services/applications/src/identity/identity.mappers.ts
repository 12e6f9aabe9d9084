import { personSummary, type ApiKey, type Organisation, type Principal } from '@exchange/data';
import type { ApiKeyDto, OrganisationDto, PersonDto } from './dto/identity.dto';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toOrganisationDto(o: Organisation): OrganisationDto {
  return {
    id: o.id,
    name: o.name,
    nameLatin: o.nameLatin,
    kind: o.kind,
    country: o.country,
    city: o.city,
    preferredLanguage: o.preferredLanguage,
    website: o.website,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** What the API shows of a person: what `person.*` events carry, with its version and creation time. */
export function toPersonDto(p: Principal): PersonDto {
  return { ...personSummary(p), version: p.version, createdAt: p.createdAt.toISOString() };
}

/** Never the hash: the audit log and every response see only this. */
export function toApiKeyDto(k: ApiKey, lastUsedFromCache?: string | null): ApiKeyDto {
  const stored = iso(k.lastUsedAt);
  const lastUsedAt = [stored, lastUsedFromCache ?? null].filter((v): v is string => !!v).sort().pop() ?? null;
  return {
    id: k.id,
    prefix: k.prefix,
    principalId: k.principalId,
    role: k.role,
    label: k.label,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt,
    expiresAt: iso(k.expiresAt),
    revokedAt: iso(k.revokedAt),
  };
}
