import { Module } from '@nestjs/common';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { MembersRepository } from './members.repository';

/** The cohort and member tables, shared by the cohorts, selection and offers capabilities. */
@Module({ providers: [CohortsRepository, MembersRepository], exports: [CohortsRepository, MembersRepository] })
export class MembersModule {}
