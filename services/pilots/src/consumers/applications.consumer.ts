import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type EventEnvelope } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { projectProgramme } from '@exchange/data';
import { MatchingService } from '../matching/matching.service';

/**
 * What the pilots service learns from `exchange.applications.v1`: published and closed programmes
 * (who organises them, who partners: what a site may attach to and who decides its proposals);
 * accepted startups of pilot programmes become candidates (a projection) and get proposals; startup
 * updates refresh them.
 * Each handler runs in the consumer's transaction together with its inbox row, so a redelivered
 * event is skipped, and the proposal writes are idempotent on their own as well.
 */
@Injectable()
export class ApplicationsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [Topics.applications];
  readonly handlers: EventHandlers;

  constructor(private readonly matching: MatchingService) {
    this.handlers = {
      'programme.published': (event, tx) => projectProgramme(tx, 'pilots', event.data.programme, 'published', event.data.publishedAt),
      'programme.closed': (event, tx) => projectProgramme(tx, 'pilots', event.data.programme, 'closed', event.data.closedAt),
      'application.accepted': (event, tx) => this.onAccepted(event, tx),
      'startup.updated': (event, tx) => this.onStartupUpdated(event, tx),
    };
  }

  private async onAccepted(event: EventEnvelope<'application.accepted'>, tx: EntityManager): Promise<void> {
    const { programme, startup } = event.data;
    // An accepted application proves the programme was published, whichever event arrives first.
    await projectProgramme(tx, 'pilots', programme, 'published', null);
    if (programme.kind !== 'pilot') return;
    await this.matching.admitCandidate(tx, {
      applicationId: event.data.applicationId,
      programmeId: programme.id,
      startupId: event.data.startupId,
      profile: startup,
      score: event.data.score,
      organisationIds: [...new Set([programme.organiserOrgId, ...programme.partnerOrgIds])],
      acceptedAt: event.data.decidedAt,
      sourceEventId: event.id,
    });
  }

  private async onStartupUpdated(event: EventEnvelope<'startup.updated'>, tx: EntityManager): Promise<void> {
    await this.matching.refreshStartup(tx, event.data.startup);
  }
}
