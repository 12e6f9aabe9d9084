import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { StartupsModule } from '../startups/startups.module';
import { AssignmentsService } from './assignments.service';
import { OverdueSweeper } from './overdue-sweeper';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepositoryModule } from './reviews-repository.module';
import { ReviewsService } from './reviews.service';
import { ScoreKeeper } from './score-keeper';

@Module({
  imports: [ApplicationsModule, ProgrammesModule, ReviewsRepositoryModule, StartupsModule],
  controllers: [ReviewsController],
  providers: [AssignmentsService, ReviewsService, ScoreKeeper, OverdueSweeper],
  exports: [OverdueSweeper],
})
export class ReviewsModule {}
