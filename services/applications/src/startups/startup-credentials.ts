import { Injectable } from '@nestjs/common';
import type { Startup } from '@exchange/data';
import type { EntityManager } from 'typeorm';
import { ApiKeysService } from '../identity/api-keys.service';

/** The startup's principal and first API key, issued inside the registration transaction. */
@Injectable()
export class StartupCredentials {
  constructor(private readonly keys: ApiKeysService) {}

  async issue(tx: EntityManager, startup: Startup): Promise<{ key: string; apiKeyId: string }> {
    const { apiKey } = await this.keys.issueForStartup(tx, {
      startupId: startup.id,
      displayName: startup.nameLatin,
      email: startup.contact.email ?? null,
    });
    return { key: apiKey.key, apiKeyId: apiKey.id };
  }
}
