import { randomUUID } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { buildAsyncApiDocument, createEvent, DELIVERED_EVENT_TYPES, EVENT_CATALOGUE, EVENT_TYPES } from '@exchange/contracts';
import { renderEventCataloguePage } from '../src/event-catalogue/event-catalogue-page';
import { generateWebhookSecret, signatureHeader } from '../src/signing/webhook-signature';
import { webhookBody } from '../src/webhook-sending/delivery.processor';
import { NotificationsHarness } from './support/harness';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeHtml = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);

/** The text of the `<code id="…">` block of the page, as a reader copies it. */
function codeBlock(html: string, id: string): string {
  const match = new RegExp(`<code id="${id}">([\\s\\S]*?)</code>`).exec(html);
  if (!match) throw new Error(`the page has no <code id="${id}"> block`);
  return unescapeHtml(match[1]);
}

type Verify = (secret: string, rawBody: string, headers: Record<string, string>) => unknown;

/** Runs the page's Node snippet as a partner would (CommonJS, its own dependency) and returns its function. */
function nodeVerifier(html: string): Verify {
  const module = { exports: {} as { verifyWebhook?: Verify } };
  runInNewContext(codeBlock(html, 'verify-node'), { require, module, exports: module.exports });
  if (typeof module.exports.verifyWebhook !== 'function') throw new Error('the Node snippet exports no verifyWebhook');
  return module.exports.verifyWebhook;
}

describe('the event catalogue page', () => {
  const harness = new NotificationsHarness();
  let response: Response;
  let html: string;

  beforeAll(async () => {
    await harness.start();
    // No Authorization header: the page is public documentation.
    response = await fetch(`${harness.service.url}/docs/events`);
    html = await response.text();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers GET /docs/events with HTML, without a key', async () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
  });

  it('names every event type with when it is sent, its topic and its key', () => {
    const document = buildAsyncApiDocument();
    for (const type of EVENT_TYPES) {
      const section = new RegExp(`<section id="${type.replace('.', '\\.')}">([\\s\\S]*?)</section>`).exec(html)?.[1];
      expect([type, section === undefined]).toEqual([type, false]);
      const text = unescapeHtml(section!);
      expect(text).toContain(EVENT_CATALOGUE[type].summary);
      const channel = Object.values(document.channels).find((c) => type in c.messages)!;
      expect(text).toContain(channel.address);
      expect(text).toMatch(/Kafka key<\/dt><dd>The <code>[a-zA-Z.]+<\/code> of the payload/);
    }
  });

  it('shows each delivered type with the webhook body the service sends', () => {
    for (const type of DELIVERED_EVENT_TYPES) {
      const section = unescapeHtml(new RegExp(`<section id="${type.replace('.', '\\.')}">([\\s\\S]*?)</section>`).exec(html)![1]);
      const body = JSON.parse(/Example webhook body<\/h3>\s*<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(section)![1]) as unknown;
      expect(body).toEqual({ type, timestamp: expect.any(String), data: EVENT_CATALOGUE[type].example });
    }
  });

  it('gives a Node snippet that accepts a body our signer signed and refuses a tampered one', () => {
    const verifyWebhook = nodeVerifier(html);
    const secret = generateWebhookSecret();
    const event = createEvent({ type: 'application.accepted', data: EVENT_CATALOGUE['application.accepted'].example, source: '/services/applications' });
    const body = webhookBody({ type: event.type, time: new Date(event.time), data: event.data });
    const messageId = event.id;
    const timestamp = Math.floor(Date.now() / 1_000);
    // Two secrets while one rotates: the snippet must accept when either matches.
    const headers = { 'webhook-id': messageId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader([generateWebhookSecret(), secret], messageId, timestamp, body) };

    expect(verifyWebhook(secret, body, headers)).toEqual(JSON.parse(body));
    expect(() => verifyWebhook(secret, body.replace('"fastTrack":false', '"fastTrack":true'), headers)).toThrow();
    expect(() => verifyWebhook(secret, body, { ...headers, 'webhook-id': randomUUID() })).toThrow();
    expect(() => verifyWebhook(generateWebhookSecret(), body, headers)).toThrow();
    const stale = timestamp - 3_600;
    expect(() => verifyWebhook(secret, body, { ...headers, 'webhook-timestamp': String(stale), 'webhook-signature': signatureHeader([secret], messageId, stale, body) })).toThrow();
  });

  it('shows Python and Go snippets too', () => {
    expect(codeBlock(html, 'verify-python')).toContain('def verify_webhook(');
    expect(codeBlock(html, 'verify-go')).toContain('func VerifyWebhook(');
  });

  it('escapes what it shows', () => {
    const document = buildAsyncApiDocument();
    document.components.messages['pilot.started'].summary = '<script>alert("x")</script> & more';
    document.components.messages['pilot.started'].examples[0].payload = { note: '</code><img src=x onerror=alert(1)>' };
    const page = renderEventCataloguePage(document);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(page).toContain('&lt;/code&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
