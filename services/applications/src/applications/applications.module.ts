import { Module } from '@nestjs/common';
import { CertificationsRepositoryModule } from '../certifications/certifications-repository.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ReviewsRepositoryModule } from '../reviews/reviews-repository.module';
import { StartupsModule } from '../startups/startups.module';
import { ApplicationLifecycle } from './application-lifecycle';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [ProgrammesModule, ReviewsRepositoryModule, StartupsModule, CertificationsRepositoryModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationsRepository, ApplicationLifecycle],
  exports: [ApplicationsRepository, ApplicationLifecycle],
})
export class ApplicationsModule {}
