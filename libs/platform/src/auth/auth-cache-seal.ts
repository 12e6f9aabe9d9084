import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthenticatedPrincipal } from './authenticated-principal';

/** What the key cache keeps about a verified key. */
export interface CachedKey {
  principal: AuthenticatedPrincipal;
  /** The key's own expiry (ISO 8601), or null. */
  expiresAt: string | null;
  /**
   * When this entry stops counting (ms since the epoch), signed with it: a copy of a genuine entry
   * written back later (after a revocation, say) is worthless once this time has passed.
   */
  cachedUntil: number;
}

const VERSION = 'v1';
const MAC_HEX_LENGTH = 64;

/** Why a cached value was not trusted (the label of the metric that counts them). */
export type SealRejection = 'unsigned' | 'bad_mac' | 'malformed';

/**
 * Binds cached principals to a server-side secret: the value is `v1.<HMAC-SHA256>.<json>`, the MAC
 * taken over the key hash and the JSON, so an entry can be neither forged nor moved to another key
 * by whoever can write to Redis. The JSON is parsed only after its MAC checked out.
 */
export class AuthCacheSeal {
  constructor(private readonly secret: string) {}

  seal(keyHash: string, entry: CachedKey): string {
    const json = JSON.stringify(entry);
    return `${VERSION}.${this.mac(keyHash, json)}.${json}`;
  }

  open(keyHash: string, value: string): CachedKey | { rejected: SealRejection } {
    const head = `${VERSION}.`;
    if (!value.startsWith(head) || value.charAt(head.length + MAC_HEX_LENGTH) !== '.') return { rejected: 'unsigned' };
    const given = Buffer.from(value.slice(head.length, head.length + MAC_HEX_LENGTH), 'hex');
    const json = value.slice(head.length + MAC_HEX_LENGTH + 1);
    const expected = Buffer.from(this.mac(keyHash, json), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { rejected: 'bad_mac' };
    try {
      const entry = JSON.parse(json) as CachedKey;
      if (typeof entry.cachedUntil !== 'number' || typeof entry.principal?.role !== 'string') return { rejected: 'malformed' };
      return entry;
    } catch {
      return { rejected: 'malformed' };
    }
  }

  private mac(keyHash: string, json: string): string {
    return createHmac('sha256', this.secret).update(`auth-cache:${VERSION}\n${keyHash}\n${json}`, 'utf8').digest('hex');
  }
}

export function isRejection(opened: CachedKey | { rejected: SealRejection }): opened is { rejected: SealRejection } {
  return 'rejected' in opened;
}
