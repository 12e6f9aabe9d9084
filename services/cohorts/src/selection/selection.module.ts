import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PitchDaysModule } from '../pitch-days/pitch-days.module';
import { SelectionController } from './selection.controller';
import { SelectionService } from './selection.service';

@Module({ imports: [MembersModule, PitchDaysModule], controllers: [SelectionController], providers: [SelectionService] })
export class SelectionModule {}
