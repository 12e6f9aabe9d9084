import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum MailErrorCode {
  /** An unsubscribe link that this service did not sign (or for a person it does not know). */
  LinkNotValid = 'MAIL.LINK_NOT_VALID',
  /** A list filter names a person the caller may not see; details: `errors`. */
  UnknownFilterId = 'MAIL.UNKNOWN_FILTER_ID',
}

export class MailError extends DomainError<MailErrorCode> {}

const fieldsOf = (errors: Array<{ field: string }> | undefined) => (errors ?? []).map((e) => e.field).join(', ');

/** The detail of each code in three languages, rendered from the error's details. */
export const mailErrorMessages = registerCatalogue(
  'notifications.mail-errors',
  defineMessages({
    [MailErrorCode.LinkNotValid]: {
      en: () => 'This unsubscribe link is not valid: use the link of a recent e-mail',
      ko: () => '유효하지 않은 수신 거부 링크입니다. 최근 이메일의 링크를 사용하세요',
      ru: () => 'Эта ссылка для отписки недействительна: воспользуйтесь ссылкой из недавнего письма',
    },
    [MailErrorCode.UnknownFilterId]: {
      en: (p: { errors: Array<{ field: string }> }) => `Unknown ${fieldsOf(p.errors)}`,
      ko: (p) => `볼 수 없거나 없는 항목을 가리킵니다: ${fieldsOf(p.errors)}`,
      ru: (p) => `Фильтр указывает на то, чего нет или что вам недоступно: ${fieldsOf(p.errors)}`,
    },
  }),
  {
    [MailErrorCode.UnknownFilterId]: { errors: [{ field: 'personId' }] },
  },
);

mapDomainErrorsToHttp(MailError, (code) => {
  switch (code) {
    case MailErrorCode.LinkNotValid:
      return 404;
    case MailErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, mailErrorMessages);
