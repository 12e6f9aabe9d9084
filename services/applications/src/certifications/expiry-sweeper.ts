import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
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
  private readonly logger = getLogger({ component: 'certification-expiry-sweeper' });
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly certifications: CertificationsService,
    @Inject(SERVICE_CONFIG) private readonly config: ApplicationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.CERTIFICATION_EXPIRY_SWEEP_MS;
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
      this.logger.warn({ err: (err as Error).message }, 'certification expiry sweep failed; retrying on the next tick');
    } finally {
      this.running = null;
    }
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
