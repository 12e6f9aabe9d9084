import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { getLogger } from '@exchange/platform';
import { EndpointsRepository } from '../endpoints/endpoints.repository';
import { EndpointSecrets } from './endpoint-secrets';

/**
 * Says at boot what an operator must act on: endpoints whose secrets are still stored in plain text
 * (written before secrets were sealed), and endpoints sealed under a key this instance does not
 * have (their deliveries fail until the key is configured again). Both are fixed by configuring the
 * keys and running `npm run webhooks:reencrypt`.
 */
@Injectable()
export class StoredSecretsCheck implements OnApplicationBootstrap {
  private readonly logger = getLogger({ component: 'webhook-secrets' });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly secrets: EndpointSecrets,
    private readonly endpoints: EndpointsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const rows = await this.endpoints.countNotUnderKey(this.dataSource.manager, this.secrets.activeKeyId);
      for (const { keyId, endpoints } of rows) {
        if (keyId === null) {
          this.logger.warn({ endpoints }, 'webhook signing secrets stored in plain text: run npm run webhooks:reencrypt');
        } else if (!this.secrets.hasKey(keyId)) {
          this.logger.error({ endpoints, keyId }, 'webhook signing secrets sealed under a key that is not configured in WEBHOOK_SECRET_KEYS');
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check how webhook signing secrets are stored');
    }
  }
}
