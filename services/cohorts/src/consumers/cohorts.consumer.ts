import { Injectable } from '@nestjs/common';
import { Topics } from '@exchange/contracts';
import { projectProgramme } from '@exchange/data';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { CandidatesService } from '../candidates/candidates.service';

/**
 * What the cohorts service consumes: programmes as they are published and closed (what a cohort may
 * belong to, who organises it, who partners), accepted applications and completed pilots. The consumer writes the inbox row and the handler's effect in
 * one transaction (a replayed event is skipped), and the effects are idempotent upserts besides.
 */
@Injectable()
export class CohortsEventHandlers implements ServiceEventHandlers {
  readonly topics = [Topics.applications, Topics.pilots];

  constructor(private readonly candidates: CandidatesService) {}

  readonly handlers: EventHandlers = {
    'programme.published': (event, tx) => projectProgramme(tx, 'cohorts', event.data.programme, 'published', event.data.publishedAt),
    'programme.closed': (event, tx) => projectProgramme(tx, 'cohorts', event.data.programme, 'closed', event.data.closedAt),
    'application.accepted': (event, tx) => this.candidates.applyApplicationAccepted(tx, event.data),
    'pilot.completed': (event, tx) => this.candidates.applyPilotCompleted(tx, event.data),
  };
}
