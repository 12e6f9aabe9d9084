import { returnedRows } from '../common/sql';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { projectProgramme } from '@exchange/data';
import { SERVICE_CONFIG } from '@exchange/platform';
import type { PilotsConfig } from '../config';
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
export class PilotsEventHandlers implements ServiceEventHandlers {
  readonly topics: string[];
  readonly handlers: EventHandlers;

  constructor(
    private readonly matching: MatchingService,
    @Inject(SERVICE_CONFIG) config: PilotsConfig,
  ) {
    this.topics = [config.PILOTS_APPLICATIONS_TOPIC];
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
    const organisations = [...new Set([programme.organiserOrgId, ...programme.partnerOrgIds])];
    const rows: Array<{ id: string; state: string }> = await tx.query(
      `INSERT INTO pilots.candidates (application_id, programme_id, startup_id, startup_name, startup_name_latin, country,
          technology_fields, trl, languages, score, programme_organisation_ids, accepted_at, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (application_id) DO UPDATE SET
          startup_name = EXCLUDED.startup_name, startup_name_latin = EXCLUDED.startup_name_latin, country = EXCLUDED.country,
          technology_fields = EXCLUDED.technology_fields, trl = EXCLUDED.trl, languages = EXCLUDED.languages,
          score = EXCLUDED.score, programme_organisation_ids = EXCLUDED.programme_organisation_ids,
          accepted_at = EXCLUDED.accepted_at, source_event_id = EXCLUDED.source_event_id,
          version = pilots.candidates.version + 1, updated_at = now()
       RETURNING id, state`,
      [
        event.data.applicationId,
        programme.id,
        event.data.startupId,
        startup.name,
        startup.nameLatin,
        startup.country,
        startup.technologyFields,
        startup.readinessLevel,
        startup.languages,
        event.data.score,
        organisations,
        event.data.decidedAt,
        event.id,
      ],
    );
    if (rows[0]?.state === 'open') await this.matching.proposeForCandidates(tx, [rows[0].id]);
  }

  private async onStartupUpdated(event: EventEnvelope<'startup.updated'>, tx: EntityManager): Promise<void> {
    const { startup } = event.data;
    const result = await tx.query(
      `UPDATE pilots.candidates SET startup_name = $2, startup_name_latin = $3, country = $4, technology_fields = $5,
          trl = $6, languages = $7, version = version + 1, updated_at = now()
        WHERE startup_id = $1
        RETURNING id, state`,
      [startup.id, startup.name, startup.nameLatin, startup.country, startup.technologyFields, startup.readinessLevel, startup.languages],
    );
    const rows = returnedRows<{ id: string; state: string }>(result);
    // A changed profile may fit more sites; earlier proposals stay as they are.
    const open = rows.filter((r) => r.state === 'open').map((r) => r.id);
    if (open.length > 0) await this.matching.proposeForCandidates(tx, open);
  }
}
