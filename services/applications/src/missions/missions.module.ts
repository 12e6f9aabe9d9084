import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { MissionsController } from './missions.controller';
import { MissionsRepository } from './missions.repository';
import { MissionsService } from './missions.service';

/** Business missions: companies, matchmaking, answers, the meeting schedule and outcomes (issue 18). */
@Module({
  imports: [ProgrammesModule, ApplicationsModule],
  controllers: [MissionsController],
  providers: [MissionsService, MissionsRepository],
})
export class MissionsModule {}
