import { backoffDelay, delay } from './backoff';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import { jsonLogger } from './logger';

const STOP_WAIT_MS = 20_000;

/**
 * Keeps an EventConsumer running for the life of a service: it starts in the background (a service
 * boots and answers /health/ready with Kafka down, and starts consuming when Kafka comes back), and a
 * consumer that kafkajs gave up on is replaced by a fresh one, with backoff.
 */
export class SupervisedConsumer {
  private current: EventConsumer | null = null;
  private loop: Promise<void> | null = null;
  private readonly stopping = new AbortController();
  private fatal: (() => void) | null = null;
  private running = false;

  constructor(private readonly options: Omit<EventConsumerOptions, 'onFatal'>) {}

  /** True once a consumer has joined the broker and runs. */
  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    this.loop ??= this.supervise();
  }

  /**
   * Stops the running consumer (its batch in flight finishes). A start still in progress is waited
   * for: it fails fast (few client retries) and closes what it opened, so nothing outlives stop().
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.fatal?.();
    await this.current?.stop();
    // A start blocked in a group join is bounded by the rebalance timeout; do not wait much longer.
    const giveUp = new AbortController();
    await Promise.race([this.loop, delay(STOP_WAIT_MS, giveUp.signal)]);
    giveUp.abort(); // clears the timer when the loop ended first
    this.current = null;
  }

  private async supervise(): Promise<void> {
    const logger = this.options.logger ?? jsonLogger(`consumer:${this.options.groupId}`);
    for (let failures = 0; !this.stopping.signal.aborted; ) {
      const died = new Promise<Error | null>((resolve) => {
        this.fatal = () => resolve(null);
        this.current = new EventConsumer({ ...this.options, onFatal: (error) => resolve(error) });
      });
      try {
        await this.current!.start();
        this.running = true;
        failures = 0;
        const error = await died; // until kafkajs gives up on it, or stop()
        if (!error) return;
        logger.error('consumer crashed; starting a new one', { error: error.message });
      } catch (error) {
        failures += 1;
        logger.warn('consumer could not start; retrying', { error: (error as Error).message, attempt: failures });
      }
      this.running = false;
      await this.current?.stop();
      this.current = null;
      await delay(backoffDelay(Math.max(1, failures), 500, 15_000), this.stopping.signal);
    }
  }
}
