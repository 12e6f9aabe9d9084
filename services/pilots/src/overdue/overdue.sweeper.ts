import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectedProgrammeRefs } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { getLogger, PeriodicJob, SERVICE_CONFIG } from '@exchange/platform';
import type { PilotsConfig } from '../config';
import { OverdueRepository } from './overdue.repository';

const BATCH = 200;

/**
 * Flags running pilots whose final report is overdue (past the planned end) and very late (two
 * weeks past it, configurable), emitting `pilot.report_overdue` once per level. Runs every
 * PILOTS_OVERDUE_SWEEP_INTERVAL_MS on every instance; SKIP LOCKED and the flag columns make
 * concurrent sweeps safe.
 */
@Injectable()
export class OverdueSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OverdueRepository,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CONFIG) private readonly config: PilotsConfig,
  ) {
    this.job = new PeriodicJob({
      name: 'overdue sweep',
      intervalMs: config.PILOTS_OVERDUE_SWEEP_INTERVAL_MS,
      run: () => this.sweep(),
      logger: getLogger({ component: 'overdue-sweeper' }),
      failureLevel: 'error',
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One sweep until nothing is left to flag; returns how many flags it raised. */
  async sweep(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const flagged = await this.dataSource.transaction(async (tx) => {
        const claimed = await this.repository.claim(tx, now, this.config.PILOTS_REPORT_VERY_LATE_DAYS, BATCH);
        const programmes = await projectedProgrammeRefs(tx, 'pilots', claimed.map((c) => c.pilot.programmeId));
        for (const { pilot, level } of claimed) {
          await this.repository.flag(tx, pilot.id, level, now);
          await this.outbox.add(tx, {
            type: 'pilot.report_overdue',
            data: {
              pilotId: pilot.id,
              startupId: pilot.startupId,
              programmeId: pilot.programmeId,
              programme: programmes.get(pilot.programmeId)!,
              siteId: pilot.siteId,
              hostOrgId: pilot.hostOrganisationId,
              endedOn: pilot.plannedEndAt.toISOString().slice(0, 10),
              severity: level,
            },
          });
        }
        return claimed.length;
      });
      total += flagged;
      if (flagged < BATCH) return total;
    }
  }
}
