import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@exchange/contracts';
import type { SqlExecutor } from '@exchange/data';
import type { EntityManager } from 'typeorm';
import { ExchangeFactsRepository } from './exchange-facts.repository';

/**
 * Turns the events the reciprocity report counts into exchange facts: other services' events inside
 * the consumer's inbox transaction, this service's own in the transaction that writes them. Each fact keeps what the event itself says (startup, programme, the time it
 * happened); who organises the programme and where the startup is from are resolved by the report.
 * Pilot and cohort events name their programme as `programmeId` (also in their earlier shape); a
 * pitch day names its cohort's. Mission meetings name their mission and the agreement it runs under.
 */
@Injectable()
export class ExchangeFactsRecorder {
  constructor(private readonly facts: ExchangeFactsRepository) {}

  applicationSubmitted(event: EventEnvelope<'application.submitted'>, tx: SqlExecutor): Promise<void> {
    const { applicationId, startupId, programme } = event.data;
    return this.facts.record(tx, { eventId: event.id, kind: 'application_submitted', startupId, programmeId: programme.id, subjectId: applicationId, occurredAt: event.time });
  }

  applicationAccepted(event: EventEnvelope<'application.accepted'>, tx: SqlExecutor): Promise<void> {
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

  /**
   * One fact per startup that pitched (every result but an absence; a pitch scored by too few jurors
   * was still made), selected when the jury's ranking gave it an offer. The ordinal is the result's
   * place in the event (groups in order), which a replay of the same event repeats. The facts keep the
   * agreement the pitch day named (null when it named none, as in events of the earlier shape): the
   * report then counts them only under that agreement (see countsByDirection).
   */
  async pitchDayResults(event: EventEnvelope<'pitch_day.results_published'>, tx: EntityManager): Promise<void> {
    const { pitchDayId, programmeId, groups } = event.data;
    const agreementId = event.data.agreementId?.toLowerCase() ?? null;
    const results = groups.flatMap((g) => g.results);
    for (const [ordinal, result] of results.entries()) {
      if (result.notScoredReason === 'absent') continue;
      await this.facts.record(tx, {
        eventId: event.id,
        ordinal,
        kind: 'pitched',
        startupId: result.startupId,
        programmeId,
        subjectId: pitchDayId,
        occurredAt: event.time,
        selected: result.placement === 'offer',
        agreementId,
      });
    }
  }

  /**
   * A meeting whose outcome was recorded took place, whatever came of it. Its fact keeps the
   * delegation's company (the report's sender side) and the agreement the event named, if any.
   */
  missionMeetingOutcome(event: EventEnvelope<'mission.meeting_outcome_recorded'>, tx: SqlExecutor): Promise<void> {
    const { mission, meetingId, delegation, outcome } = event.data;
    // The contract lets either id be null; a company is exactly one of them (a startup first, as the participants table keeps it).
    const company = delegation.startupId ? { startupId: delegation.startupId } : delegation.organisationId ? { organisationId: delegation.organisationId } : null;
    if (!company) return Promise.resolve();
    return this.facts.recordMissionMeeting(tx, {
      eventId: event.id,
      meetingId,
      missionId: mission.id,
      agreementId: mission.agreementId ?? null,
      company,
      outcome,
      occurredAt: event.time,
    });
  }

  /** Only a member who graduated counts; `graduated: false` closes a membership without a graduate. */
  async graduation(event: EventEnvelope<'cohort.graduated'>, tx: EntityManager): Promise<void> {
    const { cohortId, startupId, programmeId, graduated } = event.data;
    if (!graduated) return;
    await this.facts.record(tx, { eventId: event.id, kind: 'graduated', startupId, programmeId, subjectId: cohortId, occurredAt: event.time });
  }
}
