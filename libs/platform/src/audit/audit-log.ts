import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedPrincipal } from '../auth/authenticated-principal';
import { SERVICE_NAME } from '../config/config.tokens';
import { currentRequestId } from '../logging/request-context';

export interface AuditEntry {
  /** The caller; null for the system itself (a consumer, a scheduled job, the CLI). */
  actor: Pick<AuthenticatedPrincipal, 'principalId' | 'role' | 'organisationId'> | null;
  /** `<entity>.<verb>`, e.g. `api_key.revoke`, `application.accept`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Dates become ISO strings, undefined disappears: what jsonb can hold. */
function snapshot(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Writes one audit entry (who, what, when, before, after) into identity.audit_log, inside the
 * caller's transaction so the entry exists exactly when the change does.
 */
export async function writeAuditEntry(tx: EntityManager, service: string, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO identity.audit_log (service, actor_principal_id, actor_role, actor_organisation_id, action, entity_type, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [
      service,
      entry.actor?.principalId ?? null,
      entry.actor?.role ?? null,
      entry.actor?.organisationId ?? null,
      entry.action,
      entry.entityType,
      entry.entityId,
      snapshot(entry.before),
      snapshot(entry.after),
      currentRequestId() ?? null,
    ],
  );
}

/** Injectable form that knows the service: `await audit.record(tx, { actor: principal, action, ... })`. */
@Injectable()
export class AuditLog {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  record(tx: EntityManager, entry: AuditEntry): Promise<void> {
    return writeAuditEntry(tx, this.service, entry);
  }
}
