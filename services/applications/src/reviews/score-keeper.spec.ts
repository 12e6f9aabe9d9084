import type { Programme } from '@exchange/data';
import type { EntityManager } from 'typeorm';
import type { ReviewsRepository } from './reviews.repository';
import { ScoreKeeper } from './score-keeper';
import type { ScoredReview } from './scoring';

const tx = {} as EntityManager;

/** A ReviewsRepository that answers `reviews` and records what the keeper asked of it, in order. */
function fakeRepository(reviews: ScoredReview[]) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const repository = {
    lockProgrammeScores: async (...args: unknown[]) => void calls.push({ method: 'lock', args: args.slice(1) }),
    countingReviews: async (...args: unknown[]) => {
      calls.push({ method: 'read', args: args.slice(1) });
      const only = args[2] as string | undefined;
      return reviews.filter((r) => only === undefined || r.applicationId === only);
    },
    writeScores: async (...args: unknown[]) => void calls.push({ method: 'write', args: args.slice(1) }),
  };
  return { repository: repository as unknown as ReviewsRepository, calls };
}

const programme = (normalisation: Programme['normalisation'], reviewsRequired = 2) => ({ id: 'p1', normalisation, reviewsRequired }) as Programme;

const reviews: ScoredReview[] = [
  { applicationId: 'a1', reviewerId: 'harsh', weightedScore: 2 },
  { applicationId: 'a1', reviewerId: 'lenient', weightedScore: 8 },
  { applicationId: 'a2', reviewerId: 'harsh', weightedScore: 4 },
  { applicationId: 'a2', reviewerId: 'lenient', weightedScore: 10 },
];

describe('ScoreKeeper', () => {
  it('takes the programme lock before it reads any review', async () => {
    const { repository, calls } = fakeRepository(reviews);
    await new ScoreKeeper(repository).rescore(tx, programme('none'), 'a1');
    expect(calls.map((c) => c.method)).toEqual(['lock', 'read', 'write']);
    expect(calls[0].args).toEqual(['p1']);
  });

  it('without normalisation rescores only the reviewed application, with the mean of its reviews', async () => {
    const { repository, calls } = fakeRepository(reviews);
    await new ScoreKeeper(repository).rescore(tx, programme('none'), 'a1');
    expect(calls[1].args).toEqual(['p1', 'a1']);
    const [programmeId, scores, only] = calls[2].args as [string, Array<{ applicationId: string; score: number | null; reviews: number; details: Record<string, unknown> }>, string];
    expect(programmeId).toBe('p1');
    expect(only).toBe('a1');
    expect(scores).toHaveLength(1);
    expect(scores[0]).toMatchObject({ applicationId: 'a1', score: 5, reviews: 2, details: { normalisation: 'none', rawMean: 5, reviewsRequired: 2 } });
  });

  it('with z-score normalisation rescores every application of the programme', async () => {
    const { repository, calls } = fakeRepository(reviews);
    await new ScoreKeeper(repository).rescore(tx, programme('z_score'), 'a1');
    expect(calls[1].args).toEqual(['p1', undefined]);
    const [, scores, only] = calls[2].args as [string, Array<{ applicationId: string; score: number | null }>, string | undefined];
    expect(only).toBeUndefined();
    // Each reviewer scored a2 one standard deviation above their own mean, a1 one below.
    expect(scores.map((s) => [s.applicationId, s.score])).toEqual([
      ['a1', -1],
      ['a2', 1],
    ]);
  });

  it('writes no score while fewer reviews than required are in', async () => {
    const { repository, calls } = fakeRepository(reviews.slice(0, 1));
    await new ScoreKeeper(repository).rescore(tx, programme('none', 2), 'a1');
    const [, scores] = calls[2].args as [string, Array<{ score: number | null; reviews: number }>];
    expect(scores).toEqual([expect.objectContaining({ score: null, reviews: 1 })]);
  });
});
