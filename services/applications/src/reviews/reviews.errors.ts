import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum ReviewErrorCode {
  AssignmentNotFound = 'REVIEW.ASSIGNMENT_NOT_FOUND',
  ApplicationNotFound = 'REVIEW.APPLICATION_NOT_FOUND',
  ProgrammeNotFound = 'REVIEW.PROGRAMME_NOT_FOUND',
  ReviewerNotFound = 'REVIEW.REVIEWER_NOT_FOUND',
  /** A partner organisation's staff: they read reviews, only the organiser assigns, recuses and follows progress. */
  NotOrganiser = 'REVIEW.NOT_ORGANISER',
  AlreadyAssigned = 'REVIEW.ALREADY_ASSIGNED',
  ReviewerExcluded = 'REVIEW.REVIEWER_EXCLUDED',
  NotReviewable = 'REVIEW.APPLICATION_NOT_REVIEWABLE',
  IllegalAssignmentState = 'REVIEW.ILLEGAL_ASSIGNMENT_STATE',
  InvalidScores = 'REVIEW.INVALID_SCORES',
  InvalidDueDate = 'REVIEW.INVALID_DUE_DATE',
  /** A list filter names an id the caller may not see (unknown or another tenant's); details: `errors`. */
  UnknownFilterId = 'REVIEW.UNKNOWN_FILTER_ID',
}

export class ReviewError extends DomainError<ReviewErrorCode> {}

const fieldsOf = (errors: Array<{ field: string }> | undefined) => (errors ?? []).map((e) => e.field).join(', ');
const list = (items: string[] | undefined) => (items ?? []).join(', ');

interface ScoreFindings {
  problems: string[];
  missing?: string[];
  unknown?: string[];
  repeated?: boolean;
  outsideScale?: string[];
  scale?: { min: number; max: number };
}

/** The findings of an invalid review, each in `language`, joined like the English list. */
function scoreFindings(p: ScoreFindings, words: { missing: string; unknown: string; repeated: string; outside: (min: number, max: number) => string }): string {
  const parts: string[] = [];
  if (p.missing?.length) parts.push(`${words.missing}: ${list(p.missing)}`);
  if (p.unknown?.length) parts.push(`${words.unknown}: ${list(p.unknown)}`);
  if (p.repeated) parts.push(words.repeated);
  if (p.outsideScale?.length && p.scale) parts.push(`${words.outside(p.scale.min, p.scale.max)}: ${list(p.outsideScale)}`);
  return parts.join('; ');
}

/** The detail of each code in three languages, rendered from the error's details. */
export const reviewErrorMessages = registerCatalogue(
  'applications.review-errors',
  defineMessages({
    [ReviewErrorCode.AssignmentNotFound]: {
      en: () => 'Review assignment not found',
      ko: () => '심사 배정을 찾을 수 없습니다',
      ru: () => 'Назначение на рецензию не найдено',
    },
    [ReviewErrorCode.ApplicationNotFound]: {
      en: (p: { subject?: 'startup' }) => (p.subject === 'startup' ? 'Startup not found' : 'Application not found'),
      ko: (p) => (p.subject === 'startup' ? '스타트업을 찾을 수 없습니다' : '신청서를 찾을 수 없습니다'),
      ru: (p) => (p.subject === 'startup' ? 'Стартап не найден' : 'Заявка не найдена'),
    },
    [ReviewErrorCode.ProgrammeNotFound]: {
      en: () => 'Programme not found',
      ko: () => '프로그램을 찾을 수 없습니다',
      ru: () => 'Программа не найдена',
    },
    [ReviewErrorCode.ReviewerNotFound]: {
      en: (p: { reviewerIds: string[] }) => (p.reviewerIds.length === 1 ? `No active reviewer ${p.reviewerIds[0]}` : `Not active reviewers: ${list(p.reviewerIds)}`),
      ko: (p) => `활성 심사위원이 아닙니다: ${list(p.reviewerIds)}`,
      ru: (p) => `Это не действующие рецензенты: ${list(p.reviewerIds)}`,
    },
    [ReviewErrorCode.NotOrganiser]: {
      en: () => 'Only programme managers of the organising organisation assign, recuse or follow its reviewers',
      ko: () => '심사위원 배정, 제척, 진행 확인은 주관 기관의 프로그램 매니저만 할 수 있습니다',
      ru: () => 'Назначать, отводить рецензентов и следить за их работой могут только менеджеры программ организации-организатора',
    },
    [ReviewErrorCode.AlreadyAssigned]: {
      en: () => 'This reviewer is (or was) already assigned to the application',
      ko: () => '이 심사위원은 이미 이 신청서에 배정되어 있습니다(또는 배정된 적이 있습니다)',
      ru: () => 'Этот рецензент уже назначен (или был назначен) на эту заявку',
    },
    [ReviewErrorCode.ReviewerExcluded]: {
      en: () => 'This reviewer declared a conflict with the startup, or their organisation certified it',
      ko: () => '이 심사위원은 스타트업과의 이해충돌을 신고했거나, 소속 기관이 이 스타트업을 인증했습니다',
      ru: () => 'Этот рецензент заявил о конфликте интересов со стартапом, или его организация сертифицировала стартап',
    },
    [ReviewErrorCode.NotReviewable]: {
      en: (p: { currentState: string }) => `An application that is ${p.currentState} cannot be reviewed`,
      ko: (p) => `'${p.currentState}' 상태인 신청서는 심사할 수 없습니다`,
      ru: (p) => `Заявку в состоянии «${p.currentState}» нельзя рецензировать`,
    },
    [ReviewErrorCode.IllegalAssignmentState]: {
      en: (p: { currentState?: string; action: 'review' | 'recuse' }) =>
        p.action === 'recuse' ? `The assignment is ${p.currentState}: it cannot be recused` : `This assignment is ${p.currentState}: it takes no (further) review`,
      ko: (p) =>
        p.action === 'recuse' ? `'${p.currentState}' 상태인 배정은 제척할 수 없습니다` : `'${p.currentState}' 상태인 배정에는 (더 이상) 심사를 제출할 수 없습니다`,
      ru: (p) =>
        p.action === 'recuse'
          ? `Назначение в состоянии «${p.currentState}» нельзя отвести`
          : `Назначение в состоянии «${p.currentState}» больше не принимает рецензий`,
    },
    [ReviewErrorCode.InvalidScores]: {
      en: (p: ScoreFindings) => `Invalid scores: ${p.problems.join('; ')}`,
      ko: (p) =>
        `점수가 올바르지 않습니다: ${scoreFindings(p, { missing: '점수가 없는 기준', unknown: '평가 기준에 없는 항목', repeated: '같은 기준에 점수를 두 번 매겼습니다', outside: (min, max) => `${min}–${max} 척도를 벗어난 점수` })}`,
      ru: (p) =>
        `Недопустимые оценки: ${scoreFindings(p, { missing: 'нет оценки по критериям', unknown: 'нет таких критериев', repeated: 'критерий оценён дважды', outside: (min, max) => `оценка вне шкалы ${min}–${max}` })}`,
    },
    [ReviewErrorCode.InvalidDueDate]: {
      en: () => 'The due date must be in the future',
      ko: () => '마감일은 미래여야 합니다',
      ru: () => 'Срок должен быть в будущем',
    },
    [ReviewErrorCode.UnknownFilterId]: {
      en: (p: { errors: Array<{ field: string }> }) => `Unknown ${fieldsOf(p.errors)}`,
      ko: (p) => `볼 수 없거나 없는 항목을 가리킵니다: ${fieldsOf(p.errors)}`,
      ru: (p) => `Фильтр указывает на то, чего нет или что вам недоступно: ${fieldsOf(p.errors)}`,
    },
  }),
  {
    [ReviewErrorCode.ReviewerNotFound]: { reviewerIds: ['00000000-0000-4000-8000-000000000000'] },
    [ReviewErrorCode.NotReviewable]: { currentState: 'accepted' },
    [ReviewErrorCode.IllegalAssignmentState]: { currentState: 'recused', action: 'review' },
    [ReviewErrorCode.InvalidScores]: {
      problems: ['missing a score for team'],
      missing: ['team'],
      unknown: ['colour'],
      repeated: true,
      outsideScale: ['market'],
      scale: { min: 1, max: 10 },
    },
    [ReviewErrorCode.UnknownFilterId]: { errors: [{ field: 'programmeId' }] },
  },
);

mapDomainErrorsToHttp(ReviewError, (code) => {
  switch (code) {
    case ReviewErrorCode.AssignmentNotFound:
    case ReviewErrorCode.ApplicationNotFound:
    case ReviewErrorCode.ProgrammeNotFound:
    case ReviewErrorCode.ReviewerNotFound:
      return 404;
    case ReviewErrorCode.NotOrganiser:
      return 403;
    case ReviewErrorCode.AlreadyAssigned:
    case ReviewErrorCode.NotReviewable:
    case ReviewErrorCode.IllegalAssignmentState:
      return 409;
    case ReviewErrorCode.ReviewerExcluded:
    case ReviewErrorCode.InvalidScores:
    case ReviewErrorCode.InvalidDueDate:
    case ReviewErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, reviewErrorMessages);
