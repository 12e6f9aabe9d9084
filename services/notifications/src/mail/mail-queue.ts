import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Queues } from '@exchange/contracts';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
import { AfterCommitBatcher } from '../common/after-commit';
import type { NotificationsConfig } from '../config';

/** Injection token, optional: a scratch queue name for a test (a running service always uses Queues.mail). */
export const MAIL_QUEUE = Symbol('MAIL_QUEUE');

export const SEND_MAIL_JOB = 'send' as const;
export interface SendMailJobData {
  messageId: string;
}

/**
 * The producer side of the mail queue: one job per message, job id = message id (enqueueing twice is
 * a no-op). Retries are BullMQ's: exponential from MAIL_RETRY_BASE_MS, MAIL_MAX_ATTEMPTS in all.
 */
@Injectable()
export class MailQueue implements OnApplicationShutdown {
  readonly queue: Queue<SendMailJobData>;
  private readonly connection: Redis;
  private readonly logger = getLogger({ component: 'mail-queue' });

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    @Optional() @Inject(MAIL_QUEUE) name: string = Queues.mail,
  ) {
    this.connection = new Redis(config.REDIS_URL, { connectionName: 'notifications-mail-queue', maxRetriesPerRequest: 2 });
    this.connection.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'mail queue Redis error'));
    this.queue = new Queue<SendMailJobData>(name, { connection: this.connection });
  }

  async enqueue(messageIds: readonly string[]): Promise<void> {
    for (let i = 0; i < messageIds.length; i += 1_000) {
      await this.queue.addBulk(
        messageIds.slice(i, i + 1_000).map((messageId) => ({
          name: SEND_MAIL_JOB,
          data: { messageId },
          opts: {
            jobId: messageId,
            attempts: this.config.MAIL_MAX_ATTEMPTS,
            backoff: { type: 'exponential' as const, delay: this.config.MAIL_RETRY_BASE_MS },
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

/** Enqueues the mail a transaction wrote once it has committed (MailWorker sweeps what a crash loses). */
@Injectable()
export class MailEnqueuer extends AfterCommitBatcher<string> {
  constructor(
    private readonly queue: MailQueue,
  ) {
    super('mail messages');
  }

  protected flush(messageIds: string[]): Promise<void> {
    return this.queue.enqueue(messageIds);
  }
}
