import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { StartupsModule } from '../startups/startups.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [ApplicationsModule, ProgrammesModule, StartupsModule],
  controllers: [DecisionsController],
  providers: [DecisionsService, DecisionsRepository],
})
export class DecisionsModule {}
