import { Global, Module } from '@nestjs/common';
import { CandidatesRepository } from './candidates.repository';
import { CandidatesService } from './candidates.service';

// Global: the consumer class lives in MessagingModule and needs the service from there.
@Global()
@Module({ providers: [CandidatesRepository, CandidatesService], exports: [CandidatesService] })
export class CandidatesModule {}
