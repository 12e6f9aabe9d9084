import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum ProposalErrorCode {
  NotFound = 'MATCH_PROPOSAL.NOT_FOUND',
  NotOrganiser = 'MATCH_PROPOSAL.NOT_ORGANISER',
  UnknownFilterId = 'MATCH_PROPOSAL.UNKNOWN_FILTER_ID',
  UnknownHostOwner = 'MATCH_PROPOSAL.UNKNOWN_HOST_OWNER',
  AlreadyDecided = 'MATCH_PROPOSAL.ALREADY_DECIDED',
  StaleVersion = 'MATCH_PROPOSAL.STALE_VERSION',
  SiteAtCapacity = 'MATCH_PROPOSAL.SITE_AT_CAPACITY',
  CandidateAlreadyMatched = 'MATCH_PROPOSAL.CANDIDATE_ALREADY_MATCHED',
  DuplicateCriterion = 'MATCH_PROPOSAL.DUPLICATE_CRITERION',
}

export class ProposalError extends DomainError<ProposalErrorCode> {}

const fieldsOf = (errors: Array<{ field: string }> | undefined) => (errors ?? []).map((e) => e.field).join(', ');

/** The detail of each code in three languages, rendered from the error's details. */
export const proposalErrorMessages = registerCatalogue(
  'pilots.proposal-errors',
  defineMessages({
    [ProposalErrorCode.NotFound]: {
      en: () => 'Match proposal not found',
      ko: () => '매칭 제안을 찾을 수 없습니다',
      ru: () => 'Предложение о подборе не найдено',
    },
    [ProposalErrorCode.NotOrganiser]: {
      en: () => 'Only programme managers of the organising organisation decide match proposals',
      ko: () => '매칭 제안은 주관 기관의 프로그램 매니저만 결정할 수 있습니다',
      ru: () => 'Решения по предложениям о подборе принимают только менеджеры программ организации-организатора',
    },
    [ProposalErrorCode.UnknownFilterId]: {
      en: (p: { errors: Array<{ field: string }> }) => `Unknown ${fieldsOf(p.errors)}`,
      ko: (p) => `볼 수 없거나 없는 항목을 가리킵니다: ${fieldsOf(p.errors)}`,
      ru: (p) => `Фильтр указывает на то, чего нет или что вам недоступно: ${fieldsOf(p.errors)}`,
    },
    [ProposalErrorCode.UnknownHostOwner]: {
      en: () => 'The host owner must be a person of the site’s host organisation',
      ko: () => '호스트 담당자는 사이트를 운영하는 호스트 기관의 사람이어야 합니다',
      ru: () => 'Ответственный от принимающей стороны должен быть сотрудником организации, которой принадлежит площадка',
    },
    [ProposalErrorCode.AlreadyDecided]: {
      en: (p: { currentState: string }) => `The proposal is already ${p.currentState}`,
      ko: (p) => `이 제안은 이미 '${p.currentState}' 상태입니다`,
      ru: (p) => `По предложению уже принято решение: «${p.currentState}»`,
    },
    [ProposalErrorCode.StaleVersion]: {
      en: (p: { yourVersion: number; currentVersion: number }) => `The proposal changed since version ${p.yourVersion} (now version ${p.currentVersion})`,
      ko: (p) => `버전 ${p.yourVersion} 이후 제안이 변경되었습니다(현재 버전 ${p.currentVersion})`,
      ru: (p) => `Предложение изменилось после версии ${p.yourVersion} (сейчас версия ${p.currentVersion})`,
    },
    [ProposalErrorCode.SiteAtCapacity]: {
      en: () => 'The site has no free pilot slot',
      ko: () => '사이트에 남은 파일럿 자리가 없습니다',
      ru: () => 'На площадке нет свободного места для пилота',
    },
    [ProposalErrorCode.CandidateAlreadyMatched]: {
      en: () => 'The startup already has a pilot in this programme',
      ko: () => '이 스타트업은 이미 이 프로그램에서 파일럿을 진행하고 있습니다',
      ru: () => 'У стартапа уже есть пилот в этой программе',
    },
    [ProposalErrorCode.DuplicateCriterion]: {
      en: (p: { names: string[] }) => `Success criteria names must be unique: ${p.names.join(', ')}`,
      ko: (p) => `성공 기준의 이름은 서로 달라야 합니다: ${p.names.join(', ')}`,
      ru: (p) => `Названия критериев успеха не должны повторяться: ${p.names.join(', ')}`,
    },
  }),
  {
    [ProposalErrorCode.UnknownFilterId]: { errors: [{ field: 'programmeId' }] },
    [ProposalErrorCode.AlreadyDecided]: { currentState: 'approved' },
    [ProposalErrorCode.StaleVersion]: { yourVersion: 2, currentVersion: 3 },
    [ProposalErrorCode.DuplicateCriterion]: { names: ['accuracy'] },
  },
);

mapDomainErrorsToHttp(ProposalError, (code) => {
  switch (code) {
    case ProposalErrorCode.NotFound:
      return 404;
    case ProposalErrorCode.NotOrganiser:
      return 403;
    case ProposalErrorCode.AlreadyDecided:
    case ProposalErrorCode.StaleVersion:
    case ProposalErrorCode.SiteAtCapacity:
    case ProposalErrorCode.CandidateAlreadyMatched:
      return 409;
    case ProposalErrorCode.DuplicateCriterion:
    case ProposalErrorCode.UnknownFilterId:
    case ProposalErrorCode.UnknownHostOwner:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, proposalErrorMessages);
