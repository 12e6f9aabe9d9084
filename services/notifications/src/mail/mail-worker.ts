import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { getLogger, PeriodicJob, SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { MailMessagesRepository } from './mail-messages.repository';
import { MailQueue, type SendMailJobData } from './mail-queue';
import { MailReminders } from './mail-reminders';
import { MailTransport } from './mail-transport';

/**
 * Sends the mail outbox: one BullMQ job per message, retried with exponential backoff while the SMTP
 * server answers 4xx or cannot be reached, recorded as failed at once on a 5xx. The message row is
 * the truth: a job for a message already sent does nothing. A timer sweeps due reminders and enqueues
 * pending messages whose job was lost.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: Worker<SendMailJobData> | null = null;
  private connection: Redis | null = null;
  private readonly logger = getLogger({ component: 'mail-worker' });
  private readonly sweeps: PeriodicJob;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    private readonly messages: MailMessagesRepository,
    private readonly queue: MailQueue,
    private readonly transport: MailTransport,
    private readonly reminders: MailReminders,
  ) {
    this.sweeps = new PeriodicJob({
      name: 'mail sweep',
      intervalMs: config.MAIL_SWEEP_INTERVAL_MS,
      run: () => this.sweep(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.MAIL_WORKER_ENABLED) return;
    this.connection = new Redis(this.config.REDIS_URL, { connectionName: 'notifications-mail-worker', maxRetriesPerRequest: null });
    this.connection.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'mail worker Redis error'));
    this.worker = new Worker<SendMailJobData>(this.queue.queue.name, (job) => this.process(job), {
      connection: this.connection,
      concurrency: 5,
      lockDuration: Math.max(5_000, this.config.MAIL_SMTP_TIMEOUT_MS * 4),
    });
    this.worker.on('error', (err) => this.logger.warn({ err: err.message }, 'mail worker error'));
    this.sweeps.start();
  }

  /** One attempt of one message. Throws to have BullMQ try again later; UnrecoverableError ends it. */
  async process(job: Job<SendMailJobData>): Promise<string> {
    const message = await this.messages.findPending(job.data.messageId);
    if (!message) return 'not pending';
    const outcome = await this.transport.send(message);
    if (outcome.ok) {
      await this.messages.markSent(message.id, outcome.response);
      return 'sent';
    }
    const final = outcome.permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.messages.recordFailure(message.id, outcome.error, final);
    this.logger.warn({ messageId: message.id, kind: message.kind, permanent: outcome.permanent, final, err: outcome.error }, 'mail not accepted');
    if (outcome.permanent) throw new UnrecoverableError(outcome.error);
    throw new Error(outcome.error);
  }

  /** Due reminders become mail; pending mail untouched for a while gets its job again. */
  async sweep(): Promise<void> {
    await this.reminders.sendDue();
    const orphans = await this.messages.findOrphans(Math.max(60_000, this.config.MAIL_SWEEP_INTERVAL_MS * 2), 1_000);
    if (orphans.length > 0) await this.queue.enqueue(orphans);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeps.stop();
    await this.worker?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
