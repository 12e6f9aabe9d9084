import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { getLogger, PeriodicJob, SERVICE_CONFIG } from '@exchange/platform';
import type { ApplicationsConfig } from '../config';
import { CertificationsService } from './certifications.service';

const BATCH = 100;

/**
 * Finds certificates whose validity has ended and flags the open applications that relied on them.
 * Each pass claims certificates with FOR UPDATE SKIP LOCKED and marks them in the transaction that
 * writes their flags and events, so any number of instances can sweep at once; the unique flag per
 * (application, certificate) keeps a revocation and a sweep from flagging one application twice.
 */
@Injectable()
export class CertificationExpirySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly certifications: CertificationsService,
    @Inject(SERVICE_CONFIG) config: ApplicationsConfig,
  ) {
    this.job = new PeriodicJob({
      name: 'certification expiry sweep',
      intervalMs: config.CERTIFICATION_EXPIRY_SWEEP_MS,
      run: () => this.sweepOnce(),
      logger: getLogger({ component: 'certification-expiry-sweeper' }),
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass: answers how many ended certificates were handled. */
  async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.certifications.sweepEnded(BATCH);
      total += claimed;
      if (claimed < BATCH) return total;
    }
  }
}
