import { createHmac, timingSafeEqual } from 'node:crypto';
import { OPTIONAL_MAIL_CATEGORIES, type MailCategory } from './mail-content';

/** Who stops which category of mail: what an unsubscribe link carries. */
export interface UnsubscribeRequest {
  personId: string;
  category: Exclude<MailCategory, 'security'>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');

/**
 * A token that lets its holder stop one category of mail for one person, and nothing else: the
 * person and category in clear, and an HMAC of them under MAIL_LINK_SECRET. It does not expire (a
 * link in a year-old mail must still work) and acting on it twice changes nothing.
 */
export function unsubscribeToken(secret: string, request: UnsubscribeRequest): string {
  const payload = `${request.personId}.${request.category}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The request a token stands for, or null when it was not made with this secret (or is malformed). */
export function readUnsubscribeToken(secret: string, token: unknown): UnsubscribeRequest | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [personId, category, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !personId || !category || !signature) return null;
  if (!UUID.test(personId) || !(OPTIONAL_MAIL_CATEGORIES as readonly string[]).includes(category)) return null;
  const expected = Buffer.from(mac(secret, `${personId}.${category}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { personId, category: category as UnsubscribeRequest['category'] };
}

/** The link a mail of this category carries; null for security notices, which cannot be stopped. */
export function unsubscribeUrl(publicUrl: string, secret: string, personId: string, category: MailCategory): string | null {
  if (category === 'security') return null;
  const url = new URL('/v1/mail/unsubscribe', publicUrl);
  url.searchParams.set('token', unsubscribeToken(secret, { personId, category }));
  return url.toString();
}
