import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

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

/** The detail of each code in three languages, rendered from the error's details. */
export const identityErrorMessages = registerCatalogue(
  'applications.identity-errors',
  defineMessages({
    [IdentityErrorCode.OrganisationNotFound]: {
      en: () => 'No such organisation',
      ko: () => '그런 기관이 없습니다',
      ru: () => 'Такой организации нет',
    },
    [IdentityErrorCode.PersonNotFound]: {
      en: () => 'No such person',
      ko: () => '그런 사람이 없습니다',
      ru: () => 'Такого человека нет',
    },
    [IdentityErrorCode.ApiKeyNotFound]: {
      en: () => 'No such API key',
      ko: () => '그런 API 키가 없습니다',
      ru: () => 'Такого API-ключа нет',
    },
    [IdentityErrorCode.RoleNotGrantable]: {
      en: (p: { role: string; callerRole?: string }) => `A ${p.callerRole ?? 'caller'} cannot create, see or act on a person of role ${p.role}`,
      ko: (p) => `${p.callerRole ?? '호출자'} 역할로는 ${p.role} 역할의 사람을 만들거나 보거나 관리할 수 없습니다`,
      ru: (p) => `Роль ${p.callerRole ?? 'вызывающего'} не может создавать, видеть или изменять человека с ролью ${p.role}`,
    },
    [IdentityErrorCode.EmailTaken]: {
      en: () => 'A person of this organisation already has this email',
      ko: () => '이 기관의 다른 사람이 이미 이 이메일을 사용하고 있습니다',
      ru: () => 'У кого-то в этой организации уже есть этот адрес электронной почты',
    },
    [IdentityErrorCode.PersonDisabled]: {
      en: () => 'The person is disabled; keys cannot be issued',
      ko: () => '비활성화된 사람에게는 키를 발급할 수 없습니다',
      ru: () => 'Человек отключён: ключи ему выдать нельзя',
    },
  }),
  {
    [IdentityErrorCode.RoleNotGrantable]: { role: 'admin', callerRole: 'programme_manager' },
  },
);

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
}, identityErrorMessages);
