import { Global, Module } from '@nestjs/common';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';

/** Global so the event consumer (provided inside MessagingModule) can reach the matching service. */
@Global()
@Module({ providers: [MatchingRepository, MatchingService], exports: [MatchingService] })
export class MatchingModule {}
