import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@exchange/contracts';
import { getLogger } from '@exchange/platform';
import type { EntityManager } from 'typeorm';
import { AlumniRepository } from './alumni.repository';

const logger = getLogger({ component: 'alumni' });

/**
 * A graduate of an accelerator cohort becomes an alumni record of the cohort's host organisation;
 * programmes that name that organisation as a partner waive their certification rule for it.
 * Runs inside the consumer's inbox transaction; a replay is a no-op.
 */
@Injectable()
export class AlumniRecorder {
  constructor(private readonly repository: AlumniRepository) {}

  async recordGraduation(event: EventEnvelope<'cohort.graduated'>, tx: EntityManager): Promise<'recorded' | 'skipped'> {
    const data = event.data;
    if (!data.graduated) return 'skipped';
    if (!(await this.repository.bothKnown(tx, data.startupId, data.hostOrgId))) {
      // Nothing to attach the record to here: not an error worth retrying or dead-lettering.
      logger.warn({ eventId: event.id, startupId: data.startupId, hostOrgId: data.hostOrgId }, 'graduation of an unknown startup or organisation ignored');
      return 'skipped';
    }
    await this.repository.insertGraduation(tx, {
      startupId: data.startupId,
      cohortId: data.cohortId,
      programmeId: data.programmeId,
      organisationId: data.hostOrgId,
      graduatedAt: event.time,
      note: data.note,
      sourceEventId: event.id,
    });
    return 'recorded';
  }
}
