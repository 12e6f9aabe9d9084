import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { topicOf, type AnyEventEnvelope } from '@exchange/contracts';
import { PostCommitEnqueuer } from '../webhook-sending/post-commit-enqueuer';
import { FanOutRepository, type ProgrammeAudience } from './fan-out.repository';

/** Who may see an event: the programme it belongs to (if any) and the organisations entitled to it. */
interface Audience {
  programmeId: string | null;
  organisationIds: string[];
  /** Set when the event itself says who runs the programme (application events). */
  programme?: ProgrammeAudience;
}

/** The programme an event belongs to, from its `programme` ref or its `programmeId`. */
function programmeIdOf(event: AnyEventEnvelope): string | null {
  const data = event.data as { programme?: { id: string }; programmeId?: string };
  return data.programme?.id ?? data.programmeId ?? null;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Fan-out of a consumed event, inside the consumer's transaction (with its inbox row): the event is
 * recorded with the organisations allowed to see it, one delivery is created per matching endpoint of
 * those organisations, and the jobs are enqueued once the transaction has committed.
 */
@Injectable()
export class FanOutService {
  constructor(
    private readonly repository: FanOutRepository,
    private readonly enqueuer: PostCommitEnqueuer,
  ) {}

  async fanOut(event: AnyEventEnvelope, tx: EntityManager): Promise<string[]> {
    const programmeId = programmeIdOf(event);
    if (programmeId) await this.repository.lockProgramme(tx, programmeId);
    const audience = await this.audienceOf(event, tx);
    // With their endpoint: the worker takes the endpoint's slot before reading the database.
    const created: Array<{ deliveryId: string; endpointId: string }> = [];
    if (audience.programme && (await this.repository.upsertProgramme(tx, audience.programme))) {
      // Pilot and cohort events that came before the programme was known were kept without an
      // audience: they are delivered now.
      for (const waiting of await this.repository.resolveWaitingEvents(tx, audience.programme.id, audience.organisationIds)) {
        created.push(...(await this.repository.createDeliveries(tx, waiting, audience.organisationIds)));
      }
    }
    const data = event.data as unknown as Record<string, unknown>;
    // Idempotent: the event is recorded once, and a delivery that exists for (endpoint, event) is not created again.
    created.push(
      ...(await this.repository.recordWithDeliveries(tx, {
        id: event.id,
        type: event.type,
        source: event.source,
        subject: event.subject,
        topic: topicOf(event.type),
        key: typeof data.startupId === 'string' ? data.startupId : null,
        time: event.time,
        programmeId: audience.programmeId,
        organisationIds: audience.organisationIds,
        data: event.data,
      })),
    );
    await this.enqueuer.afterCommit(tx, created);
    return created.map((d) => d.deliveryId);
  }

  private async audienceOf(event: AnyEventEnvelope, tx: EntityManager): Promise<Audience> {
    if (event.type === 'webhook.endpoint_disabled') {
      // Told to the endpoint's own organisation (its other endpoints subscribed to it).
      return { programmeId: null, organisationIds: [event.data.organisationId] };
    }
    if ('programme' in event.data) {
      const p = event.data.programme;
      const organisationIds = unique([p.organiserOrgId, ...p.partnerOrgIds]);
      return {
        programmeId: p.id,
        organisationIds,
        programme: { id: p.id, kind: p.kind, organiserOrgId: p.organiserOrgId, partnerOrgIds: p.partnerOrgIds, asOf: event.time },
      };
    }
    if ('programmeId' in event.data) {
      const programmeId = event.data.programmeId;
      const organisationIds = await this.repository.programmeOrganisations(tx, programmeId);
      return { programmeId, organisationIds: organisationIds ? unique(organisationIds) : [] };
    }
    // startup.registered / startup.updated belong to no programme: no partner agency receives them.
    return { programmeId: null, organisationIds: [] };
  }
}
