import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum StartupErrorCode {
  NotFound = 'STARTUP.NOT_FOUND',
  AlreadyRegistered = 'STARTUP.ALREADY_REGISTERED',
  VersionConflict = 'STARTUP.VERSION_CONFLICT',
  CertificationNotFound = 'STARTUP.CERTIFICATION_NOT_FOUND',
  InvalidCertification = 'STARTUP.INVALID_CERTIFICATION',
}

export class StartupError extends DomainError<StartupErrorCode> {}

mapDomainErrorsToHttp(StartupError, (code) => {
  switch (code) {
    case StartupErrorCode.NotFound:
    case StartupErrorCode.CertificationNotFound:
      return 404;
    case StartupErrorCode.AlreadyRegistered:
    case StartupErrorCode.VersionConflict:
      return 409;
    case StartupErrorCode.InvalidCertification:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
