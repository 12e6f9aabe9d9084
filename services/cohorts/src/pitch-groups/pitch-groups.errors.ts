import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum PitchGroupErrorCode {
  UnknownCandidates = 'PITCH_GROUP.UNKNOWN_CANDIDATES',
  DuplicateStartup = 'PITCH_GROUP.DUPLICATE_STARTUP',
}

export class PitchGroupError extends DomainError<PitchGroupErrorCode> {}

/** The detail of each code in three languages, rendered from the error's details. */
export const pitchGroupErrorMessages = registerCatalogue(
  'cohorts.pitch-group-errors',
  defineMessages({
    [PitchGroupErrorCode.UnknownCandidates]: {
      en: (p: { unknownStartupIds: string[] }) => `not candidates of this cohort: ${p.unknownStartupIds.join(', ')}`,
      ko: (p) => `이 코호트의 후보가 아닙니다: ${p.unknownStartupIds.join(', ')}`,
      ru: (p) => `Это не кандидаты этой когорты: ${p.unknownStartupIds.join(', ')}`,
    },
    [PitchGroupErrorCode.DuplicateStartup]: {
      en: (p: { startupIds: string[] }) => `each startup once: ${p.startupIds.join(', ')} listed more than once`,
      ko: (p) => `스타트업은 한 번씩만 넣으세요. 두 번 이상 나온 스타트업: ${p.startupIds.join(', ')}`,
      ru: (p) => `Каждый стартап указывается один раз; повторяются: ${p.startupIds.join(', ')}`,
    },
  }),
  {
    [PitchGroupErrorCode.UnknownCandidates]: { unknownStartupIds: ['00000000-0000-4000-8000-000000000000'] },
    [PitchGroupErrorCode.DuplicateStartup]: { startupIds: ['00000000-0000-4000-8000-000000000000'] },
  },
);

mapDomainErrorsToHttp(PitchGroupError, (code) => {
  switch (code) {
    case PitchGroupErrorCode.UnknownCandidates:
    case PitchGroupErrorCode.DuplicateStartup:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, pitchGroupErrorMessages);
