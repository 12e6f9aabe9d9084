import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { getLogger } from '@exchange/platform';
import type { EntityManager } from 'typeorm';
import { ExchangeFactsRecorder } from '../agreements/exchange-facts.recorder';
import { AlumniRecorder } from '../alumni/alumni-recorder';
import { StartupRelationsRepository } from '../relations/startup-relations.repository';

const logger = getLogger({ component: 'cohorts-consumer' });

/**
 * What the applications service reads from the cohorts topic: graduations (alumni fast track) and
 * accepted cohort places (the programme's organiser then sees the startup's full profile), both also
 * counted by the reciprocity report, and pitch day results (counted by the report only). Every other
 * cohort event is skipped by the consumer.
 */
@Injectable()
export class CohortsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [Topics.cohorts];
  readonly handlers: EventHandlers;

  constructor(
    private readonly relations: StartupRelationsRepository,
    private readonly alumni: AlumniRecorder,
    facts: ExchangeFactsRecorder,
  ) {
    // Both are also facts of the reciprocity report: a graduate, a cohort place taken.
    this.handlers = {
      'cohort.graduated': async (event, tx) => {
        await this.alumni.recordGraduation(event, tx);
        await facts.graduation(event, tx);
      },
      'cohort.offer_accepted': async (event, tx) => {
        await this.onOfferAccepted(event, tx);
        await facts.cohortPlace(event, tx);
      },
      // Who pitched at a pitch day and who the jury selected: facts of the reciprocity report only.
      'pitch_day.results_published': (event, tx) => facts.pitchDayResults(event, tx),
    };
  }

  /**
   * The startup joined a cohort. The event names the cohort's programme, not its organiser; a cohort
   * belongs to an accelerator programme its organiser runs (the cohorts service checks that), and
   * programmes are this service's own, so the programme's organiser is the cohort's organisation.
   */
  private async onOfferAccepted(event: EventEnvelope<'cohort.offer_accepted'>, tx: EntityManager): Promise<void> {
    const { startupId, programmeId, cohortId } = event.data;
    const organiser = await this.relations.programmeOrganiser(tx, programmeId);
    const outcome = organiser
      ? await this.relations.record(tx, { startupId, organisationId: organiser, kind: 'cohort', since: event.time, subjectId: cohortId, sourceEventId: event.id })
      : 'unknown';
    // Nothing to attach the relation to here: not an error worth retrying or dead-lettering.
    if (outcome === 'unknown') logger.warn({ eventId: event.id, startupId, programmeId }, 'cohort place of an unknown startup or programme ignored');
  }
}
