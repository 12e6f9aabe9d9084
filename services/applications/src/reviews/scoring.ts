import type { CriterionScore, Normalisation, RubricCriterion } from '@exchange/data';

/**
 * Scores, pure. A review's score is the weighted mean of its criteria on the programme's scale.
 * An application's score, once `reviewsRequired` non-abstaining reviews are in, is:
 *  - `none`:    the mean of its reviews' weighted scores;
 *  - `z_score`: the mean of the reviewers' standardised scores, where each reviewer's weighted scores
 *               across the programme are turned into z = (x − μ_reviewer) / σ_reviewer (population σ;
 *               a reviewer whose scores are all equal, or who scored only once, contributes z = 0), so
 *               a harsh and a lenient reviewer count alike. Scores are then on the z scale (0 = average).
 */

export function weightedScore(criteria: RubricCriterion[], scores: CriterionScore[]): number {
  const byKey = new Map(scores.map((s) => [s.criterion, s.score]));
  let sum = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const score = byKey.get(criterion.key);
    if (score === undefined) throw new Error(`missing score for criterion ${criterion.key}`);
    sum += criterion.weight * score;
    weights += criterion.weight;
  }
  return sum / weights;
}

export interface ScoredReview {
  applicationId: string;
  reviewerId: string;
  weightedScore: number;
}

export interface ApplicationScore {
  applicationId: string;
  /** null until the required number of reviews is in. */
  score: number | null;
  reviews: number;
  rawMean: number;
  perReviewer: { reviewerId: string; weightedScore: number; z?: number }[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function reviewerStats(reviews: ScoredReview[]): Map<string, { mean: number; sd: number }> {
  const byReviewer = new Map<string, number[]>();
  for (const r of reviews) byReviewer.set(r.reviewerId, [...(byReviewer.get(r.reviewerId) ?? []), r.weightedScore]);
  const stats = new Map<string, { mean: number; sd: number }>();
  for (const [reviewerId, values] of byReviewer) {
    const m = mean(values);
    stats.set(reviewerId, { mean: m, sd: Math.sqrt(mean(values.map((v) => (v - m) ** 2))) });
  }
  return stats;
}

/** Scores of every application of a programme from all its (non-abstaining) reviews. */
export function scoreApplications(reviews: ScoredReview[], reviewsRequired: number, normalisation: Normalisation): ApplicationScore[] {
  const stats = normalisation === 'z_score' ? reviewerStats(reviews) : null;
  const byApplication = new Map<string, ScoredReview[]>();
  for (const r of reviews) byApplication.set(r.applicationId, [...(byApplication.get(r.applicationId) ?? []), r]);
  return [...byApplication].map(([applicationId, own]) => {
    const perReviewer = own.map((r) => {
      if (!stats) return { reviewerId: r.reviewerId, weightedScore: r.weightedScore };
      const s = stats.get(r.reviewerId)!;
      return { reviewerId: r.reviewerId, weightedScore: r.weightedScore, z: s.sd === 0 ? 0 : (r.weightedScore - s.mean) / s.sd };
    });
    const rawMean = mean(own.map((r) => r.weightedScore));
    const complete = own.length >= reviewsRequired;
    const score = !complete ? null : stats ? mean(perReviewer.map((p) => p.z ?? 0)) : rawMean;
    return { applicationId, score, reviews: own.length, rawMean, perReviewer };
  });
}
