import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { organisationAudienceOf, topicOf, type AnyEventEnvelope } from '@exchange/contracts';
import { PostCommitDispatch } from '../webhook-sending/post-commit-dispatch';
import { FanOutRepository, type ProgrammeAudience } from './fan-out.repository';

/** Who may see an event: the programme it belongs to (if any) and the organisations entitled to it. */
interface Audience {
  programmeId: string | null;
  organisationIds: string[];
  /** The programme as its owner announces it (`programme.published`, `programme.closed`). */
  programme?: ProgrammeAudience;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Fan-out of a consumed event, inside the consumer's transaction (with its inbox row): the event is
 * recorded with the organisations allowed to see it and one delivery is created per matching endpoint
 * of those organisations, in one statement; their first attempts start once the transaction has committed.
 *
 * Every programme-scoped event carries its programme (organiser and partners), so its audience is
 * known at once: nothing waits for a programme to become known, and no lock orders fan-outs. The
 * programme projection is kept only for events of the earlier shape (a `programmeId` alone) that
 * may still sit on a v1 topic; `programme.published` and `programme.closed` keep it current.
 */
@Injectable()
export class FanOutService {
  constructor(
    private readonly repository: FanOutRepository,
    private readonly dispatch: PostCommitDispatch,
  ) {}

  async fanOut(event: AnyEventEnvelope, tx: EntityManager): Promise<string[]> {
    // A person's address and language are for mail only: no organisation receives them, so they are
    // not kept with the events (which replays and the delivery log read).
    if (event.type === 'person.registered' || event.type === 'person.updated') return [];
    const audience = await this.audienceOf(event, tx);
    const data = event.data as unknown as Record<string, unknown>;
    // Idempotent: the event is recorded once, and a delivery that exists for (endpoint, event) is not
    // created again. Deliveries come with their endpoint: the worker takes the endpoint's slot first.
    const created = await this.repository.recordWithDeliveries(
      tx,
      {
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
      },
      audience.programme ?? null,
      this.dispatch.leaseUntil(),
    );
    await this.dispatch.afterCommit(tx, created);
    return created.map((d) => d.deliveryId);
  }

  private async audienceOf(event: AnyEventEnvelope, tx: EntityManager): Promise<Audience> {
    const organisations = organisationAudienceOf(event);
    if (organisations) return { programmeId: null, organisationIds: organisations };
    // Open call events carry `programme` only when the call was published in one of its site's programmes.
    const programme = 'programme' in event.data ? event.data.programme : undefined;
    if (programme) {
      const p = programme;
      const audience: Audience = { programmeId: p.id, organisationIds: unique([p.organiserOrgId, ...p.partnerOrgIds]) };
      // Only the owner's announcements refresh the projection: pilot and cohort events copy the
      // programme from their own projection, which may lag, and refreshing it from every application
      // event would write (and lock) the programme's row once per event.
      if (event.type === 'programme.published' || event.type === 'programme.closed') {
        audience.programme = { id: p.id, kind: p.kind, organiserOrgId: p.organiserOrgId, partnerOrgIds: p.partnerOrgIds, asOf: event.time };
        if (event.type === 'programme.published') Object.assign(audience.programme, { name: event.data.name, nameLatin: event.data.nameLatin });
      }
      return audience;
    }
    if ('programmeId' in event.data) {
      // The earlier shape: the projection says who may see it; a programme never seen has no audience.
      const programmeId = event.data.programmeId;
      const organisationIds = await this.repository.programmeOrganisations(tx, programmeId);
      return { programmeId, organisationIds: organisationIds ? unique(organisationIds) : [] };
    }
    // startup.registered / startup.updated belong to no programme: no partner agency receives them.
    return { programmeId: null, organisationIds: [] };
  }
}
