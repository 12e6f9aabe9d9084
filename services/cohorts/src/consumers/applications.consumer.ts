import { Injectable } from '@nestjs/common';
import { Topics } from '@exchange/contracts';
import { projectProgramme } from '@exchange/data';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { CandidatesService } from '../candidates/candidates.service';

/**
 * What the cohorts service reads from the applications topic: programmes as they are published and
 * closed (what a cohort may belong to, who organises it, who partners) and accepted applications
 * (candidates). The effects are idempotent upserts, besides the inbox skipping a replayed event.
 */
@Injectable()
export class ApplicationsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [Topics.applications];

  constructor(private readonly candidates: CandidatesService) {}

  readonly handlers: EventHandlers = {
    'programme.published': (event, tx) => projectProgramme(tx, 'cohorts', event.data.programme, 'published', event.data.publishedAt),
    'programme.closed': (event, tx) => projectProgramme(tx, 'cohorts', event.data.programme, 'closed', event.data.closedAt),
    'application.accepted': (event, tx) => this.candidates.applyApplicationAccepted(tx, event.data),
  };
}
