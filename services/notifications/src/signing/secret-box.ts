import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest. A sealed value is base64 of nonce (12 bytes) ‖ tag (16) ‖
 * ciphertext; the id of the key that sealed it is stored beside it (not inside), so keys can rotate:
 * new writes use the active key, older keys stay configured to open what they sealed until the
 * re-encrypt command has moved every row.
 */
export interface SecretKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Opening failed: an unknown key id, or a value that was altered or sealed for another context. */
export class SecretBoxError extends Error {
  constructor(
    message: string,
    readonly keyId: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Parses `id:base64key,id:base64key` (each key exactly 32 bytes once decoded). Returns the keys, or
 * the problem in words that never quote a key.
 */
export function parseSecretKeys(text: string): SecretKey[] | string {
  const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return 'must list at least one key as id:base64key';
  const keys: SecretKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const encoded = colon < 0 ? '' : entry.slice(colon + 1);
    const which = `entry ${index + 1}`;
    if (!SECRET_KEY_ID_PATTERN.test(id)) return `${which} must be id:base64key with an id of 1 to 32 letters, digits, - or _`;
    if (keys.some((k) => k.id === id)) return `key id "${id}" is listed twice`;
    const key = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length !== SECRET_KEY_BYTES) {
      return `key "${id}" must be ${SECRET_KEY_BYTES} bytes in base64 (e.g. the output of: openssl rand -base64 32)`;
    }
    keys.push({ id, key });
  }
  return keys;
}

export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly activeKey: Buffer;

  constructor(
    keys: readonly SecretKey[],
    readonly activeKeyId: string,
  ) {
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    const active = this.keys.get(activeKeyId);
    if (!active) throw new Error(`the active key id "${activeKeyId}" is not among the configured keys`);
    this.activeKey = active;
  }

  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /**
   * Seals `plaintext` under the active key. `context` (what the value is and whose) is authenticated
   * with it, so a sealed value copied to another row or column does not open there.
   */
  seal(plaintext: string, context: string): { keyId: string; sealed: string } {
    const keyId = this.activeKeyId;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.activeKey, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId, sealed: Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64') };
  }

  open(keyId: string, sealed: string, context: string): string {
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`no key "${keyId}" is configured to open this secret`, keyId);
    const bytes = Buffer.from(sealed, 'base64');
    if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError('the sealed secret is truncated', keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(keyId, context));
      decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`the sealed secret does not open with key "${keyId}" (altered, or sealed for another row)`, keyId);
    }
  }
}

function additionalData(keyId: string, context: string): Buffer {
  return Buffer.from(`${keyId}\n${context}`, 'utf8');
}
