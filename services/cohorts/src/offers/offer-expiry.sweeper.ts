import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
import type { CohortsConfig } from '../config';
import { MembersRepository } from '../members/members.repository';
import { OffersService } from './offers.service';

/** Cohorts handled per sweep; the rest wait for the next one. */
const COHORTS_PER_SWEEP = 100;

/**
 * Expires unanswered offers every OFFER_EXPIRY_SWEEP_INTERVAL_MS and promotes from the waitlist in
 * their place. Safe on several instances: each cohort is taken with FOR UPDATE SKIP LOCKED, so two
 * sweeps never expire the same offer and neither waits for the other.
 */
@Injectable()
export class OfferExpirySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = getLogger({ component: 'offer-expiry-sweeper' });
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: CohortsConfig,
    private readonly members: MembersRepository,
    private readonly offers: OffersService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = null));
    }, this.config.OFFER_EXPIRY_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over cohorts with overdue offers. Returns how many offers expired. */
  async sweep(now = new Date()): Promise<number> {
    let expired = 0;
    try {
      for (const cohortId of await this.members.cohortsWithExpiredOffers(now, COHORTS_PER_SWEEP)) {
        expired += await this.offers.expireOffers(cohortId, now);
      }
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'offer expiry sweep failed; retrying on the next tick');
    }
    return expired;
  }
}
