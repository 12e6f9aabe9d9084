import type { WebhookEndpoint } from '@exchange/data';
import { activeSecretKeyId, type NotificationsConfig } from '../config';
import { SecretBox, SecretBoxError } from './secret-box';

/**
 * The secret columns of a webhook endpoint. A row is either sealed (`secretKeyId` set,
 * `secretSealed` and maybe `previousSecretSealed`) or, written before secrets were encrypted, still
 * plain (`secretKeyId` null, `secret` and maybe `previousSecret`) until the re-encrypt command seals
 * it. A database check keeps the two forms apart.
 */
export type StoredSecretColumns = Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'secretSealed' | 'previousSecretSealed' | 'secretKeyId'>;

export interface SealedSecrets {
  secretSealed: string;
  previousSecretSealed: string | null;
  keyId: string;
}

export interface OpenSecrets {
  current: string;
  /** Present while a rotation overlap may still need it (see previous_secret_expires_at). */
  previous: string | null;
}

/** What a sealed value is bound to: a copy moved to another row or column does not open. */
const context = (endpointId: string, column: 'secret' | 'previous_secret') => `notifications.webhook_endpoints/${endpointId}/${column}`;

/** Seals and opens the signing secrets of webhook endpoints with the configured keys. */
export class EndpointSecrets {
  constructor(private readonly box: SecretBox) {}

  static fromConfig(config: Pick<NotificationsConfig, 'WEBHOOK_SECRET_KEYS' | 'WEBHOOK_SECRET_ACTIVE_KEY_ID'>): EndpointSecrets {
    return new EndpointSecrets(new SecretBox(config.WEBHOOK_SECRET_KEYS, activeSecretKeyId(config)));
  }

  get activeKeyId(): string {
    return this.box.activeKeyId;
  }

  hasKey(keyId: string): boolean {
    return this.box.hasKey(keyId);
  }

  seal(endpointId: string, current: string, previous: string | null): SealedSecrets {
    const sealed = this.box.seal(current, context(endpointId, 'secret'));
    return {
      secretSealed: sealed.sealed,
      previousSecretSealed: previous === null ? null : this.box.seal(previous, context(endpointId, 'previous_secret')).sealed,
      keyId: sealed.keyId,
    };
  }

  /** Throws SecretBoxError when the row's key is not configured or its value was altered. */
  open(endpointId: string, row: StoredSecretColumns): OpenSecrets {
    const keyId = row.secretKeyId ?? '';
    // The database check guarantees one form; a row that breaks it opens as nothing.
    if (row.secretKeyId === null || row.secretSealed === null) {
      if (row.secret === null) throw new SecretBoxError('the row holds no secret', keyId);
      return { current: row.secret, previous: row.previousSecret };
    }
    return {
      current: this.box.open(row.secretKeyId, row.secretSealed, context(endpointId, 'secret')),
      previous: row.previousSecretSealed === null ? null : this.box.open(row.secretKeyId, row.previousSecretSealed, context(endpointId, 'previous_secret')),
    };
  }
}
