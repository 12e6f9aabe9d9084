import { Injectable } from '@nestjs/common';
import { Topics } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { CandidatesService } from '../candidates/candidates.service';

/** What the cohorts service reads from the pilots topic: completed pilots (their startups become candidates). */
@Injectable()
export class PilotsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [Topics.pilots];

  constructor(private readonly candidates: CandidatesService) {}

  readonly handlers: EventHandlers = {
    'pilot.completed': (event, tx) => this.candidates.applyPilotCompleted(tx, event.data),
  };
}
