import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { ProgrammeRef } from '@exchange/contracts';
import type { ReviewAssignment } from '@exchange/data';
import { type OutboxEvent, OutboxWriter } from '@exchange/messaging';
import { getLogger, PeriodicJob, SERVICE_CONFIG } from '@exchange/platform';
import { DataSource } from 'typeorm';
import type { ApplicationsConfig } from '../config';
import { programmeRef } from '../programmes/programme-views';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { ReviewsRepository } from './reviews.repository';

const BATCH = 200;

/**
 * Raises `review.overdue` once per overdue assignment so reminders go out. Each sweep claims rows
 * with FOR UPDATE SKIP LOCKED and marks them in the same transaction as their events, so any number
 * of instances can sweep at once and each assignment is reported exactly once.
 */
@Injectable()
export class OverdueSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReviewsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CONFIG) config: ApplicationsConfig,
  ) {
    this.job = new PeriodicJob({
      name: 'overdue sweep',
      intervalMs: config.REVIEW_OVERDUE_SWEEP_MS,
      run: () => this.sweepOnce(),
      logger: getLogger({ component: 'review-overdue-sweeper' }),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass: returns how many assignments were reported. */
  async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (tx) => {
        const rows = await this.repository.claimOverdue(tx, BATCH);
        if (rows.length === 0) return 0;
        const subjects = await this.repository.assignmentSubjects(tx, rows.map((r) => r.id));
        const programmes = new Map<string, ProgrammeRef>();
        for (const { programmeId } of subjects.values()) {
          if (!programmes.has(programmeId)) programmes.set(programmeId, programmeRef((await this.programmes.findById(programmeId, tx))!));
        }
        await this.outbox.addAll(tx, overdueEvents(rows, subjects, programmes));
        return rows.length;
      });
      total += claimed;
      if (claimed < BATCH) return total;
    }
  }
}

/** One `review.overdue` event per claimed assignment, keyed by its startup. */
export function overdueEvents(
  claimed: Pick<ReviewAssignment, 'id' | 'applicationId' | 'reviewerPrincipalId' | 'dueAt'>[],
  subjects: Map<string, { startupId: string; programmeId: string }>,
  programmes: Map<string, ProgrammeRef>,
): OutboxEvent<'review.overdue'>[] {
  return claimed.map((r) => {
    const { startupId, programmeId } = subjects.get(r.id)!;
    return {
      type: 'review.overdue' as const,
      data: {
        applicationId: r.applicationId,
        startupId,
        programme: programmes.get(programmeId)!,
        assignmentId: r.id,
        reviewerId: r.reviewerPrincipalId,
        dueAt: r.dueAt.toISOString(),
        overdueSince: r.dueAt.toISOString(),
      },
    };
  });
}
