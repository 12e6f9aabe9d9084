import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CREATED_AT_ID, decodeCursor, pageOf, unresolvedIdFilters, type AuthenticatedPrincipal } from '@exchange/platform';
import { DeliveryQueue } from '../webhook-sending/delivery-queue';
import type { Delivery, DeliveryAttempt } from '@exchange/data';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryError, DeliveryErrorCode } from './deliveries.errors';
import type { DeliveryAttemptDto, DeliveryDetailDto, DeliveryDto, DeliveryPageDto, ListDeliveriesQuery } from './dto/delivery.dto';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function deliveryView(d: Delivery): DeliveryDto {
  return {
    id: d.id,
    endpointId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    eventTime: d.eventTime.toISOString(),
    state: d.state,
    attemptCount: d.attemptCount,
    nextAttemptAt: iso(d.nextAttemptAt),
    lastAttemptAt: iso(d.lastAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    succeededAt: iso(d.succeededAt),
    failedAt: iso(d.failedAt),
    createdAt: d.createdAt.toISOString(),
  };
}

function attemptView(a: DeliveryAttempt): DeliveryAttemptDto {
  return {
    attemptNumber: a.attemptNumber,
    startedAt: a.startedAt.toISOString(),
    statusCode: a.statusCode,
    latencyMs: a.latencyMs,
    responseExcerpt: a.responseExcerpt,
    error: a.error,
  };
}

/** The delivery log of an organisation's endpoints: list, show with attempts, retry now. */
@Injectable()
export class DeliveriesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly repository: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  async list(principal: AuthenticatedPrincipal, q: ListDeliveriesQuery): Promise<DeliveryPageDto> {
    const after = decodeCursor(CREATED_AT_ID, q.cursor);
    if (q.from && q.to && !(new Date(q.from) < new Date(q.to))) {
      throw new DeliveryError(DeliveryErrorCode.InvalidTimeRange, '`from` must be before `to`');
    }
    const unresolved = await unresolvedIdFilters(q, {
      endpointId: (id) => this.repository.hasEndpoint(this.dataSource.manager, this.organisation(principal), id),
    });
    if (unresolved.length > 0) {
      throw new DeliveryError(DeliveryErrorCode.UnknownFilterId, `Unknown ${unresolved.map((e) => e.field).join(', ')}`, { errors: unresolved });
    }
    const limit = q.limit ?? 50;
    const rows = await this.repository.list(this.dataSource.manager, {
      organisationId: this.organisation(principal),
      endpointId: q.endpointId,
      eventType: q.eventType,
      state: q.state,
      from: q.from,
      to: q.to,
      after,
      limit: limit + 1,
    });
    return pageOf(CREATED_AT_ID, rows, limit, (row) => [row.cursorAt, row.delivery.id], (row) => deliveryView(row.delivery));
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<DeliveryDetailDto> {
    const row = await this.repository.find(this.dataSource.manager, this.organisation(principal), id);
    if (!row) throw this.notFound(id);
    const attempts = await this.repository.attempts(this.dataSource.manager, id);
    return { ...deliveryView(row.delivery), attempts: attempts.map(attemptView) };
  }

  /** Attempts the delivery now: a pending one skips its wait, a failed or cancelled one gets a new round. */
  async retry(principal: AuthenticatedPrincipal, id: string): Promise<DeliveryDto> {
    const row = await this.dataSource.transaction(async (tx) => {
      const current = await this.repository.find(tx, this.organisation(principal), id, true);
      if (!current) throw this.notFound(id);
      if (current.delivery.state === 'succeeded') {
        throw new DeliveryError(DeliveryErrorCode.IllegalTransition, 'the delivery already succeeded; replay the time range to send it again', {
          currentState: current.delivery.state,
        });
      }
      if (current.endpointState !== 'active') {
        throw new DeliveryError(DeliveryErrorCode.IllegalTransition, `the endpoint is ${current.endpointState}; resume it first`, {
          currentState: current.delivery.state,
          endpointState: current.endpointState,
        });
      }
      await this.repository.retryNow(tx, id);
      return (await this.repository.find(tx, this.organisation(principal), id))!.delivery;
    });
    await this.queue.runNow(id);
    return deliveryView(row);
  }

  private organisation(principal: AuthenticatedPrincipal): string {
    // A key without an organisation sees no delivery.
    return principal.organisationId ?? '00000000-0000-0000-0000-000000000000';
  }

  private notFound(id: string): DeliveryError {
    return new DeliveryError(DeliveryErrorCode.NotFound, `webhook delivery ${id} not found`);
  }
}
