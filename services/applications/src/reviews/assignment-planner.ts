/**
 * Automatic reviewer assignment, pure. For each application still short of reviewers (oldest
 * first), pick the eligible reviewers with the lowest load in the programme (ties: fewest
 * assignments given in this run, then id, so the result is deterministic), never above the
 * per-reviewer quota, never one already assigned to it, and never one who is excluded for it:
 *  - the reviewer declared a conflict of interest with the startup (or this application);
 *  - the reviewer's organisation is linked to the startup: it issued one of the startup's
 *    certifications (the certifying body has a stake in its certified startups).
 * Startups have no organisation, so "never one from the startup's own organisation" is read as the
 * second rule. Applications that cannot be filled are reported, not half-silently skipped.
 */

export interface PlannerApplication {
  applicationId: string;
  startupId: string;
  /** Reviewers with an active (assigned or submitted) assignment on it. */
  assignedReviewerIds: string[];
  /** Reviewers it still needs. */
  missing: number;
}

export interface PlannerReviewer {
  reviewerId: string;
  organisationId: string | null;
  /** Active assignments in this programme before this run. */
  load: number;
}

export interface PlannerExclusions {
  /** reviewerId → startups (and applications) they declared a conflict with. */
  conflicts: { reviewerId: string; startupId: string; applicationId: string | null }[];
  /** startupId → organisations that issued its certifications. */
  linkedOrganisations: Map<string, Set<string>>;
}

export interface PlannedAssignment {
  applicationId: string;
  reviewerId: string;
}

export interface AssignmentPlan {
  assignments: PlannedAssignment[];
  unfilled: { applicationId: string; missing: number }[];
}

export function planAssignments(
  applications: PlannerApplication[],
  reviewers: PlannerReviewer[],
  quota: number,
  exclusions: PlannerExclusions,
): AssignmentPlan {
  const load = new Map(reviewers.map((r) => [r.reviewerId, r.load]));
  const added = new Map(reviewers.map((r) => [r.reviewerId, 0]));
  const assignments: PlannedAssignment[] = [];
  const unfilled: AssignmentPlan['unfilled'] = [];

  const excluded = (reviewer: PlannerReviewer, app: PlannerApplication) =>
    exclusions.conflicts.some(
      (c) => c.reviewerId === reviewer.reviewerId && c.startupId === app.startupId && (c.applicationId === null || c.applicationId === app.applicationId),
    ) ||
    (reviewer.organisationId !== null && (exclusions.linkedOrganisations.get(app.startupId)?.has(reviewer.organisationId) ?? false));

  for (const app of applications) {
    let missing = app.missing;
    const taken = new Set(app.assignedReviewerIds);
    while (missing > 0) {
      const candidates = reviewers
        .filter((r) => !taken.has(r.reviewerId) && load.get(r.reviewerId)! < quota && !excluded(r, app))
        .sort(
          (a, b) =>
            load.get(a.reviewerId)! - load.get(b.reviewerId)! ||
            added.get(a.reviewerId)! - added.get(b.reviewerId)! ||
            a.reviewerId.localeCompare(b.reviewerId),
        );
      const pick = candidates[0];
      if (!pick) break;
      assignments.push({ applicationId: app.applicationId, reviewerId: pick.reviewerId });
      taken.add(pick.reviewerId);
      load.set(pick.reviewerId, load.get(pick.reviewerId)! + 1);
      added.set(pick.reviewerId, added.get(pick.reviewerId)! + 1);
      missing -= 1;
    }
    if (missing > 0) unfilled.push({ applicationId: app.applicationId, missing });
  }
  return { assignments, unfilled };
}
