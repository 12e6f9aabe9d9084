import { Global, Module } from '@nestjs/common';
import { CandidatesRepository } from './candidates.repository';
import { CandidatesService } from './candidates.service';
import { CertificationIssuers } from './certification-issuers';

// Global: the consumer class lives in MessagingModule and needs the service from there.
@Global()
@Module({ providers: [CandidatesRepository, CandidatesService, CertificationIssuers], exports: [CandidatesService, CertificationIssuers] })
export class CandidatesModule {}
