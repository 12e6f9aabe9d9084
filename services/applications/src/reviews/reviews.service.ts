import { Injectable } from '@nestjs/common';
import type { Programme, ReviewAssignment } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { CREATED_AT_ID, decodeCursor, pageOf, unresolvedIdFilters, type AuthenticatedPrincipal, type Page } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationsRepository } from '../applications/applications.repository';
import { Clock } from '@exchange/platform';
import { isProgrammeInsider, mayViewProgramme, programmeRef } from '../programmes/programme-views';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { StartupsRepository } from '../startups/startups.repository';
import type {
  AbstainDto,
  AssignmentResponse,
  DeclareConflictDto,
  ListAssignmentsQuery,
  ReviewerApplicationView,
  ReviewResponse,
  SubmitReviewDto,
} from './dto/review.dto';
import { assignmentView, reviewView } from './review-views';
import { ReviewError, ReviewErrorCode } from './reviews.errors';
import { ReviewsRepository } from './reviews.repository';
import { ScoreKeeper } from './score-keeper';
import { weightedScore } from './scoring';

/** Reviewers' side: their assignments, the (possibly blind) application, scoring or abstaining, conflicts. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReviewsRepository,
    private readonly applications: ApplicationsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly startups: StartupsRepository,
    private readonly scores: ScoreKeeper,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async listOwn(principal: AuthenticatedPrincipal, query: ListAssignmentsQuery): Promise<Page<AssignmentResponse>> {
    const limit = query.limit ?? 50;
    const unresolved = await unresolvedIdFilters(query, {
      programmeId: async (id) => {
        const programme = await this.programmes.findById(id);
        return programme !== null && mayViewProgramme(principal, programme);
      },
    });
    if (unresolved.length > 0) {
      throw new ReviewError(ReviewErrorCode.UnknownFilterId, `Unknown ${unresolved.map((e) => e.field).join(', ')}`, { errors: unresolved });
    }
    const rows = await this.repository.listForReviewer(principal.principalId, { state: query.state, programmeId: query.programmeId }, decodeCursor(CREATED_AT_ID, query.cursor), limit);
    const page = pageOf(CREATED_AT_ID, rows, limit, (a) => [a.createdAt.toISOString(), a.id]);
    const now = this.clock.now();
    return { items: page.items.map((a) => assignmentView(a, now)), nextCursor: page.nextCursor };
  }

  /**
   * The application as its reviewer sees it. In a blind review, a reviewer outside the organising
   * organisation gets no name, registration number, contact or team (people's names identify a
   * startup too). Others' reviews appear only once the reviewer has submitted or abstained.
   */
  async view(principal: AuthenticatedPrincipal, assignmentId: string): Promise<ReviewerApplicationView> {
    const assignment = await this.ownAssignment(principal, assignmentId);
    const programme = (await this.programmes.findById(assignment.programmeId))!;
    const application = (await this.applications.findById(assignment.applicationId))!;
    const startup = (await this.startups.findById(application.startupId))!;
    const blind = programme.blindReview && principal.organisationId !== programme.organiserOrganisationId;
    const reviews = await this.repository.reviewsOfApplication(application.id);
    const own = reviews.find((r) => r.assignmentId === assignment.id) ?? null;
    return {
      assignment: assignmentView(assignment, this.clock.now()),
      applicationId: application.id,
      answers: application.answers,
      blind,
      startup: {
        name: blind ? null : startup.name,
        nameLatin: blind ? null : startup.nameLatin,
        registrationNumber: blind ? null : startup.registrationNumber,
        contact: blind ? null : { ...startup.contact },
        team: blind ? null : startup.team.map((m) => ({ ...m })),
        country: startup.country,
        technologyFields: startup.technologyFields,
        trl: startup.trl,
        description: startup.description,
      },
      rubric: { criteria: programme.rubricCriteria, scaleMin: programme.scoreScaleMin, scaleMax: programme.scoreScaleMax },
      ownReview: own ? reviewView(own) : null,
      otherReviews: own ? reviews.filter((r) => r !== own).map(reviewView) : [],
    };
  }

  /** Every review of an application, for the programme's managers and partners. */
  async reviewsOfApplication(principal: AuthenticatedPrincipal, applicationId: string): Promise<ReviewResponse[]> {
    const application = await this.applications.findById(applicationId);
    const programme = application && (await this.programmes.findById(application.programmeId));
    if (!application || !programme || !isProgrammeInsider(principal, programme) || principal.role === 'reviewer') {
      throw new ReviewError(ReviewErrorCode.ApplicationNotFound, `Application ${applicationId} not found`);
    }
    return (await this.repository.reviewsOfApplication(applicationId)).map(reviewView);
  }

  async submit(principal: AuthenticatedPrincipal, assignmentId: string, dto: SubmitReviewDto): Promise<ReviewResponse> {
    return this.complete(principal, assignmentId, (programme) => {
      const criteria = programme.rubricCriteria;
      const problems: string[] = [];
      const keys = dto.scores.map((s) => s.criterion);
      for (const c of criteria) if (!keys.includes(c.key)) problems.push(`missing a score for ${c.key}`);
      for (const k of keys) if (!criteria.some((c) => c.key === k)) problems.push(`${k} is not a criterion of this rubric`);
      if (new Set(keys).size !== keys.length) problems.push('a criterion is scored twice');
      for (const s of dto.scores) {
        if (s.score < programme.scoreScaleMin || s.score > programme.scoreScaleMax) {
          problems.push(`${s.criterion}: ${s.score} is outside the scale ${programme.scoreScaleMin}–${programme.scoreScaleMax}`);
        }
      }
      if (problems.length > 0) {
        // The same findings, structured, so the detail can be put into the reader's language.
        const findings = {
          missing: criteria.filter((c) => !keys.includes(c.key)).map((c) => c.key),
          unknown: keys.filter((k) => !criteria.some((c) => c.key === k)),
          repeated: new Set(keys).size !== keys.length,
          outsideScale: dto.scores.filter((s) => s.score < programme.scoreScaleMin || s.score > programme.scoreScaleMax).map((s) => s.criterion),
          scale: { min: programme.scoreScaleMin, max: programme.scoreScaleMax },
        };
        throw new ReviewError(ReviewErrorCode.InvalidScores, `Invalid scores: ${problems.join('; ')}`, { problems, ...findings });
      }
      const scores = dto.scores.map((s) => ({ criterion: s.criterion, score: s.score, ...(s.comment ? { comment: s.comment } : {}) }));
      return { abstained: false, scores, weightedScore: weightedScore(criteria, scores), comment: dto.comment ?? null, abstainReason: null };
    });
  }

  async abstain(principal: AuthenticatedPrincipal, assignmentId: string, dto: AbstainDto): Promise<ReviewResponse> {
    return this.complete(principal, assignmentId, () => ({ abstained: true, scores: [], weightedScore: null, comment: null, abstainReason: dto.reason }));
  }

  /** Declares a conflict; the reviewer's open assignments on that startup end (recused). */
  async declareConflict(principal: AuthenticatedPrincipal, dto: DeclareConflictDto): Promise<{ recusedAssignmentIds: string[] }> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.startups.findById(dto.startupId, tx))) throw new ReviewError(ReviewErrorCode.ApplicationNotFound, `Startup ${dto.startupId} not found`, { subject: 'startup' });
      // An application the reviewer may not see (another startup's, another organisation's, none)
      // answers exactly like an unknown id: no oracle of which ids exist or whose they are.
      if (dto.applicationId && !(await this.mayNameApplication(tx, principal, dto.applicationId, dto.startupId))) {
        throw new ReviewError(ReviewErrorCode.ApplicationNotFound, `Application ${dto.applicationId} of startup ${dto.startupId} not found`);
      }
      await this.repository.insertConflict(tx, { reviewerPrincipalId: principal.principalId, startupId: dto.startupId, applicationId: dto.applicationId ?? null, reason: dto.reason ?? null });
      const recusedAssignmentIds = await this.repository.recuseForConflict(tx, principal.principalId, dto.startupId, dto.applicationId ?? null);
      return { recusedAssignmentIds };
    });
  }

  private async complete(
    principal: AuthenticatedPrincipal,
    assignmentId: string,
    build: (programme: Programme) => { abstained: boolean; scores: { criterion: string; score: number; comment?: string }[]; weightedScore: number | null; comment: string | null; abstainReason: string | null },
  ): Promise<ReviewResponse> {
    return this.dataSource.transaction(async (tx) => {
      const assignment = await this.ownAssignment(principal, assignmentId, tx);
      const programme = (await this.programmes.findById(assignment.programmeId, tx))!;
      const application = (await this.applications.findById(assignment.applicationId, tx))!;
      if (application.state !== 'under_review') {
        throw new ReviewError(ReviewErrorCode.NotReviewable, `The application is ${application.state}: reviews are closed`, { currentState: application.state });
      }
      const content = build(programme);
      const to = content.abstained ? 'abstained' : 'submitted';
      if (!(await this.repository.changeAssignmentState(tx, assignment.id, { version: assignment.version, from: ['assigned'] }, to))) {
        const current = await this.repository.findAssignment(assignment.id, tx);
        throw new ReviewError(ReviewErrorCode.IllegalAssignmentState, `This assignment is ${current?.state}: it takes no (further) review`, { currentState: current?.state, action: 'review' });
      }
      const review = await this.repository.insertReview(tx, {
        assignmentId: assignment.id,
        applicationId: application.id,
        programmeId: programme.id,
        reviewerPrincipalId: principal.principalId,
        ...content,
      });
      await this.scores.rescore(tx, programme, application.id);
      const updated = (await this.applications.findById(application.id, tx))!;
      await this.outbox.add(tx, {
        type: 'application.review_submitted',
        data: {
          applicationId: application.id,
          startupId: application.startupId,
          programme: programmeRef(programme),
          assignmentId: assignment.id,
          reviewerId: principal.principalId,
          abstained: content.abstained,
          reviewsDone: updated.reviewsCompleted,
          reviewsRequired: programme.reviewsRequired,
        },
      });
      return reviewView(review);
    });
  }

  /**
   * A reviewer names an application of the startup that it is (or was) assigned to, or of a
   * programme its organisation organises or partners in. A startup's public profile is open to
   * every organisation, so any registered startup may be named on its own.
   */
  private async mayNameApplication(tx: EntityManager, principal: AuthenticatedPrincipal, applicationId: string, startupId: string): Promise<boolean> {
    const application = await this.applications.findById(applicationId, tx);
    if (!application || application.startupId !== startupId.toLowerCase()) return false;
    const programme = await this.programmes.findById(application.programmeId, tx);
    if (programme && isProgrammeInsider(principal, programme)) return true;
    return (await this.repository.assignmentsOfApplication(applicationId, tx)).some((a) => a.reviewerPrincipalId === principal.principalId);
  }

  private async ownAssignment(principal: AuthenticatedPrincipal, id: string, tx?: EntityManager): Promise<ReviewAssignment> {
    const assignment = await this.repository.findAssignment(id, tx);
    if (!assignment || assignment.reviewerPrincipalId !== principal.principalId) throw new ReviewError(ReviewErrorCode.AssignmentNotFound, `Assignment ${id} not found`);
    return assignment;
  }
}
