import type { Principal } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { assertUpdated, assertVersion, AuditLog, type AuthenticatedPrincipal, type Page } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  CreateOrganisationDto,
  CreatePersonDto,
  ListOrganisationsQueryDto,
  ListPeopleQueryDto,
  OrganisationDto,
  PersonDto,
  UpdateOrganisationDto,
  UpdatePersonDto,
} from './dto/identity.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { toOrganisationDto, toPersonDto } from './identity.mappers';
import { IdentityRepository } from './identity.repository';
import { assertMayCreateRole, creatableRoles, PeopleAccess } from './people-access';
import { announcePersonRegistered, announcePersonUpdated } from './person-events';

/** The fields of a person a manager may change, as PersonDto and `person.updated` name them. */
const EDITABLE_PERSON_FIELDS = ['displayName', 'email', 'preferredLanguage', 'timeZone'] as const;

/**
 * Organisations and their people. Every change is audited in its own transaction; a change to a
 * person also writes its `person.*` event there.
 */
@Injectable()
export class IdentityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: IdentityRepository,
    private readonly access: PeopleAccess,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
  ) {}

  createOrganisation(caller: AuthenticatedPrincipal, body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.dataSource.transaction(async (tx) => {
      const organisation = await this.repository.insertOrganisation(tx, {
        name: body.name,
        nameLatin: body.nameLatin ?? null,
        kind: body.kind,
        country: body.country,
        city: body.city ?? null,
        preferredLanguage: body.preferredLanguage,
        website: body.website ?? null,
      });
      const after = toOrganisationDto(organisation);
      await this.audit.record(tx, { actor: caller, action: 'organisation.create', entityType: 'organisation', entityId: organisation.id, after });
      return after;
    });
  }

  async listOrganisations(caller: AuthenticatedPrincipal, query: ListOrganisationsQueryDto): Promise<Page<OrganisationDto>> {
    // Only admins see every organisation; the others see their own.
    const onlyId = caller.role === 'admin' ? null : (caller.organisationId ?? '00000000-0000-0000-0000-000000000000');
    return this.repository.listOrganisations(this.dataSource.manager, query, onlyId, toOrganisationDto);
  }

  async getOrganisation(caller: AuthenticatedPrincipal, organisationId: string): Promise<OrganisationDto> {
    return toOrganisationDto(await this.access.visibleOrganisation(this.dataSource.manager, caller, organisationId));
  }

  updateOrganisation(caller: AuthenticatedPrincipal, organisationId: string, body: UpdateOrganisationDto, ifMatch: number | undefined): Promise<OrganisationDto> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.access.visibleOrganisation(tx, caller, organisationId);
      const expected = ifMatch ?? body.version;
      assertVersion('organisation', current.version, expected, { current: toOrganisationDto(current) });
      const { version: _ignored, ...changes } = body;
      void _ignored;
      const updated = await this.repository.updateOrganisation(tx, organisationId, changes, expected ?? current.version);
      assertUpdated(updated ? 1 : 0, 'organisation', current.version, expected ?? current.version);
      const after = toOrganisationDto((await this.repository.findOrganisation(tx, organisationId))!);
      await this.audit.record(tx, { actor: caller, action: 'organisation.update', entityType: 'organisation', entityId: organisationId, before: toOrganisationDto(current), after });
      return after;
    });
  }

  createPerson(caller: AuthenticatedPrincipal, organisationId: string, body: CreatePersonDto): Promise<PersonDto> {
    return this.dataSource.transaction(async (tx) => {
      const organisation = await this.access.visibleOrganisation(tx, caller, organisationId, { lock: true });
      assertMayCreateRole(caller, body.role);
      if (body.email && (await this.repository.emailTaken(tx, organisationId, body.email))) {
        throw new IdentityError(IdentityErrorCode.EmailTaken, 'A person of this organisation already has this email', { email: body.email });
      }
      const person = await this.repository.insertPrincipal(tx, {
        role: body.role,
        organisationId,
        startupId: null,
        displayName: body.displayName,
        email: body.email ?? null,
        // Mail is written in it: a person who names none reads the organisation's language.
        preferredLanguage: body.preferredLanguage ?? organisation.preferredLanguage,
        timeZone: body.timeZone ?? null,
      });
      const after = toPersonDto(person);
      await this.audit.record(tx, { actor: caller, action: 'principal.create', entityType: 'principal', entityId: person.id, after });
      await announcePersonRegistered(this.outbox, tx, person);
      return after;
    });
  }

  /** Changes a person's name, address, language or time zone at the version read; nothing changed, nothing written. */
  updatePerson(caller: AuthenticatedPrincipal, personId: string, body: UpdatePersonDto, ifMatch: number | undefined): Promise<PersonDto> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.access.managedPerson(tx, caller, personId);
      const expected = ifMatch ?? body.version;
      assertVersion('person', current.version, expected, { current: toPersonDto(current) });
      // `preferredLanguage: null` means the organisation's language: stored as it, so mail is written in it.
      const wanted =
        body.preferredLanguage === null && current.organisationId
          ? { ...body, preferredLanguage: (await this.repository.findOrganisation(tx, current.organisationId))?.preferredLanguage ?? null }
          : body;
      const changes: Partial<Pick<Principal, (typeof EDITABLE_PERSON_FIELDS)[number]>> = {};
      for (const field of EDITABLE_PERSON_FIELDS) {
        const value = wanted[field];
        if (value !== undefined && value !== (current[field] ?? null)) Object.assign(changes, { [field]: value });
      }
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return toPersonDto(current);
      // A managed person always has an organisation.
      const organisationId = current.organisationId;
      if (changes.email && organisationId) {
        // Held like createPerson holds it, so two people cannot take one address at once.
        await this.access.visibleOrganisation(tx, caller, organisationId, { lock: true });
        if (await this.repository.emailTaken(tx, organisationId, changes.email, current.id)) {
          throw new IdentityError(IdentityErrorCode.EmailTaken, 'A person of this organisation already has this email', { email: changes.email });
        }
      }
      const version = expected ?? current.version;
      assertUpdated((await this.repository.updatePrincipal(tx, current.id, changes, version)) ? 1 : 0, 'person', current.version, version);
      const person = (await this.repository.findPrincipal(tx, current.id))!;
      const after = toPersonDto(person);
      await this.audit.record(tx, { actor: caller, action: 'principal.update', entityType: 'principal', entityId: person.id, before: toPersonDto(current), after });
      await announcePersonUpdated(this.outbox, tx, person, changedFields);
      return after;
    });
  }

  async listPeople(caller: AuthenticatedPrincipal, organisationId: string, query: ListPeopleQueryDto): Promise<Page<PersonDto>> {
    return this.dataSource.transaction(async (tx) => {
      await this.access.visibleOrganisation(tx, caller, organisationId);
      // Only the people the caller could create: asking for a role above it is refused, not emptied.
      if (query.role) assertMayCreateRole(caller, query.role);
      return this.repository.listPeople(tx, organisationId, query, creatableRoles(caller.role), toPersonDto);
    });
  }

  async getPerson(caller: AuthenticatedPrincipal, personId: string): Promise<PersonDto> {
    return toPersonDto(await this.access.managedPerson(this.dataSource.manager, caller, personId));
  }
}
