import { PERSON_ROLES, type Organisation, type Principal, type Role } from '@exchange/data';
import type { AuthenticatedPrincipal } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';

/**
 * Who may create whom (DESIGN.md §9, "roles form a ladder"): an admin creates every role, a
 * programme manager every role but admin, nobody else anyone. The same rule says on whom a caller
 * may act at all: reading a person, issuing, listing or revoking their keys.
 */
export function mayCreateRole(caller: Role, target: Role): boolean {
  if (caller === 'admin') return (PERSON_ROLES as readonly Role[]).includes(target);
  if (caller === 'programme_manager') return target !== 'admin' && (PERSON_ROLES as readonly Role[]).includes(target);
  return false;
}

/** The person roles a caller may create, hence see and act on. */
export function creatableRoles(caller: Role): Role[] {
  return PERSON_ROLES.filter((role) => mayCreateRole(caller, role));
}

/** Refuses (403) a role the caller could not create; within its own organisation that is no secret. */
export function assertMayCreateRole(caller: AuthenticatedPrincipal, role: Role): void {
  if (!mayCreateRole(caller.role, role)) {
    throw new IdentityError(IdentityErrorCode.RoleNotGrantable, `A ${caller.role} cannot create, see or act on a person of role ${role}`, { role, callerRole: caller.role });
  }
}

/**
 * The tenant and ladder rules of the identity API in one place: admins act on every organisation;
 * everyone else only on their own. Anything outside answers "not found", never "forbidden"; a
 * person of the own organisation above the caller's ladder answers 403.
 */
@Injectable()
export class PeopleAccess {
  constructor(private readonly repository: IdentityRepository) {}

  async visibleOrganisation(db: EntityManager, caller: AuthenticatedPrincipal, organisationId: string, opts: { lock?: boolean } = {}): Promise<Organisation> {
    // Path ids may come in upper case; the caller's id is the database's lower-case spelling.
    const own = caller.organisationId === organisationId.toLowerCase();
    const organisation = caller.role === 'admin' || own ? await this.repository.findOrganisation(db, organisationId, opts) : null;
    if (!organisation) throw new IdentityError(IdentityErrorCode.OrganisationNotFound, 'No such organisation');
    return organisation;
  }

  /** A person (not a startup) of an organisation the caller manages, of a role the caller could create. */
  async managedPerson(db: EntityManager, caller: AuthenticatedPrincipal, personId: string): Promise<Principal> {
    const person = await this.repository.findPrincipal(db, personId);
    const visible = person && person.organisationId !== null && (caller.role === 'admin' || person.organisationId === caller.organisationId);
    if (!person || !visible) throw new IdentityError(IdentityErrorCode.PersonNotFound, 'No such person');
    assertMayCreateRole(caller, person.role);
    return person;
  }
}
