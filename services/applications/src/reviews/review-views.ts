import type { Review, ReviewAssignment } from '@exchange/data';
import type { AssignmentResponse, ReviewResponse } from './dto/review.dto';

export function assignmentView(a: ReviewAssignment, now: Date): AssignmentResponse {
  return {
    id: a.id,
    applicationId: a.applicationId,
    programmeId: a.programmeId,
    reviewerPrincipalId: a.reviewerPrincipalId,
    state: a.state,
    dueAt: a.dueAt.toISOString(),
    overdue: a.state === 'assigned' && a.dueAt < now,
    completedAt: a.completedAt?.toISOString() ?? null,
    recusalReason: a.recusalReason,
    version: a.version,
  };
}

export function reviewView(r: Review): ReviewResponse {
  return {
    id: r.id,
    assignmentId: r.assignmentId,
    reviewerPrincipalId: r.reviewerPrincipalId,
    abstained: r.abstained,
    abstainReason: r.abstainReason,
    scores: r.scores,
    weightedScore: r.weightedScore,
    comment: r.comment,
    submittedAt: r.submittedAt.toISOString(),
  };
}
