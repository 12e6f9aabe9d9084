import { Injectable } from '@nestjs/common';
import { Topics } from '@exchange/contracts';
import { projectProgramme } from '@exchange/data';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { CandidatesService } from '../candidates/candidates.service';
import { CertificationIssuers } from '../candidates/certification-issuers';

/**
 * What the cohorts service reads from the applications topic: programmes as they are published and
 * closed (what a cohort may belong to, who organises it, who partners), accepted applications
 * (candidates) and startups' certifications (their issuers: a pitch-day juror of an issuing
 * organisation has a conflict of interest with the startup). The effects are idempotent upserts,
 * besides the inbox skipping a replayed event.
 */
@Injectable()
export class ApplicationsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [Topics.applications];

  constructor(
    private readonly candidates: CandidatesService,
    private readonly certifications: CertificationIssuers,
  ) {}

  readonly handlers: EventHandlers = {
    'programme.published': (event, tx) => projectProgramme(tx, 'cohorts', event.data.programme, 'published', event.data.publishedAt),
    'programme.closed': (event, tx) => projectProgramme(tx, 'cohorts', event.data.programme, 'closed', event.data.closedAt),
    'application.accepted': (event, tx) => this.candidates.applyApplicationAccepted(tx, event.data),
    'certification.issued': (event, tx) => this.certifications.issued(tx, event.data),
    'certification.renewed': (event, tx) => this.certifications.renewed(tx, event.data),
    'certification.revoked': (event, tx) => this.certifications.revoked(tx, event.data),
  };
}
