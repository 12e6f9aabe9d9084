import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@exchange/messaging';
import { rowsOf } from '../common/sql';

export type DisableReason = 'gone' | 'no_success';

/** Disables an endpoint and tells its organisation (`webhook.endpoint_disabled`) in the same transaction. */
@Injectable()
export class EndpointDisabler {
  constructor(private readonly outbox: OutboxWriter) {}

  async disable(tx: EntityManager, endpointId: string, reason: DisableReason): Promise<boolean> {
    const rows = rowsOf<{ id: string; organisation_id: string; url: string; last_success_at: Date | null }>(await tx.query(
      `UPDATE notifications.webhook_endpoints
       SET state = 'disabled', disabled_reason = $2, disabled_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 AND state <> 'disabled' AND deleted_at IS NULL
       RETURNING id, organisation_id, url, last_success_at`,
      [endpointId, reason],
    ));
    const endpoint = rows[0];
    if (!endpoint) return false;
    await this.outbox.add(tx, {
      type: 'webhook.endpoint_disabled',
      key: endpoint.organisation_id,
      subject: endpoint.id,
      data: {
        endpointId: endpoint.id,
        organisationId: endpoint.organisation_id,
        url: endpoint.url,
        reason,
        lastSuccessAt: endpoint.last_success_at ? new Date(endpoint.last_success_at).toISOString() : null,
      },
    });
    return true;
  }
}
