import { DELIVERED_EVENT_TYPES, WEBHOOK_TEST_EVENT_TYPE, type AsyncApiDocument, type AsyncApiMessage } from '@exchange/contracts';
import { webhookBody } from '../webhook-sending/delivery.processor';
import { VERIFICATION_SNIPPETS } from './verification-snippets';
import { escapeHtml } from '../common/html';


/** Escaped text where `code` spans (as the documents write them) become <code>. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

interface EventView {
  message: AsyncApiMessage;
  topic: string;
  producer: string;
  delivered: boolean;
}

/** Each message with the topic that carries it and the service that sends it, in the document's order. */
function eventViews(document: AsyncApiDocument): EventView[] {
  const delivered: ReadonlySet<string> = new Set(DELIVERED_EVENT_TYPES);
  const views: EventView[] = [];
  for (const [channelName, channel] of Object.entries(document.channels)) {
    const operation = Object.values(document.operations).find((o) => o.channel.$ref === `#/channels/${channelName}`);
    const producer = operation?.tags[0]?.name.replace(/^service:/, '') ?? channelName;
    for (const ref of Object.values(channel.messages)) {
      const message = document.components.messages[ref.$ref.replace('#/components/messages/', '')];
      views.push({ message, topic: channel.address, producer, delivered: delivered.has(message.name) });
    }
  }
  return views;
}

/** The body a partner receives for this message's example, exactly as the delivery worker builds it. */
function exampleWebhookBody(message: AsyncApiMessage): string {
  const [example] = message.examples;
  const body = webhookBody({ type: message.name, time: new Date(example.headers.ce_time), data: example.payload });
  return JSON.stringify(JSON.parse(body), null, 2);
}

function eventSection({ message, topic, producer, delivered }: EventView): string {
  const example = delivered
    ? `<h3>Example webhook body</h3>\n<pre><code>${escapeHtml(exampleWebhookBody(message))}</code></pre>`
    : `<p class="note">Not delivered as a webhook: it belongs to no programme, so no partner agency receives it. Example Kafka value:</p>\n` +
      `<pre><code>${escapeHtml(JSON.stringify(message.examples[0].payload, null, 2))}</code></pre>`;
  return [
    `<section id="${escapeHtml(message.name)}">`,
    `<h2><code>${escapeHtml(message.name)}</code></h2>`,
    `<p>${prose(message.summary)}</p>`,
    '<dl>',
    `<dt>Topic</dt><dd><code>${escapeHtml(topic)}</code>, sent by the ${escapeHtml(producer)} service</dd>`,
    `<dt>Kafka key</dt><dd>${prose(String(message.bindings.kafka.key.description ?? ''))}</dd>`,
    `<dt>Webhook</dt><dd>${delivered ? 'Delivered to subscribed partner agencies entitled to the event' : 'Not delivered'}</dd>`,
    '</dl>',
    example,
    '</section>',
  ].join('\n');
}

function verificationSection(): string {
  const snippets = VERIFICATION_SNIPPETS.map(
    (s) => `<h3>${escapeHtml(s.language)}</h3>\n<pre><code id="${escapeHtml(s.id)}">${escapeHtml(s.code)}</code></pre>`,
  );
  return [
    '<section id="verifying-signatures">',
    '<h2>Verifying a webhook</h2>',
    '<p>Every request follows <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>: it carries <code>webhook-id</code> (the event id, the same on every retry), ' +
      '<code>webhook-timestamp</code> (Unix seconds) and <code>webhook-signature</code>: space-separated <code>v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</code>, ' +
      'keyed with the base64 part of the endpoint&#39;s <code>whsec_</code> secret (two while a secret rotates; accept when any one matches). ' +
      'Verify the raw body before parsing it, refuse timestamps more than a few minutes off, and skip a <code>webhook-id</code> already handled. ' +
      `Answer 2xx quickly; 410 disables the endpoint; 429 and 503 are retried after their <code>Retry-After</code>. ` +
      `<code>${escapeHtml(WEBHOOK_TEST_EVENT_TYPE)}</code> is the test event an endpoint&#39;s owner can ask for.</p>`,
    ...snippets,
    '</section>',
  ].join('\n');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
pre{background:#f5f5f5;padding:.75rem;overflow-x:auto;font-size:.85rem}code{font-family:ui-monospace,monospace}
section{border-top:1px solid #ddd;margin-top:2rem}dt{font-weight:600}dd{margin:0 0 .5rem 0}.note{color:#555}
nav ul{columns:2}`;

/**
 * The event catalogue page (GET /docs/events): for each event type, when it is sent, its topic and
 * key, an example webhook body, and how to verify a signature. Rendered from the AsyncAPI document;
 * every value is escaped. No script: the docs' content security policy applies.
 */
export function renderEventCataloguePage(document: AsyncApiDocument): string {
  const views = eventViews(document);
  const toc = views.map(({ message }) => `<li><a href="#${escapeHtml(message.name)}"><code>${escapeHtml(message.name)}</code></a></li>`);
  const description = document.info.description.split(/\n\s*\n/).map((paragraph) => `<p>${prose(paragraph)}</p>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.info.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>`,
    ...description,
    '<p>Partner agencies receive these events as signed webhooks (see <a href="#verifying-signatures">verifying a webhook</a>); ' +
      'the HTTP API and the webhook schemas are described at <a href="/docs">/docs</a>.</p>',
    `<nav><ul>\n${toc.join('\n')}\n</ul></nav>`,
    ...views.map(eventSection),
    verificationSection(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

