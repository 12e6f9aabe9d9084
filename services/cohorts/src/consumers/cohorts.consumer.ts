import { Injectable } from '@nestjs/common';
import { Topics } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { CandidatesService } from '../candidates/candidates.service';

/**
 * What the cohorts service consumes. The consumer writes the inbox row and the handler's effect in
 * one transaction (a replayed event is skipped), and the effects are idempotent upserts besides.
 */
@Injectable()
export class CohortsEventHandlers implements ServiceEventHandlers {
  readonly topics = [Topics.applications, Topics.pilots];

  constructor(private readonly candidates: CandidatesService) {}

  readonly handlers: EventHandlers = {
    'application.accepted': (event, tx) => this.candidates.applyApplicationAccepted(tx, event.data),
    'pilot.completed': (event, tx) => this.candidates.applyPilotCompleted(tx, event.data),
  };
}
