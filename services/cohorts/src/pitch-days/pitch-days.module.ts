import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PitchDaySelection } from './pitch-day-selection';
import { PitchDaysController, PitchSessionsController } from './pitch-days.controller';
import { PitchDaysRepository } from './pitch-days.repository';
import { PitchDaysService } from './pitch-days.service';

/** Pitch days judged by a jury: sessions, slots, juries and scores; selection ranks by them (PitchDaySelection). */
@Module({
  imports: [MembersModule],
  controllers: [PitchDaysController, PitchSessionsController],
  providers: [PitchDaysRepository, PitchDaysService, PitchDaySelection],
  exports: [PitchDaySelection],
})
export class PitchDaysModule {}
