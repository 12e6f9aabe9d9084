import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectedProgrammeRefs } from '@exchange/data';
import { Clock, getLogger, SERVICE_CONFIG, SystemClock } from '@exchange/platform';
import type { PilotsConfig } from '../config';
import { OpenCallsRepository } from './open-calls.repository';
import { OpenCallsService } from './open-calls.service';

const BATCH = 200;

/**
 * Closes open calls whose answer deadline has passed, with `open_call.closed` (reason `deadline`).
 * Runs every PILOTS_OPEN_CALL_SWEEP_INTERVAL_MS on every instance, like the overdue-report sweep:
 * calls are claimed with FOR UPDATE SKIP LOCKED and closed in the transaction that writes their
 * event, so concurrent sweeps close each call once.
 */
@Injectable()
export class OpenCallsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly logger = getLogger({ component: 'open-calls-sweeper' });
  private readonly clock: Clock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OpenCallsRepository,
    private readonly openCalls: OpenCallsService,
    @Inject(SERVICE_CONFIG) private readonly config: PilotsConfig,
    @Optional() @Inject(Clock) clock: Clock | null,
  ) {
    this.clock = clock ?? new SystemClock();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return; // the previous sweep is still going
      this.running = this.sweep()
        .catch((error: unknown) => {
          this.logger.error({ err: (error as Error).message }, 'open call deadline sweep failed');
          return 0;
        })
        .finally(() => (this.running = null));
    }, this.config.PILOTS_OPEN_CALL_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One sweep until no call past its deadline is left open; returns how many it closed. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const closed = await this.dataSource.transaction(async (tx) => {
        const due = await this.repository.claimPastDeadline(tx, now, BATCH);
        const programmes = await projectedProgrammeRefs(tx, 'pilots', due.flatMap((c) => (c.programmeId ? [c.programmeId] : [])));
        // Closed as of its deadline: that is when it stopped taking answers, however late the sweep ran.
        for (const call of due) await this.openCalls.closeWithEvent(tx, call, 'deadline', call.answerDeadline, programmes);
        return due.length;
      });
      total += closed;
      if (closed < BATCH) return total;
    }
  }
}
