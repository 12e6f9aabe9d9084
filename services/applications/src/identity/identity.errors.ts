import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum IdentityErrorCode {
  OrganisationNotFound = 'IDENTITY.ORGANISATION_NOT_FOUND',
  PersonNotFound = 'IDENTITY.PERSON_NOT_FOUND',
  ApiKeyNotFound = 'IDENTITY.API_KEY_NOT_FOUND',
  /** A role above the caller's ladder: not to create, see, key or revoke (DESIGN.md §9). */
  RoleNotGrantable = 'IDENTITY.ROLE_NOT_GRANTABLE',
  EmailTaken = 'IDENTITY.EMAIL_TAKEN',
  PersonDisabled = 'IDENTITY.PERSON_DISABLED',
}

export class IdentityError extends DomainError<IdentityErrorCode> {}

mapDomainErrorsToHttp(IdentityError, (code) => {
  switch (code) {
    case IdentityErrorCode.OrganisationNotFound:
    case IdentityErrorCode.PersonNotFound:
    case IdentityErrorCode.ApiKeyNotFound:
      return 404;
    case IdentityErrorCode.RoleNotGrantable:
      return 403;
    case IdentityErrorCode.EmailTaken:
    case IdentityErrorCode.PersonDisabled:
      return 409;
    default:
      return assertUnreachable(code);
  }
});
