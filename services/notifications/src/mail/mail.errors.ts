import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum MailErrorCode {
  /** An unsubscribe link that this service did not sign (or for a person it does not know). */
  LinkNotValid = 'MAIL.LINK_NOT_VALID',
  /** A list filter names a person the caller may not see; details: `errors`. */
  UnknownFilterId = 'MAIL.UNKNOWN_FILTER_ID',
}

export class MailError extends DomainError<MailErrorCode> {}

mapDomainErrorsToHttp(MailError, (code) => {
  switch (code) {
    case MailErrorCode.LinkNotValid:
      return 404;
    case MailErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
