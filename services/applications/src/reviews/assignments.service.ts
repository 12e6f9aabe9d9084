import { Injectable } from '@nestjs/common';
import type { Application, Programme, ReviewAssignment } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import type { AuthenticatedPrincipal } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationLifecycle } from '../applications/application-lifecycle';
import { ApplicationsRepository } from '../applications/applications.repository';
import { Clock } from '@exchange/platform';
import { programmeRef, requireManager } from '../programmes/programme-views';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { isUniqueViolation } from '../startups/startups.repository';
import { planAssignments } from './assignment-planner';
import type { AssignReviewerDto, AssignmentResponse, AutoAssignDto, AutoAssignResponse, RecuseDto, ReviewProgressResponse } from './dto/review.dto';
import { assignmentView } from './review-views';
import { ReviewError, ReviewErrorCode } from './reviews.errors';
import { ReviewsRepository } from './reviews.repository';
import { ScoreKeeper } from './score-keeper';

/** Managers' side of reviewing: assigning (by hand or automatically), recusing, progress. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReviewsRepository,
    private readonly applications: ApplicationsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly scores: ScoreKeeper,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async assign(principal: AuthenticatedPrincipal, programmeId: string, dto: AssignReviewerDto): Promise<AssignmentResponse> {
    const dueAt = this.dueDate(dto.dueAt);
    return this.dataSource.transaction(async (tx) => {
      const programme = await this.managedProgramme(principal, programmeId, tx);
      const application = await this.applications.findById(dto.applicationId, tx, true);
      if (!application || application.programmeId !== programme.id) {
        throw new ReviewError(ReviewErrorCode.ApplicationNotFound, `Application ${dto.applicationId} not found in this programme`);
      }
      if (application.state !== 'submitted' && application.state !== 'under_review') {
        throw new ReviewError(ReviewErrorCode.NotReviewable, `An application that is ${application.state} cannot be reviewed`, { currentState: application.state });
      }
      const [reviewer] = await this.repository.reviewers([dto.reviewerPrincipalId], tx);
      if (!reviewer) throw new ReviewError(ReviewErrorCode.ReviewerNotFound, `No active reviewer ${dto.reviewerPrincipalId}`, { reviewerIds: [dto.reviewerPrincipalId] });
      const plan = planAssignments(
        [{ applicationId: application.id, startupId: application.startupId, assignedReviewerIds: [], missing: 1 }],
        [{ reviewerId: reviewer.id, organisationId: reviewer.organisationId, load: 0 }],
        Number.MAX_SAFE_INTEGER,
        { conflicts: await this.repository.conflictsFor(tx, [application.startupId]), linkedOrganisations: await this.repository.linkedOrganisations(tx, [application.startupId]) },
      );
      if (plan.assignments.length === 0) {
        throw new ReviewError(ReviewErrorCode.ReviewerExcluded, 'This reviewer declared a conflict with the startup, or their organisation certified it');
      }
      try {
        const [created] = await this.create(tx, principal, programme, [{ application, reviewerId: reviewer.id }], dueAt);
        return assignmentView(created, this.clock.now());
      } catch (err) {
        if (isUniqueViolation(err, 'review_assignments_uq')) throw new ReviewError(ReviewErrorCode.AlreadyAssigned, 'This reviewer is (or was) already assigned to the application');
        throw err;
      }
    });
  }

  /** Fills every reviewable application up to the programme's review count; see planAssignments. */
  async autoAssign(principal: AuthenticatedPrincipal, programmeId: string, dto: AutoAssignDto): Promise<AutoAssignResponse> {
    const dueAt = this.dueDate(dto.dueAt);
    return this.dataSource.transaction(async (tx) => {
      // The programme row lock serialises automatic runs, so two managers cannot double-assign.
      const programme = await this.managedProgramme(principal, programmeId, tx, true);
      const reviewers = await this.repository.reviewers([...new Set(dto.reviewerPrincipalIds)], tx);
      const missingReviewers = dto.reviewerPrincipalIds.filter((id) => !reviewers.some((r) => r.id === id.toLowerCase()));
      if (missingReviewers.length > 0) throw new ReviewError(ReviewErrorCode.ReviewerNotFound, `Not active reviewers: ${missingReviewers.join(', ')}`, { reviewerIds: missingReviewers });
      const apps = await this.repository.reviewableApplications(tx, programme.id);
      const startupIds = [...new Set(apps.map((a) => a.startupId))];
      const load = await this.repository.activeLoad(tx, programme.id, reviewers.map((r) => r.id));
      const plan = planAssignments(
        apps.map((a) => ({ applicationId: a.applicationId, startupId: a.startupId, assignedReviewerIds: a.everAssignedIds, missing: Math.max(0, programme.reviewsRequired - a.active) })),
        reviewers.map((r) => ({ reviewerId: r.id, organisationId: r.organisationId, load: load.get(r.id) ?? 0 })),
        dto.quotaPerReviewer,
        { conflicts: await this.repository.conflictsFor(tx, startupIds), linkedOrganisations: await this.repository.linkedOrganisations(tx, startupIds) },
      );
      const byId = new Map<string, Application>();
      for (const id of new Set(plan.assignments.map((a) => a.applicationId))) byId.set(id, (await this.applications.findById(id, tx, true))!);
      const created = await this.create(
        tx,
        principal,
        programme,
        plan.assignments.map((a) => ({ application: byId.get(a.applicationId)!, reviewerId: a.reviewerId })),
        dueAt,
      );
      const now = this.clock.now();
      return { assigned: created.map((a) => assignmentView(a, now)), unfilled: plan.unfilled };
    });
  }

  /**
   * A manager takes a reviewer off an application, or a reviewer steps back from their own
   * assignment (a conflict they discovered); a review already given stops counting.
   */
  async recuse(principal: AuthenticatedPrincipal, assignmentId: string, dto: RecuseDto): Promise<AssignmentResponse> {
    return this.dataSource.transaction(async (tx) => {
      const assignment = await this.repository.findAssignment(assignmentId, tx);
      const notFound = () => new ReviewError(ReviewErrorCode.AssignmentNotFound, `Assignment ${assignmentId} not found`);
      if (!assignment) throw notFound();
      // Another reviewer's assignment does not exist for this reviewer.
      if (principal.role === 'reviewer' && assignment.reviewerPrincipalId !== principal.principalId) throw notFound();
      const found = await this.programmes.findById(assignment.programmeId, tx);
      const programme = principal.role === 'reviewer' ? found! : requireManager(principal, found, { notFound, notOrganiser });
      const ok = await this.repository.changeAssignmentState(tx, assignment.id, { version: assignment.version, from: ['assigned', 'submitted', 'abstained'] }, 'recused', dto.reason);
      if (!ok) {
        const current = await this.repository.findAssignment(assignmentId, tx);
        throw new ReviewError(ReviewErrorCode.IllegalAssignmentState, `The assignment is ${current?.state}: it cannot be recused`, { currentState: current?.state, action: 'recuse' });
      }
      if (assignment.state === 'submitted') await this.scores.rescore(tx, programme, assignment.applicationId);
      return assignmentView((await this.repository.findAssignment(assignmentId, tx))!, this.clock.now());
    });
  }

  async progress(principal: AuthenticatedPrincipal, programmeId: string): Promise<ReviewProgressResponse> {
    const programme = requireManager(principal, await this.programmes.findById(programmeId), { notFound: () => programmeNotFound(programmeId), notOrganiser });
    const rows = await this.repository.progress(programmeId);
    const apps = new Map<string, { done: number; due: number; overdue: number; scored: number }>();
    const reviewers = new Map<string, { done: number; due: number; overdue: number }>();
    for (const row of rows) {
      if (row.state === 'recused') continue;
      const a = apps.get(row.applicationId) ?? { done: 0, due: 0, overdue: 0, scored: 0 };
      const r = reviewers.get(row.reviewerId) ?? { done: 0, due: 0, overdue: 0 };
      const bucket = row.state === 'assigned' ? (row.overdue ? 'overdue' : 'due') : 'done';
      a[bucket] += 1;
      r[bucket] += 1;
      if (row.state === 'submitted') a.scored += 1;
      apps.set(row.applicationId, a);
      reviewers.set(row.reviewerId, r);
    }
    return {
      applications: [...apps].map(([applicationId, c]) => ({ applicationId, required: programme.reviewsRequired, ...c })),
      reviewers: [...reviewers].map(([reviewerPrincipalId, c]) => ({ reviewerPrincipalId, ...c })),
    };
  }

  /** Inserts assignments, moves submitted applications under review, writes `review.assigned`. */
  private async create(
    tx: EntityManager,
    principal: AuthenticatedPrincipal,
    programme: Programme,
    pairs: { application: Application; reviewerId: string }[],
    dueAt: Date,
  ): Promise<ReviewAssignment[]> {
    if (pairs.length === 0) return [];
    const created = await this.repository.insertAssignments(
      tx,
      pairs.map((p) => ({ applicationId: p.application.id, programmeId: programme.id, reviewerPrincipalId: p.reviewerId, assignedBy: principal.principalId, dueAt })),
    );
    const started = new Set<string>();
    for (const { application } of pairs) {
      if (application.state === 'submitted' && !started.has(application.id)) {
        started.add(application.id);
        await this.lifecycle.transition(tx, application, 'start_review', { actorPrincipalId: principal.principalId, reasonCode: 'reviewers_assigned' });
      }
    }
    const startupOf = new Map(pairs.map((p) => [p.application.id, p.application.startupId]));
    await this.outbox.addAll(
      tx,
      created.map((a) => ({
        type: 'review.assigned' as const,
        data: {
          applicationId: a.applicationId,
          startupId: startupOf.get(a.applicationId)!,
          programme: programmeRef(programme),
          assignmentId: a.id,
          reviewerId: a.reviewerPrincipalId,
          dueAt: a.dueAt.toISOString(),
        },
      })),
    );
    return created;
  }

  private async managedProgramme(principal: AuthenticatedPrincipal, id: string, tx: EntityManager, lock = false): Promise<Programme> {
    return requireManager(principal, await this.programmes.findById(id, tx, lock), { notFound: () => programmeNotFound(id), notOrganiser });
  }

  private dueDate(value: string): Date {
    const dueAt = new Date(value);
    if (dueAt <= this.clock.now()) throw new ReviewError(ReviewErrorCode.InvalidDueDate, 'The due date must be in the future');
    return dueAt;
  }
}

function programmeNotFound(id: string): ReviewError {
  return new ReviewError(ReviewErrorCode.ProgrammeNotFound, `Programme ${id} not found`);
}

/** Partners read reviews; assigning, recusing and following progress are the organiser's. */
function notOrganiser(): ReviewError {
  return new ReviewError(ReviewErrorCode.NotOrganiser, 'Only programme managers of the organising organisation assign, recuse or follow its reviewers');
}
