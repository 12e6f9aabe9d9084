import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@exchange/messaging';
import { EndpointsRepository } from '../endpoints/endpoints.repository';

export type DisableReason = 'gone' | 'no_success';

/** Disables an endpoint and tells its organisation (`webhook.endpoint_disabled`) in the same transaction. */
@Injectable()
export class EndpointDisabler {
  constructor(
    private readonly endpoints: EndpointsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** False when the endpoint was already disabled or deleted: then nobody is told twice. */
  async disable(tx: EntityManager, endpointId: string, reason: DisableReason): Promise<boolean> {
    const endpoint = await this.endpoints.disable(tx, endpointId, reason);
    if (!endpoint) return false;
    await this.outbox.add(tx, {
      type: 'webhook.endpoint_disabled',
      subject: endpoint.id,
      data: {
        endpointId: endpoint.id,
        organisationId: endpoint.organisationId,
        url: endpoint.url,
        reason,
        lastSuccessAt: endpoint.lastSuccessAt ? endpoint.lastSuccessAt.toISOString() : null,
      },
    });
    return true;
  }
}
