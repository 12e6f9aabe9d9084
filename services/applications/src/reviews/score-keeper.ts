import { Injectable } from '@nestjs/common';
import type { Programme } from '@exchange/data';
import type { EntityManager } from 'typeorm';
import { ReviewsRepository } from './reviews.repository';
import { scoreApplications } from './scoring';

/**
 * Keeps applications' scores in step with their reviews, inside the transaction that changed a
 * review. With z-score normalisation one review moves its reviewer's mean and spread, so every
 * application of the programme is rescored; an advisory lock per programme serialises rescoring so
 * two reviews committed at once cannot leave a score computed without the other.
 */
@Injectable()
export class ScoreKeeper {
  constructor(private readonly repository: ReviewsRepository) {}

  async rescore(tx: EntityManager, programme: Programme, applicationId: string): Promise<void> {
    await this.repository.lockProgrammeScores(tx, programme.id);
    const whole = programme.normalisation === 'z_score';
    const reviews = await this.repository.countingReviews(tx, programme.id, whole ? undefined : applicationId);
    const scores = scoreApplications(reviews, programme.reviewsRequired, programme.normalisation).map((s) => ({
      applicationId: s.applicationId,
      score: s.score,
      reviews: s.reviews,
      details: { normalisation: programme.normalisation, rawMean: s.rawMean, reviewsRequired: programme.reviewsRequired, perReviewer: s.perReviewer },
    }));
    await this.repository.writeScores(tx, programme.id, scores, whole ? undefined : applicationId);
  }
}
