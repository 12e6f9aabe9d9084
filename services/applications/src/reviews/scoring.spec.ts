import { scoreApplications, weightedScore, type ScoredReview } from './scoring';

const rubric = [
  { key: 'innovation', label: 'Innovation', weight: 2 },
  { key: 'market', label: 'Market', weight: 1 },
  { key: 'team', label: 'Team', weight: 1 },
];

// A lenient (R1), a harsh (R2) and a middle (R3) reviewer, each scoring A, B and C.
const reviews: ScoredReview[] = [
  { applicationId: 'A', reviewerId: 'R1', weightedScore: 9 },
  { applicationId: 'B', reviewerId: 'R1', weightedScore: 8 },
  { applicationId: 'C', reviewerId: 'R1', weightedScore: 10 },
  { applicationId: 'A', reviewerId: 'R2', weightedScore: 3 },
  { applicationId: 'B', reviewerId: 'R2', weightedScore: 5 },
  { applicationId: 'C', reviewerId: 'R2', weightedScore: 4 },
  { applicationId: 'A', reviewerId: 'R3', weightedScore: 6 },
  { applicationId: 'B', reviewerId: 'R3', weightedScore: 7 },
  { applicationId: 'C', reviewerId: 'R3', weightedScore: 5 },
];

const byId = (scores: ReturnType<typeof scoreApplications>) => Object.fromEntries(scores.map((s) => [s.applicationId, s]));

describe('scoring', () => {
  it('weights criteria: (2·10 + 8 + 8) / 4 = 9', () => {
    expect(weightedScore(rubric, [
      { criterion: 'innovation', score: 10 },
      { criterion: 'market', score: 8 },
      { criterion: 'team', score: 8 },
    ])).toBe(9);
  });

  it('without normalisation: the mean of the weighted scores', () => {
    const s = byId(scoreApplications(reviews, 3, 'none'));
    expect(s.A.score).toBeCloseTo(6, 10);
    expect(s.B.score).toBeCloseTo(20 / 3, 10);
    expect(s.C.score).toBeCloseTo(19 / 3, 10);
  });

  it('z-score: each reviewer standardised (σ = √(2/3)), then averaged', () => {
    // R1: μ 9, R2: μ 4, R3: μ 6, each σ = √(2/3); a one-point deviation is z = 1/√(2/3) = 1.2247449.
    const s = byId(scoreApplications(reviews, 3, 'z_score'));
    expect(s.A.score).toBeCloseTo(-0.4082483, 6);
    expect(s.B.score).toBeCloseTo(0.4082483, 6);
    expect(s.C.score).toBeCloseTo(0, 10);
    expect(s.A.perReviewer.find((p) => p.reviewerId === 'R2')?.z).toBeCloseTo(-1.2247449, 6);
  });

  it('has no score until the required number of reviews is in', () => {
    const s = byId(scoreApplications(reviews.filter((r) => !(r.applicationId === 'A' && r.reviewerId === 'R3')), 3, 'none'));
    expect(s.A.score).toBeNull();
    expect(s.A.reviews).toBe(2);
    expect(s.B.score).not.toBeNull();
  });

  it('gives z = 0 to a reviewer whose scores are all equal', () => {
    const s = scoreApplications([{ applicationId: 'A', reviewerId: 'R', weightedScore: 7 }], 1, 'z_score');
    expect(s[0].score).toBe(0);
  });
});
