import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

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
});
