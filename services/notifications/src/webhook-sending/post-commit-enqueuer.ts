import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { getLogger } from '@exchange/platform';
import type { DeliveryRef } from './delivery-jobs';
import { DeliveryQueue } from './delivery-queue';

/**
 * Enqueues delivery jobs only after the transaction that created the deliveries has committed (a
 * job must never run before its row is visible, nor for a row that rolled back). It listens to
 * TypeORM's transaction-commit events. A crash between the commit and the enqueue leaves pending
 * rows without a job: the sweeper finds and enqueues them.
 */
@Injectable()
export class PostCommitEnqueuer implements EntitySubscriberInterface, OnModuleInit {
  private readonly pending = new WeakMap<QueryRunner, DeliveryRef[]>();
  private readonly logger = getLogger({ component: 'post-commit-enqueuer' });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly queue: DeliveryQueue,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /** Enqueue these deliveries once `tx` commits (at once when `tx` is not in a transaction). */
  async afterCommit(tx: EntityManager, deliveryIds: readonly DeliveryRef[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) return this.enqueue([...deliveryIds]);
    const list = this.pending.get(runner) ?? [];
    list.push(...deliveryIds);
    this.pending.set(runner, list);
  }

  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> | void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint was released; the outer transaction goes on
    const ids = this.pending.get(runner);
    if (!ids) return;
    this.pending.delete(runner);
    return this.enqueue(ids);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async enqueue(ids: DeliveryRef[]): Promise<void> {
    try {
      await this.queue.enqueue(ids);
    } catch (error) {
      // Never fail the committed transaction's caller: the sweeper enqueues these later.
      this.logger.warn({ err: (error as Error).message, deliveries: ids.length }, 'enqueue after commit failed; the sweeper will retry');
    }
  }
}
