import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@exchange/contracts';
import type { EntityManager } from 'typeorm';
import { ExchangeFactsRepository } from './exchange-facts.repository';

/**
 * Turns the consumed events the reciprocity report counts into exchange facts, inside the consumer's
 * inbox transaction. Each fact keeps what the event itself says (startup, programme, the time it
 * happened); who organises the programme and where the startup is from are resolved by the report.
 * Pilot and cohort events name their programme as `programmeId` (also in their earlier shape).
 */
@Injectable()
export class ExchangeFactsRecorder {
  constructor(private readonly facts: ExchangeFactsRepository) {}

  applicationSubmitted(event: EventEnvelope<'application.submitted'>, tx: EntityManager): Promise<void> {
    const { applicationId, startupId, programme } = event.data;
    return this.facts.record(tx, { eventId: event.id, kind: 'application_submitted', startupId, programmeId: programme.id, subjectId: applicationId, occurredAt: event.time });
  }

  applicationAccepted(event: EventEnvelope<'application.accepted'>, tx: EntityManager): Promise<void> {
    const { applicationId, startupId, programme } = event.data;
    return this.facts.record(tx, { eventId: event.id, kind: 'application_accepted', startupId, programmeId: programme.id, subjectId: applicationId, occurredAt: event.time });
  }

  pilotStarted(event: EventEnvelope<'pilot.started'>, tx: EntityManager): Promise<void> {
    const { pilotId, startupId, programmeId } = event.data;
    return this.facts.record(tx, { eventId: event.id, kind: 'pilot_started', startupId, programmeId, subjectId: pilotId, occurredAt: event.time });
  }

  pilotCompleted(event: EventEnvelope<'pilot.completed'>, tx: EntityManager): Promise<void> {
    const { pilotId, startupId, programmeId, adoption, contractValue } = event.data;
    return this.facts.record(tx, { eventId: event.id, kind: 'pilot_completed', startupId, programmeId, subjectId: pilotId, occurredAt: event.time, adoption, contractValue });
  }

  /** An accepted offer is a cohort place taken. */
  cohortPlace(event: EventEnvelope<'cohort.offer_accepted'>, tx: EntityManager): Promise<void> {
    const { cohortId, startupId, programmeId } = event.data;
    return this.facts.record(tx, { eventId: event.id, kind: 'cohort_place', startupId, programmeId, subjectId: cohortId, occurredAt: event.time });
  }

  /** Only a member who graduated counts; `graduated: false` closes a membership without a graduate. */
  async graduation(event: EventEnvelope<'cohort.graduated'>, tx: EntityManager): Promise<void> {
    const { cohortId, startupId, programmeId, graduated } = event.data;
    if (!graduated) return;
    await this.facts.record(tx, { eventId: event.id, kind: 'graduated', startupId, programmeId, subjectId: cohortId, occurredAt: event.time });
  }
}
