import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, plural, registerCatalogue } from '@exchange/platform';

export enum ApplicationErrorCode {
  NotFound = 'APPLICATION.NOT_FOUND',
  ProgrammeNotFound = 'APPLICATION.PROGRAMME_NOT_FOUND',
  AlreadyApplied = 'APPLICATION.ALREADY_APPLIED',
  IllegalTransition = 'APPLICATION.ILLEGAL_TRANSITION',
  VersionConflict = 'APPLICATION.VERSION_CONFLICT',
  NotEligible = 'APPLICATION.NOT_ELIGIBLE',
  /** A list filter names an id the caller may not see (unknown or another tenant's); details: `errors`. */
  UnknownFilterId = 'APPLICATION.UNKNOWN_FILTER_ID',
}

/** details: `currentState` on illegal transitions, `failures` (every failing rule) when not eligible. */
export class ApplicationError extends DomainError<ApplicationErrorCode> {}

/** Application actions in words, for the texts of illegal transitions (`edit` is changing a draft). */
const ACTION_WORDS: Record<string, { en: string; ko: string; ru: string }> = {
  submit: { en: 'submit', ko: '제출', ru: 'подача' },
  start_review: { en: 'start review', ko: '심사 시작', ru: 'начало рассмотрения' },
  accept: { en: 'accept', ko: '승인', ru: 'принятие' },
  reject: { en: 'reject', ko: '거절', ru: 'отклонение' },
  waitlist: { en: 'waitlist', ko: '대기자 명단 등록', ru: 'внесение в лист ожидания' },
  withdraw: { en: 'withdraw', ko: '철회', ru: 'отзыв' },
  edit: { en: 'edit', ko: '수정', ru: 'изменение' },
};
const actionWord = (action: string, language: 'en' | 'ko' | 'ru') => ACTION_WORDS[action]?.[language] ?? action;
const fieldsOf = (errors: Array<{ field: string }> | undefined) => (errors ?? []).map((e) => e.field).join(', ');
const versionState = (p: { currentVersion?: number; currentState?: string }) => `${p.currentVersion ?? '?'}${p.currentState ? `, ${p.currentState}` : ''}`;

/** The detail of each code in three languages, rendered from the error's details. */
export const applicationErrorMessages = registerCatalogue(
  'applications.application-errors',
  defineMessages({
    [ApplicationErrorCode.NotFound]: {
      en: () => 'Application not found',
      ko: () => '신청서를 찾을 수 없습니다',
      ru: () => 'Заявка не найдена',
    },
    [ApplicationErrorCode.ProgrammeNotFound]: {
      en: () => 'Programme not found',
      ko: () => '프로그램을 찾을 수 없습니다',
      ru: () => 'Программа не найдена',
    },
    [ApplicationErrorCode.AlreadyApplied]: {
      en: () => 'You already have an application to this programme; withdraw it to start a new one',
      ko: () => '이 프로그램에 이미 신청서가 있습니다. 새로 신청하려면 기존 신청서를 철회하세요',
      ru: () => 'У вас уже есть заявка в эту программу; отзовите её, чтобы подать новую',
    },
    [ApplicationErrorCode.IllegalTransition]: {
      en: (p: { currentState: string; action: string }) =>
        p.action === 'edit'
          ? `Only a draft can be edited; this application is ${p.currentState}`
          : `Cannot ${actionWord(p.action, 'en')} an application that is ${p.currentState.replace('_', ' ')}`,
      ko: (p) => `'${p.currentState}' 상태인 신청서에는 ${actionWord(p.action, 'ko')}을(를) 할 수 없습니다`,
      ru: (p) => `Действие «${actionWord(p.action, 'ru')}» недоступно для заявки в состоянии «${p.currentState}»`,
    },
    [ApplicationErrorCode.VersionConflict]: {
      en: (p: { currentVersion?: number; currentState?: string }) => `The application changed since you read it (now version ${versionState(p)}): reload it`,
      ko: (p) => `읽은 뒤에 신청서가 변경되었습니다(현재 버전 ${versionState(p)}). 다시 불러오세요`,
      ru: (p) => `Заявка изменилась с тех пор, как вы её прочитали (сейчас версия ${versionState(p)}): загрузите её заново`,
    },
    [ApplicationErrorCode.NotEligible]: {
      en: (p: { failures: unknown[] }) => `The application cannot be submitted: ${p.failures.length} rule${p.failures.length === 1 ? '' : 's'} not met`,
      ko: (p) => `신청서를 제출할 수 없습니다: 충족하지 못한 조건 ${p.failures.length}개`,
      ru: (p) =>
        `Заявку нельзя подать: не выполнено ${p.failures.length} ${plural('ru', p.failures.length, { one: 'условие', few: 'условия', many: 'условий', other: 'условия' })}`,
    },
    [ApplicationErrorCode.UnknownFilterId]: {
      en: (p: { errors: Array<{ field: string }> }) => `Unknown ${fieldsOf(p.errors)}`,
      ko: (p) => `볼 수 없거나 없는 항목을 가리킵니다: ${fieldsOf(p.errors)}`,
      ru: (p) => `Фильтр указывает на то, чего нет или что вам недоступно: ${fieldsOf(p.errors)}`,
    },
  }),
  {
    [ApplicationErrorCode.IllegalTransition]: { currentState: 'withdrawn', action: 'submit' },
    [ApplicationErrorCode.VersionConflict]: { currentVersion: 3, currentState: 'submitted' },
    [ApplicationErrorCode.NotEligible]: { failures: [{}, {}] },
    [ApplicationErrorCode.UnknownFilterId]: { errors: [{ field: 'programmeId' }] },
  },
);

mapDomainErrorsToHttp(ApplicationError, (code) => {
  switch (code) {
    case ApplicationErrorCode.NotFound:
    case ApplicationErrorCode.ProgrammeNotFound:
      return 404;
    case ApplicationErrorCode.AlreadyApplied:
    case ApplicationErrorCode.IllegalTransition:
    case ApplicationErrorCode.VersionConflict:
      return 409;
    case ApplicationErrorCode.NotEligible:
    case ApplicationErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, applicationErrorMessages);
