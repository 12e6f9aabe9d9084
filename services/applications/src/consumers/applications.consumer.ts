import { Injectable } from '@nestjs/common';
import { Topics } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { ExchangeFactsRecorder } from '../agreements/exchange-facts.recorder';

/**
 * What the applications service reads back from its own topic: submissions, acceptances and business
 * mission meeting outcomes, as facts of the reciprocity report. Counting the events as they were published (not the current rows) keeps
 * the report's numbers those every other service and partner saw. Every other type is skipped.
 */
@Injectable()
export class ApplicationsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [Topics.applications];
  readonly handlers: EventHandlers;

  constructor(facts: ExchangeFactsRecorder) {
    this.handlers = {
      'application.submitted': (event, tx) => facts.applicationSubmitted(event, tx),
      'application.accepted': (event, tx) => facts.applicationAccepted(event, tx),
      // A business mission's meeting that took place, for the report of the agreement the mission runs under.
      'mission.meeting_outcome_recorded': (event, tx) => facts.missionMeetingOutcome(event, tx),
    };
  }
}
