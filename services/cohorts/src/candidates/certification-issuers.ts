import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@exchange/contracts';

type CertificationEvent = EventData<'certification.issued'> | EventData<'certification.renewed'> | EventData<'certification.revoked'>;

/**
 * Which organisations certified which startups, from the applications topic (`certification.issued`,
 * `.renewed`, `.revoked`): pitch-day jurors of such an organisation have a conflict of interest with
 * the startup, as reviewers have in reviews. Each of the three events names the issuer, so whichever
 * arrives first records the link. Idempotent and order-safe: one row per certification; the validity
 * follows the newest event (by the instant the event states), a revocation is never undone.
 */
@Injectable()
export class CertificationIssuers {
  issued(tx: EntityManager, data: EventData<'certification.issued'>): Promise<void> {
    return this.upsert(tx, data, data.issuedAt, null);
  }

  renewed(tx: EntityManager, data: EventData<'certification.renewed'>): Promise<void> {
    return this.upsert(tx, data, data.renewedAt, null);
  }

  revoked(tx: EntityManager, data: EventData<'certification.revoked'>): Promise<void> {
    return this.upsert(tx, data, data.revokedAt, data.revokedAt);
  }

  private async upsert(tx: EntityManager, data: CertificationEvent, asOf: string, revokedAt: string | null): Promise<void> {
    await tx.query(
      `INSERT INTO cohorts.startup_certifications AS c (certification_id, startup_id, issuer_organisation_id, valid_from, valid_until, revoked_at, as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (certification_id) DO UPDATE SET
         valid_from = CASE WHEN EXCLUDED.as_of >= c.as_of THEN EXCLUDED.valid_from ELSE c.valid_from END,
         valid_until = CASE WHEN EXCLUDED.as_of >= c.as_of THEN EXCLUDED.valid_until ELSE c.valid_until END,
         revoked_at = coalesce(c.revoked_at, EXCLUDED.revoked_at),
         as_of = greatest(c.as_of, EXCLUDED.as_of),
         updated_at = now()`,
      [data.certificationId, data.startupId, data.issuerOrganisationId, data.validFrom, data.validUntil, revokedAt, asOf],
    );
  }
}
