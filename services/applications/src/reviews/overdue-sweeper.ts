import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxWriter } from '@exchange/messaging';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
import { DataSource } from 'typeorm';
import type { ApplicationsConfig } from '../config';
import { programmeRef } from '../programmes/programme-views';
import { ReviewsRepository } from './reviews.repository';

const BATCH = 200;

/**
 * Raises `review.overdue` once per overdue assignment so reminders go out. Each sweep claims rows
 * with FOR UPDATE SKIP LOCKED and marks them in the same transaction as their events, so any number
 * of instances can sweep at once and each assignment is reported exactly once.
 */
@Injectable()
export class OverdueSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = getLogger({ component: 'review-overdue-sweeper' });
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReviewsRepository,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CONFIG) private readonly config: ApplicationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.REVIEW_OVERDUE_SWEEP_MS;
    if (every > 0) this.timer = setInterval(() => void this.tick(), every);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweepOnce();
    try {
      await this.running;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'overdue sweep failed; retrying on the next tick');
    } finally {
      this.running = null;
    }
  }

  /** One pass: returns how many assignments were reported. */
  async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (tx) => {
        const rows = await this.repository.claimOverdue(tx, BATCH);
        if (rows.length === 0) return 0;
        const context = (await tx.query(
          `SELECT r.id, a.startup_id, p.id AS programme_id FROM applications.review_assignments r
           JOIN applications.applications a ON a.id = r.application_id JOIN applications.programmes p ON p.id = r.programme_id
           WHERE r.id = ANY($1::uuid[])`,
          [rows.map((r) => r.id)],
        )) as { id: string; startup_id: string; programme_id: string }[];
        const programmes = new Map<string, ReturnType<typeof programmeRef>>();
        for (const c of context) {
          if (!programmes.has(c.programme_id)) {
            const [p] = (await tx.query('SELECT id, kind, organiser_organisation_id, partner_organisation_ids FROM applications.programmes WHERE id = $1', [c.programme_id])) as {
              id: string;
              kind: 'pilot' | 'accelerator';
              organiser_organisation_id: string;
              partner_organisation_ids: string[];
            }[];
            programmes.set(p.id, { id: p.id, kind: p.kind, organiserOrgId: p.organiser_organisation_id, partnerOrgIds: p.partner_organisation_ids });
          }
        }
        const byId = new Map(context.map((c) => [c.id, c]));
        await this.outbox.addAll(
          tx,
          rows.map((r) => {
            const c = byId.get(r.id)!;
            return {
              type: 'review.overdue' as const,
              key: c.startup_id,
              data: {
                applicationId: r.applicationId,
                startupId: c.startup_id,
                programme: programmes.get(c.programme_id)!,
                assignmentId: r.id,
                reviewerId: r.reviewerPrincipalId,
                dueAt: r.dueAt.toISOString(),
                overdueSince: r.dueAt.toISOString(),
              },
            };
          }),
        );
        return rows.length;
      });
      total += claimed;
      if (claimed < BATCH) return total;
    }
  }
}
