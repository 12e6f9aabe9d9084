import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum PitchGroupErrorCode {
  UnknownCandidates = 'PITCH_GROUP.UNKNOWN_CANDIDATES',
  DuplicateStartup = 'PITCH_GROUP.DUPLICATE_STARTUP',
}

export class PitchGroupError extends DomainError<PitchGroupErrorCode> {}

mapDomainErrorsToHttp(PitchGroupError, (code) => {
  switch (code) {
    case PitchGroupErrorCode.UnknownCandidates:
    case PitchGroupErrorCode.DuplicateStartup:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
