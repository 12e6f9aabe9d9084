import { activeSecretKeyId, type NotificationsConfig } from '../config';
import { SecretBox, SecretBoxError } from './secret-box';

/**
 * The secret columns of a `notifications.webhook_endpoints` row. A row is either sealed (`key_id`
 * set, `secret_sealed` and maybe `previous_secret_sealed`) or, written before secrets were
 * encrypted, still plain (`key_id` null, `secret` and maybe `previous_secret`) until the re-encrypt
 * command seals it. A database check keeps the two forms apart.
 */
export interface StoredSecretColumns {
  secret: string | null;
  previous_secret: string | null;
  secret_sealed: string | null;
  previous_secret_sealed: string | null;
  secret_key_id: string | null;
}

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
    const keyId = row.secret_key_id ?? '';
    // The database check guarantees one form; a row that breaks it opens as nothing.
    if (row.secret_key_id === null || row.secret_sealed === null) {
      if (row.secret === null) throw new SecretBoxError('the row holds no secret', keyId);
      return { current: row.secret, previous: row.previous_secret };
    }
    return {
      current: this.box.open(row.secret_key_id, row.secret_sealed, context(endpointId, 'secret')),
      previous: row.previous_secret_sealed === null ? null : this.box.open(row.secret_key_id, row.previous_secret_sealed, context(endpointId, 'previous_secret')),
    };
  }
}
