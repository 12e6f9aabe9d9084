import type { Language, Principal } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import {
  announceRevokedKeys,
  AuditLog,
  type AuthenticatedPrincipal,
  generateApiKey,
  getLogger,
  InjectRedis,
  type Page,
  type PageQueryDto,
} from '@exchange/platform';
import { authRedisKeys } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApiKeyDto, CreateApiKeyDto, IssuedApiKeyDto, PersonDto } from './dto/identity.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { toApiKeyDto, toPersonDto } from './identity.mappers';
import { IdentityRepository } from './identity.repository';
import { assertMayCreateRole, PeopleAccess } from './people-access';
import { announcePersonRegistered } from './person-events';

type Actor = Pick<AuthenticatedPrincipal, 'principalId' | 'role' | 'organisationId'> | null;

/** What a startup's registration needs to create its principal and first key. */
export interface StartupPrincipalInput {
  startupId: string;
  displayName: string;
  email?: string | null;
  preferredLanguage?: Language | null;
}

/**
 * API keys: issued (the secret returned once, only its hash stored), listed, revoked. Revocation
 * reaches every instance of every service through Redis right after the commit.
 */
@Injectable()
export class ApiKeysService {
  private readonly logger = getLogger({ component: 'api-keys' });

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: IdentityRepository,
    private readonly access: PeopleAccess,
    private readonly audit: AuditLog,
    @InjectRedis() private readonly redis: Redis,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * For startup registration (issue 4's StartupsService): in the caller's transaction, creates the
   * startup's principal and its first key, audits both and writes `person.registered` (its time zone
   * unknown until set). Return `apiKey.key` to the caller once.
   */
  async issueForStartup(tx: EntityManager, input: StartupPrincipalInput, actor: Actor = null): Promise<{ principal: PersonDto; apiKey: IssuedApiKeyDto }> {
    const principal = await this.repository.insertPrincipal(tx, {
      role: 'startup',
      startupId: input.startupId,
      organisationId: null,
      displayName: input.displayName,
      email: input.email ?? null,
      preferredLanguage: input.preferredLanguage ?? null,
      timeZone: null,
    });
    await this.audit.record(tx, { actor, action: 'principal.create', entityType: 'principal', entityId: principal.id, after: toPersonDto(principal) });
    await announcePersonRegistered(this.outbox, tx, principal);
    const apiKey = await this.issueInTransaction(tx, principal, { label: 'registration' }, actor);
    return { principal: toPersonDto(principal), apiKey };
  }

  /** A new key for a person of an organisation the caller manages. */
  async issueForPerson(caller: AuthenticatedPrincipal, personId: string, body: CreateApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.dataSource.transaction(async (tx) => {
      const person = await this.access.managedPerson(tx, caller, personId);
      if (person.state !== 'active') throw new IdentityError(IdentityErrorCode.PersonDisabled, 'The person is disabled; keys cannot be issued', { state: person.state });
      return this.issueInTransaction(tx, person, { label: body.label ?? null, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null }, caller);
    });
  }

  /** The same for the `bootstrap` CLI and other system callers already in a transaction. */
  async issueInTransaction(tx: EntityManager, principal: Principal, opts: { label?: string | null; expiresAt?: Date | null }, actor: Actor): Promise<IssuedApiKeyDto> {
    const generated = generateApiKey();
    const row = await this.repository.insertApiKey(tx, {
      prefix: generated.prefix,
      hash: generated.hash,
      principalId: principal.id,
      role: principal.role,
      organisationId: principal.organisationId,
      startupId: principal.startupId,
      label: opts.label ?? null,
      expiresAt: opts.expiresAt ?? null,
      createdBy: actor?.principalId ?? null,
    });
    const dto = toApiKeyDto(row);
    await this.audit.record(tx, { actor, action: 'api_key.create', entityType: 'api_key', entityId: row.id, after: dto });
    return { ...dto, key: generated.key };
  }

  async list(caller: AuthenticatedPrincipal, personId: string, query: PageQueryDto): Promise<Page<ApiKeyDto>> {
    const page = await this.dataSource.transaction(async (tx) => {
      await this.access.managedPerson(tx, caller, personId);
      return this.repository.listApiKeys(tx, personId, query);
    });
    const recent = await this.recentUses(page.items.map((r) => r.id));
    return { items: page.items.map((row) => toApiKeyDto(row, recent.get(row.id))), nextCursor: page.nextCursor };
  }

  /**
   * Revokes a key: anyone their own key; admins any key; programme managers the keys of their
   * organisation's people of a role they could create (never an admin's: 403). Any other key is
   * "not found" (404), so key ids of other tenants leak nothing.
   */
  async revoke(caller: AuthenticatedPrincipal, apiKeyId: string): Promise<ApiKeyDto> {
    const { dto, hash } = await this.dataSource.transaction(async (tx) => {
      const key = await this.repository.findApiKey(tx, apiKeyId, { lock: true });
      const own = key?.principalId === caller.principalId;
      const ofManagedOrganisation = caller.role === 'programme_manager' && key?.organisationId != null && key.organisationId === caller.organisationId;
      if (!key || !(own || caller.role === 'admin' || ofManagedOrganisation)) throw new IdentityError(IdentityErrorCode.ApiKeyNotFound, 'No such API key');
      // Admins act on every key (a startup's too, to stop abuse); a manager stays below admins.
      if (!own && caller.role !== 'admin') assertMayCreateRole(caller, key.role);
      if (key.revokedAt) return { dto: toApiKeyDto(key), hash: key.hash }; // already revoked: same answer
      const before = toApiKeyDto(key);
      await this.repository.revokeApiKey(tx, key.id);
      const after = toApiKeyDto((await this.repository.findApiKey(tx, key.id))!);
      await this.audit.record(tx, { actor: caller, action: 'api_key.revoke', entityType: 'api_key', entityId: key.id, before, after });
      return { dto: after, hash: key.hash };
    });
    try {
      await announceRevokedKeys(this.redis, [hash]);
    } catch (err) {
      // The row is revoked; caches still expire within AUTH_CACHE_TTL_SECONDS.
      this.logger.error({ err: (err as Error).message, apiKeyId }, 'could not announce a revoked key');
    }
    return dto;
  }

  private async recentUses(ids: string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    try {
      const values = await this.redis.hmget(authRedisKeys.lastUsed, ...ids);
      return new Map(ids.map((id, i) => [id, values[i]]));
    } catch {
      return new Map();
    }
  }
}
