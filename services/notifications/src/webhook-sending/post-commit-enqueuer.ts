import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AfterCommitBatcher } from '../common/after-commit';
import type { DeliveryRef } from './delivery-jobs';
import { DeliveryQueue } from './delivery-queue';

/** Enqueues the delivery jobs of a transaction once it has committed (DeliveryWorker sweeps what a crash loses). */
@Injectable()
export class PostCommitEnqueuer extends AfterCommitBatcher<DeliveryRef> implements OnModuleInit {
  constructor(
    @Inject(DataSource) dataSource: DataSource,
    private readonly queue: DeliveryQueue,
  ) {
    super(dataSource, 'webhook deliveries');
  }

  onModuleInit(): void {
    this.listen();
  }

  protected flush(deliveries: DeliveryRef[]): Promise<void> {
    return this.queue.enqueue(deliveries);
  }
}
