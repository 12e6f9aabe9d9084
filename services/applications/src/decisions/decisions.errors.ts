import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum DecisionErrorCode {
  ApplicationNotFound = 'DECISION.APPLICATION_NOT_FOUND',
  ProgrammeNotFound = 'DECISION.PROGRAMME_NOT_FOUND',
  /** A partner organisation's staff: they read the application, only the organiser decides. */
  NotOrganiser = 'DECISION.NOT_ORGANISER',
}

export class DecisionError extends DomainError<DecisionErrorCode> {}

/** The detail of each code in three languages. */
export const decisionErrorMessages = registerCatalogue(
  'applications.decision-errors',
  defineMessages({
    [DecisionErrorCode.ApplicationNotFound]: {
      en: () => 'Application not found',
      ko: () => '신청서를 찾을 수 없습니다',
      ru: () => 'Заявка не найдена',
    },
    [DecisionErrorCode.ProgrammeNotFound]: {
      en: () => 'Programme not found',
      ko: () => '프로그램을 찾을 수 없습니다',
      ru: () => 'Программа не найдена',
    },
    [DecisionErrorCode.NotOrganiser]: {
      en: () => 'Only programme managers of the organising organisation decide its applications',
      ko: () => '신청서 결정은 주관 기관의 프로그램 매니저만 할 수 있습니다',
      ru: () => 'Решения по заявкам принимают только менеджеры программ организации-организатора',
    },
  }),
);

mapDomainErrorsToHttp(DecisionError, (code) => {
  switch (code) {
    case DecisionErrorCode.ApplicationNotFound:
    case DecisionErrorCode.ProgrammeNotFound:
      return 404;
    case DecisionErrorCode.NotOrganiser:
      return 403;
    default:
      return assertUnreachable(code);
  }
}, decisionErrorMessages);
