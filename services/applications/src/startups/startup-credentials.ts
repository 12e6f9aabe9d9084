import { Injectable } from '@nestjs/common';
import { LANGUAGES, type Language, type Startup } from '@exchange/data';
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
      // Mail to the startup goes in the first language it works in that the exchange writes.
      preferredLanguage: startup.languages.find((l): l is Language => (LANGUAGES as readonly string[]).includes(l)) ?? null,
    });
    return { key: apiKey.key, apiKeyId: apiKey.id };
  }
}
