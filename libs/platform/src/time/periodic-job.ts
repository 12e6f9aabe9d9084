import type { Logger } from 'pino';

export interface PeriodicJobOptions {
  /** What the job does, as the failure log names it: 'offer expiry sweep'. */
  name: string;
  /** Milliseconds between passes. 0 (or anything not above 0) keeps the job off. */
  intervalMs: number;
  /** One pass. A rejection is logged and the next tick tries again. */
  run: () => Promise<unknown>;
  /** The owner's logger, so the failure line carries the owner's component. */
  logger: Logger;
  /** Level of the failure line; warn unless the owner's alerts listen for errors. */
  failureLevel?: 'warn' | 'error';
}

/**
 * The timer of a sweeper: one pass every `intervalMs`, never two at once on this instance (a tick
 * that finds the previous pass still going is skipped, not queued), a failed pass logged with the
 * job's name and retried on the next tick, and a stop that waits for the pass in flight so it ends
 * before the database or Redis connection closes. The owner calls `start()` on application
 * bootstrap and `stop()` before application shutdown; its own `sweep()` stays callable directly.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;

  constructor(private readonly options: PeriodicJobOptions) {}

  start(): void {
    if (this.timer || !(this.options.intervalMs > 0)) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    // The service's server keeps the process alive; a sweep timer alone must not (tests, CLIs).
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  private tick(): Promise<void> {
    if (this.pass) return this.pass;
    const pass = this.runLogged();
    this.pass = pass;
    // Cleared only once settled, even when `run` failed before its first await.
    void pass.finally(() => {
      if (this.pass === pass) this.pass = null;
    });
    return pass;
  }

  private async runLogged(): Promise<void> {
    try {
      await this.options.run();
    } catch (err) {
      const { logger, name, failureLevel = 'warn' } = this.options;
      logger[failureLevel]({ job: name, err: err instanceof Error ? err.message : String(err) }, `${name} failed; retrying on the next tick`);
    }
  }
}
