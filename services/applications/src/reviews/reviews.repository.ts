import { Injectable } from '@nestjs/common';
import { ConflictOfInterest, Review, ReviewAssignment, type ReviewAssignmentState } from '@exchange/data';
import { DataSource, type EntityManager } from 'typeorm';
import type { CREATED_AT_ID, Keyset } from '@exchange/platform';
import type { ScoredReview } from './scoring';

@Injectable()
export class ReviewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  findAssignment(id: string, tx?: EntityManager): Promise<ReviewAssignment | null> {
    return this.manager(tx).getRepository(ReviewAssignment).findOneBy({ id });
  }

  async insertAssignments(tx: EntityManager, rows: Partial<ReviewAssignment>[]): Promise<ReviewAssignment[]> {
    const repo = tx.getRepository(ReviewAssignment);
    return repo.save(rows.map((r) => repo.create(r)));
  }

  /** Moves an assignment from `from` to `to` if it is still at `version`; false when it moved on. */
  async changeAssignmentState(
    tx: EntityManager,
    id: string,
    expected: { version: number; from: ReviewAssignmentState[] },
    to: ReviewAssignmentState,
    recusalReason: string | null = null,
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (
         UPDATE applications.review_assignments
         SET state = $1, version = version + 1, updated_at = now(),
             completed_at = CASE WHEN $1 IN ('submitted', 'abstained') THEN now() ELSE completed_at END,
             recusal_reason = COALESCE($5, recusal_reason)
         WHERE id = $2 AND version = $3 AND state = ANY($4::text[]) RETURNING id
       ) SELECT id FROM changed`,
      [to, id, expected.version, expected.from, recusalReason],
    )) as unknown[];
    return rows.length > 0;
  }

  assignmentsOfApplication(applicationId: string, tx?: EntityManager): Promise<ReviewAssignment[]> {
    return this.manager(tx).getRepository(ReviewAssignment).find({ where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  listForReviewer(
    reviewerId: string,
    filter: { state?: ReviewAssignmentState; programmeId?: string },
    after: Keyset<typeof CREATED_AT_ID> | null,
    limit: number,
  ): Promise<ReviewAssignment[]> {
    const qb = this.dataSource.getRepository(ReviewAssignment).createQueryBuilder('r').where('r.reviewer_principal_id = :reviewerId', { reviewerId });
    if (filter.state) qb.andWhere('r.state = :state', { state: filter.state });
    if (filter.programmeId) qb.andWhere('r.programme_id = :programmeId', { programmeId: filter.programmeId });
    if (after) qb.andWhere("(date_trunc('milliseconds', r.created_at), r.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return qb.orderBy("date_trunc('milliseconds', r.created_at)", 'ASC').addOrderBy('r.id', 'ASC').limit(limit + 1).getMany();
  }

  /** Applications of a programme that can take reviewers, with their active (assigned or submitted) reviewers. */
  async reviewableApplications(
    tx: EntityManager,
    programmeId: string,
  ): Promise<{ applicationId: string; startupId: string; everAssignedIds: string[]; active: number }[]> {
    const rows = (await tx.query(
      `SELECT a.id, a.startup_id,
              COALESCE(array_agg(r.reviewer_principal_id) FILTER (WHERE r.state IN ('assigned', 'submitted')), '{}') AS reviewer_ids,
              COALESCE(array_agg(r.reviewer_principal_id) FILTER (WHERE r.id IS NOT NULL), '{}') AS any_reviewer_ids
       FROM applications.applications a
       LEFT JOIN applications.review_assignments r ON r.application_id = a.id
       WHERE a.programme_id = $1 AND a.state IN ('submitted', 'under_review')
       GROUP BY a.id ORDER BY a.submitted_at, a.id`,
      [programmeId],
    )) as { id: string; startup_id: string; reviewer_ids: string[]; any_reviewer_ids: string[] }[];
    // A reviewer once assigned (even recused) is not assigned again: the pair is unique.
    return rows.map((r) => ({ applicationId: r.id, startupId: r.startup_id, everAssignedIds: r.any_reviewer_ids, active: r.reviewer_ids.length }));
  }

  async activeLoad(tx: EntityManager, programmeId: string, reviewerIds: string[]): Promise<Map<string, number>> {
    const rows = (await tx.query(
      `SELECT reviewer_principal_id AS id, count(*)::int AS n FROM applications.review_assignments
       WHERE programme_id = $1 AND reviewer_principal_id = ANY($2::uuid[]) AND state IN ('assigned', 'submitted') GROUP BY 1`,
      [programmeId, reviewerIds],
    )) as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** Active principals of role reviewer among `ids`, with their organisation. */
  async reviewers(ids: string[], tx?: EntityManager): Promise<{ id: string; organisationId: string | null }[]> {
    const rows = (await this.manager(tx).query(
      `SELECT id, organisation_id FROM identity.principals WHERE id = ANY($1::uuid[]) AND role = 'reviewer' AND state = 'active'`,
      [ids],
    )) as { id: string; organisation_id: string | null }[];
    return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id }));
  }

  async conflictsFor(tx: EntityManager, startupIds: string[]): Promise<{ reviewerId: string; startupId: string; applicationId: string | null }[]> {
    if (startupIds.length === 0) return [];
    const rows = (await tx.query(
      'SELECT reviewer_principal_id, startup_id, application_id FROM applications.conflicts_of_interest WHERE startup_id = ANY($1::uuid[])',
      [startupIds],
    )) as { reviewer_principal_id: string; startup_id: string; application_id: string | null }[];
    return rows.map((r) => ({ reviewerId: r.reviewer_principal_id, startupId: r.startup_id, applicationId: r.application_id }));
  }

  /** Organisations linked to each startup: the issuers of its certifications. */
  async linkedOrganisations(tx: EntityManager, startupIds: string[]): Promise<Map<string, Set<string>>> {
    const map = new Map<string, Set<string>>();
    if (startupIds.length === 0) return map;
    const rows = (await tx.query(
      'SELECT DISTINCT startup_id, issuer_organisation_id FROM applications.certifications WHERE startup_id = ANY($1::uuid[]) AND issuer_organisation_id IS NOT NULL',
      [startupIds],
    )) as { startup_id: string; issuer_organisation_id: string }[];
    for (const r of rows) map.set(r.startup_id, new Set([...(map.get(r.startup_id) ?? []), r.issuer_organisation_id]));
    return map;
  }

  /** The reviewer's open assignments on the startup (or one of its applications) end: recused for a declared conflict. */
  async recuseForConflict(tx: EntityManager, reviewerId: string, startupId: string, applicationId: string | null): Promise<string[]> {
    const rows = (await tx.query(
      `WITH changed AS (
         UPDATE applications.review_assignments r SET state = 'recused', recusal_reason = 'conflict of interest declared', version = r.version + 1, updated_at = now()
         FROM applications.applications a
         WHERE a.id = r.application_id AND a.startup_id = $2 AND ($3::uuid IS NULL OR a.id = $3) AND r.reviewer_principal_id = $1 AND r.state = 'assigned'
         RETURNING r.id
       ) SELECT id FROM changed`,
      [reviewerId, startupId, applicationId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Open assignments of a withdrawn application end with it. */
  async recuseOpenOfWithdrawnApplication(tx: EntityManager, applicationId: string): Promise<void> {
    await tx.query(
      `UPDATE applications.review_assignments SET state = 'recused', recusal_reason = 'application withdrawn', version = version + 1, updated_at = now()
       WHERE application_id = $1 AND state = 'assigned'`,
      [applicationId],
    );
  }

  async insertConflict(tx: EntityManager, values: Partial<ConflictOfInterest>): Promise<void> {
    await tx.query(
      `INSERT INTO applications.conflicts_of_interest (reviewer_principal_id, startup_id, application_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (reviewer_principal_id, startup_id, application_id) DO UPDATE SET reason = EXCLUDED.reason`,
      [values.reviewerPrincipalId, values.startupId, values.applicationId ?? null, values.reason ?? null],
    );
  }

  async insertReview(tx: EntityManager, values: Partial<Review>): Promise<Review> {
    const repo = tx.getRepository(Review);
    return repo.save(repo.create(values));
  }

  reviewsOfApplication(applicationId: string, tx?: EntityManager): Promise<Review[]> {
    return this.manager(tx).getRepository(Review).find({ where: { applicationId }, order: { submittedAt: 'ASC', id: 'ASC' } });
  }

  /** The scores that count: non-abstaining reviews whose assignment was not recused afterwards. */
  async countingReviews(tx: EntityManager, programmeId: string, applicationId?: string): Promise<ScoredReview[]> {
    const rows = (await tx.query(
      `SELECT v.application_id, v.reviewer_principal_id, v.weighted_score FROM applications.reviews v
       JOIN applications.review_assignments r ON r.id = v.assignment_id
       WHERE v.programme_id = $1 AND r.state = 'submitted' AND NOT v.abstained AND ($2::uuid IS NULL OR v.application_id = $2)`,
      [programmeId, applicationId ?? null],
    )) as { application_id: string; reviewer_principal_id: string; weighted_score: number }[];
    return rows.map((r) => ({ applicationId: r.application_id, reviewerId: r.reviewer_principal_id, weightedScore: r.weighted_score }));
  }

  /** Serialises rescoring of one programme until the transaction ends. */
  async lockProgrammeScores(tx: EntityManager, programmeId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('applications:scores:' || $1))`, [programmeId]);
  }

  /** Writes scores and counts; applications without counting reviews are reset. */
  async writeScores(
    tx: EntityManager,
    programmeId: string,
    scores: { applicationId: string; score: number | null; reviews: number; details: unknown }[],
    onlyApplicationId?: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE applications.applications a SET score = s.score, reviews_completed = s.reviews, score_details = s.details, updated_at = now()
       FROM (SELECT * FROM unnest($2::uuid[], $3::float8[], $4::int[], $5::jsonb[]) AS t(id, score, reviews, details)) s
       WHERE a.id = s.id AND a.programme_id = $1
         AND (a.score IS DISTINCT FROM s.score OR a.reviews_completed <> s.reviews OR a.score_details IS DISTINCT FROM s.details)`,
      [programmeId, scores.map((s) => s.applicationId), scores.map((s) => s.score), scores.map((s) => s.reviews), scores.map((s) => JSON.stringify(s.details))],
    );
    const scored = scores.map((s) => s.applicationId);
    await tx.query(
      `UPDATE applications.applications SET score = NULL, reviews_completed = 0, score_details = NULL, updated_at = now()
       WHERE programme_id = $1 AND ($3::uuid IS NULL OR id = $3) AND NOT (id = ANY($2::uuid[])) AND (score IS NOT NULL OR reviews_completed <> 0)`,
      [programmeId, scored, onlyApplicationId ?? null],
    );
  }

  async progress(programmeId: string): Promise<{ applicationId: string; reviewerId: string; state: ReviewAssignmentState; overdue: boolean }[]> {
    const rows = (await this.dataSource.query(
      `SELECT application_id, reviewer_principal_id, state, (state = 'assigned' AND due_at < now()) AS overdue
       FROM applications.review_assignments WHERE programme_id = $1`,
      [programmeId],
    )) as { application_id: string; reviewer_principal_id: string; state: ReviewAssignmentState; overdue: boolean }[];
    return rows.map((r) => ({ applicationId: r.application_id, reviewerId: r.reviewer_principal_id, state: r.state, overdue: r.overdue }));
  }

  /**
   * Claims overdue assignments not yet reported. SKIP LOCKED lets several instances sweep at once:
   * each row is claimed (and its event written) by exactly one of them.
   */
  async claimOverdue(tx: EntityManager, limit: number): Promise<ReviewAssignment[]> {
    const rows = (await tx.query(
      `WITH due AS (
         SELECT id FROM applications.review_assignments
         WHERE state = 'assigned' AND overdue_notified_at IS NULL AND due_at < now()
         ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE applications.review_assignments r SET overdue_notified_at = now() FROM due WHERE r.id = due.id RETURNING r.id
       ) SELECT id FROM claimed`,
      [limit],
    )) as { id: string }[];
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    return tx.getRepository(ReviewAssignment).createQueryBuilder('r').where('r.id = ANY(:ids::uuid[])', { ids }).getMany();
  }

  /** The startup and programme of each claimed assignment, keyed by assignment id. */
  async assignmentSubjects(tx: EntityManager, ids: string[]): Promise<Map<string, { startupId: string; programmeId: string }>> {
    const rows = (await tx.query(
      `SELECT r.id, a.startup_id, r.programme_id FROM applications.review_assignments r
       JOIN applications.applications a ON a.id = r.application_id
       WHERE r.id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; startup_id: string; programme_id: string }[];
    return new Map(rows.map((r) => [r.id, { startupId: r.startup_id, programmeId: r.programme_id }]));
  }
}
