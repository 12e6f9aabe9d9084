import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { getLogger } from '@exchange/platform';
import type { EntityManager } from 'typeorm';
import { ExchangeFactsRecorder } from '../agreements/exchange-facts.recorder';
import { StartupRelationsRepository } from '../relations/startup-relations.repository';

const logger = getLogger({ component: 'pilots-consumer' });

/** The pilot events that show a startup pilots at a site of the host organisation they name. */
type PilotUnderWay = EventEnvelope<'pilot.approved' | 'pilot.scheduled' | 'pilot.started' | 'pilot.completed'>;

/**
 * What the applications service reads from the pilots topic: a startup pilots at a host's site, so
 * the host organisation's staff see its full profile. `pilot.approved` makes the relation; the later
 * events of the pilot name the same host and count too, so a pilot whose approval was never seen
 * here (before this consumer existed, or beyond the topic's retention) still does. Proposals,
 * declines, cancellations and reminders are skipped by the consumer.
 */
@Injectable()
export class PilotsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [Topics.pilots];
  readonly handlers: EventHandlers;

  constructor(
    private readonly relations: StartupRelationsRepository,
    facts: ExchangeFactsRecorder,
  ) {
    const record = (event: PilotUnderWay, tx: EntityManager) => this.recordHost(event, tx);
    this.handlers = {
      'pilot.approved': record,
      'pilot.scheduled': record,
      // Started and completed pilots are also facts of the reciprocity report.
      'pilot.started': async (event, tx) => {
        await record(event, tx);
        await facts.pilotStarted(event, tx);
      },
      'pilot.completed': async (event, tx) => {
        await record(event, tx);
        await facts.pilotCompleted(event, tx);
      },
    };
  }

  private async recordHost(event: PilotUnderWay, tx: EntityManager): Promise<void> {
    const { startupId, hostOrgId, pilotId } = event.data;
    const outcome = await this.relations.record(tx, { startupId, organisationId: hostOrgId, kind: 'pilot', since: event.time, subjectId: pilotId, sourceEventId: event.id });
    // Nothing to attach the relation to here: not an error worth retrying or dead-lettering.
    if (outcome === 'unknown') logger.warn({ eventId: event.id, type: event.type, startupId, hostOrgId }, 'pilot of an unknown startup or host ignored');
  }
}
