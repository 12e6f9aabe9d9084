import { Injectable } from '@nestjs/common';
import type { WrittenEventHandlers } from '@exchange/messaging';
import { ExchangeFactsRecorder } from './exchange-facts.recorder';

/**
 * The reciprocity report's facts of the applications service's own events (submissions, acceptances,
 * business mission meeting outcomes), recorded in the transaction that writes each event: the fact
 * and the event commit together, as the other services' facts do with their consumed events.
 */
@Injectable()
export class WrittenExchangeFacts implements WrittenEventHandlers {
  readonly handlers: WrittenEventHandlers['handlers'];

  constructor(facts: ExchangeFactsRecorder) {
    this.handlers = {
      'application.submitted': (event, tx) => facts.applicationSubmitted(event, tx),
      'application.accepted': (event, tx) => facts.applicationAccepted(event, tx),
      'mission.meeting_outcome_recorded': (event, tx) => facts.missionMeetingOutcome(event, tx),
    };
  }
}
