import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { getLogger, PeriodicJob, SERVICE_CONFIG } from '@exchange/platform';
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
  private readonly job: PeriodicJob;

  constructor(
    @Inject(SERVICE_CONFIG) config: CohortsConfig,
    private readonly members: MembersRepository,
    private readonly offers: OffersService,
  ) {
    this.job = new PeriodicJob({
      name: 'offer expiry sweep',
      intervalMs: config.OFFER_EXPIRY_SWEEP_INTERVAL_MS,
      run: () => this.sweep(),
      logger: getLogger({ component: 'offer-expiry-sweeper' }),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /**
   * One pass over cohorts with overdue offers. Returns how many offers expired; a failure rejects
   * (the cohorts handled before it keep their expiries, each committed on its own).
   */
  async sweep(now = new Date()): Promise<number> {
    let expired = 0;
    for (const cohortId of await this.members.cohortsWithExpiredOffers(now, COHORTS_PER_SWEEP)) {
      expired += await this.offers.expireOffers(cohortId, now);
    }
    return expired;
  }
}
