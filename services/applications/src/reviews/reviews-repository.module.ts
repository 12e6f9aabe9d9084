import { Module } from '@nestjs/common';
import { ReviewsRepository } from './reviews.repository';

/**
 * The reviews capability's tables, on their own so the applications capability (which the reviews
 * module imports) can end a withdrawn application's assignments through this repository.
 */
@Module({ providers: [ReviewsRepository], exports: [ReviewsRepository] })
export class ReviewsRepositoryModule {}
