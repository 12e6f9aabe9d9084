import type { Organisation, Principal } from '@exchange/data';
import type { AuthenticatedPrincipal } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';

/**
 * The tenant rule of the identity API in one place: admins act on every organisation; everyone else
 * only on their own. Anything outside answers "not found", never "forbidden".
 */
@Injectable()
export class PeopleAccess {
  constructor(private readonly repository: IdentityRepository) {}

  async visibleOrganisation(db: EntityManager, caller: AuthenticatedPrincipal, organisationId: string, opts: { lock?: boolean } = {}): Promise<Organisation> {
    const organisation = caller.role === 'admin' || caller.organisationId === organisationId ? await this.repository.findOrganisation(db, organisationId, opts) : null;
    if (!organisation) throw new IdentityError(IdentityErrorCode.OrganisationNotFound, 'No such organisation');
    return organisation;
  }

  /** A person (not a startup) of an organisation the caller manages. */
  async managedPerson(db: EntityManager, caller: AuthenticatedPrincipal, personId: string): Promise<Principal> {
    const person = await this.repository.findPrincipal(db, personId);
    const visible = person && person.organisationId !== null && (caller.role === 'admin' || person.organisationId === caller.organisationId);
    if (!person || !visible) throw new IdentityError(IdentityErrorCode.PersonNotFound, 'No such person');
    return person;
  }
}
