import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

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
});
