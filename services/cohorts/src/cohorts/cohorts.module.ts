import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { CohortsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';

@Module({ imports: [MembersModule], controllers: [CohortsController], providers: [CohortsService] })
export class CohortsModule {}
