import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CREATED_AT_ID, decodeCursor, pageOf, unresolvedIdFilters, type AuthenticatedPrincipal } from '@exchange/platform';
import { DeliveryQueue } from '../webhook-sending/delivery-queue';
import { DeliveriesRepository, type AttemptRow, type DeliveryRow } from './deliveries.repository';
import { DeliveryError, DeliveryErrorCode } from './deliveries.errors';
import type { DeliveryDetailDto, DeliveryDto, DeliveryPageDto, ListDeliveriesQuery } from './dto/delivery.dto';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function deliveryView(r: DeliveryRow): DeliveryDto {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    eventTime: iso(r.event_time)!,
    state: r.state,
    attemptCount: r.attempt_count,
    nextAttemptAt: iso(r.next_attempt_at),
    lastAttemptAt: iso(r.last_attempt_at),
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    succeededAt: iso(r.succeeded_at),
    failedAt: iso(r.failed_at),
    createdAt: iso(r.created_at)!,
  };
}

function attemptView(a: AttemptRow) {
  return {
    attemptNumber: a.attempt_number,
    startedAt: iso(a.started_at)!,
    statusCode: a.status_code,
    latencyMs: a.latency_ms,
    responseExcerpt: a.response_excerpt,
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
    return pageOf(CREATED_AT_ID, rows, limit, (row) => [row.cursor_at, row.id], deliveryView);
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<DeliveryDetailDto> {
    const row = await this.repository.find(this.dataSource.manager, this.organisation(principal), id);
    if (!row) throw this.notFound(id);
    const attempts = await this.repository.attempts(this.dataSource.manager, id);
    return { ...deliveryView(row), attempts: attempts.map(attemptView) };
  }

  /** Attempts the delivery now: a pending one skips its wait, a failed or cancelled one gets a new round. */
  async retry(principal: AuthenticatedPrincipal, id: string): Promise<DeliveryDto> {
    const row = await this.dataSource.transaction(async (tx) => {
      const current = await this.repository.find(tx, this.organisation(principal), id, true);
      if (!current) throw this.notFound(id);
      if (current.state === 'succeeded') {
        throw new DeliveryError(DeliveryErrorCode.IllegalTransition, 'the delivery already succeeded; replay the time range to send it again', {
          currentState: current.state,
        });
      }
      if (current.endpoint_state !== 'active') {
        throw new DeliveryError(DeliveryErrorCode.IllegalTransition, `the endpoint is ${current.endpoint_state}; resume it first`, {
          currentState: current.state,
          endpointState: current.endpoint_state,
        });
      }
      await this.repository.retryNow(tx, id);
      return (await this.repository.find(tx, this.organisation(principal), id))!;
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
