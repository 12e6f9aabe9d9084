import { type BeforeApplicationShutdown, Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectedProgrammeRefs } from '@exchange/data';
import { Clock, getLogger, PeriodicJob, SERVICE_CONFIG, SystemClock } from '@exchange/platform';
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
export class OpenCallsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;
  private readonly clock: Clock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OpenCallsRepository,
    private readonly openCalls: OpenCallsService,
    @Inject(SERVICE_CONFIG) config: PilotsConfig,
    @Optional() @Inject(Clock) clock: Clock | null,
  ) {
    this.clock = clock ?? new SystemClock();
    this.job = new PeriodicJob({
      name: 'open call deadline sweep',
      intervalMs: config.PILOTS_OPEN_CALL_SWEEP_INTERVAL_MS,
      run: () => this.sweep(),
      logger: getLogger({ component: 'open-calls-sweeper' }),
      failureLevel: 'error',
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
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
