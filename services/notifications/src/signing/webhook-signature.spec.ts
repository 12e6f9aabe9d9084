import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, secretKey, signatureHeader, signatureMatches, signPayload } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({ type: 'pilot.approved', timestamp: '2026-11-25T10:00:00.000Z', data: { name: '서울 파일럿', n: 1 } });
  const id = '1b4c2d9e-8f57-4c55-9a1b-5a1f0e0c7d11';

  it('makes whsec_ secrets of at least 24 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(secretKey(a).length).toBeGreaterThanOrEqual(24);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('produces signatures that the specification’s own library verifies', () => {
    const secret = generateWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader([secret], id, timestamp, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with both secrets during a rotation, and each verifies on its own', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader([current, previous], id, timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('is refused by the library when the body, id or timestamp changed', () => {
    const secret = generateWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signPayload(secret, id, timestamp, body);
    const wh = new Webhook(secret);
    expect(() => wh.verify(`${body} `, { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toThrow();
    expect(() => wh.verify(body, { 'webhook-id': 'other', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toThrow();
    expect(() => wh.verify(body, { 'webhook-id': id, 'webhook-timestamp': String(timestamp + 1), 'webhook-signature': signature })).toThrow();
    expect(signatureMatches(signature, secret, id, timestamp, body)).toBe(true);
    expect(signatureMatches(signature, secret, id, timestamp, `${body} `)).toBe(false);
  });

  it('refuses secrets without the prefix or too short', () => {
    expect(() => secretKey('abc')).toThrow('whsec_');
    expect(() => secretKey(`whsec_${Buffer.alloc(16).toString('base64')}`)).toThrow('24 bytes');
  });
});
