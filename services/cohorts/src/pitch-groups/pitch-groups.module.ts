import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PitchGroupsController } from './pitch-groups.controller';
import { PitchGroupsRepository } from './pitch-groups.repository';
import { PitchGroupsService } from './pitch-groups.service';

/** Pitch sessions of a cohort's candidates, and the candidates a cohort selects from. */
@Module({ imports: [MembersModule], controllers: [PitchGroupsController], providers: [PitchGroupsRepository, PitchGroupsService] })
export class PitchGroupsModule {}
