import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventKey, Topics, type EventType } from '@exchange/contracts';
import { parse } from 'yaml';
import { EventContract, WebhookContract, type DocumentWithWebhooks, type PublishedRecord, type ReceivedWebhook } from './published-contracts';

/**
 * The journey holds every Kafka message and every webhook to the published documents with these two
 * checks; here they are shown to pass what the documents' own examples describe and to catch each way
 * a message can break its contract (so a journey that passes them has proven something).
 */
const repository = join(__dirname, '../..');
const asyncApi = parse(readFileSync(join(repository, 'docs/asyncapi.yaml'), 'utf8')) as {
  components: { messages: Record<string, { examples: Array<{ headers: Record<string, string>; payload: Record<string, unknown> }> }> };
};
const notifications = JSON.parse(readFileSync(join(repository, 'docs/openapi/notifications.json'), 'utf8')) as DocumentWithWebhooks & {
  webhooks: Record<string, { post: { requestBody: { content: { 'application/json': { example: unknown } } } } }>;
};

/** The AsyncAPI example of a type as a Kafka record would carry it. */
function exampleRecord(type: EventType, topic: string): PublishedRecord & { headers: Record<string, string> } {
  const { headers, payload } = asyncApi.components.messages[type].examples[0];
  return { topic, key: Buffer.from(eventKey(type, payload as never)), value: Buffer.from(JSON.stringify(payload)), headers: { ...headers } };
}

/** The notifications document's example of a webhook type, with well-formed signature headers. */
function exampleWebhook(type: string): ReceivedWebhook & { body: Record<string, unknown> } {
  return {
    headers: {
      'webhook-id': '0f6b3c2a-8d4e-4f1a-9b7c-2e5d8a1f3c64',
      'webhook-timestamp': '1900000000',
      'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,3AuqHD1EBz/IrmW2VVPxJkZ2Qrgsp+LmU4hhuQdGUKM=',
    },
    body: structuredClone(notifications.webhooks[type].post.requestBody.content['application/json'].example) as Record<string, unknown>,
  };
}

describe('the event contract: Kafka messages against docs/asyncapi.yaml', () => {
  const contract = EventContract.fromRepository();

  it('passes every example message of the document on its own topic', () => {
    for (const [type, message] of Object.entries(asyncApi.components.messages)) {
      const topic = Object.values(Topics).find((t) => t.split('.')[1] === message.examples[0].headers.ce_source.split('/').pop());
      expect({ type, problems: contract.problems(exampleRecord(type as EventType, topic!)) }).toEqual({ type, problems: [] });
    }
  });

  it('names the field of a payload that breaks its schema', () => {
    const record = exampleRecord('application.accepted', Topics.applications);
    const payload = JSON.parse(record.value!.toString()) as Record<string, unknown>;
    delete payload.reason;
    payload.decidedBy = 'not-a-uuid';
    expect(contract.problems({ ...record, value: Buffer.from(JSON.stringify(payload)) })).toEqual([
      expect.stringMatching(/^application\.accepted on exchange\.applications\.v\d+ payload must have required property 'reason'/),
      expect.stringMatching(/payload\/decidedBy must match pattern/),
      expect.stringMatching(/payload\/decidedBy must match format "uuid"/),
    ]);
  });

  it('catches a message on the wrong topic, with a missing or wrong header, a bad key or a value that is not JSON', () => {
    const record = exampleRecord('pilot.started', Topics.pilots);
    expect(contract.problems({ ...record, topic: Topics.cohorts })).toEqual([expect.stringMatching(/the document puts it on exchange\.pilots/)]);
    const { ce_id: _id, ...withoutId } = record.headers;
    expect(contract.problems({ ...record, headers: withoutId })).toEqual([expect.stringMatching(/headers must have required property 'ce_id'/)]);
    expect(contract.problems({ ...record, headers: { ...record.headers, ce_source: '/services/cohorts' } })).toEqual([
      expect.stringMatching(/headers\/ce_source must be equal to constant/),
    ]);
    expect(contract.problems({ ...record, key: null })).toEqual([expect.stringMatching(/key must be string/)]);
    expect(contract.problems({ ...record, key: 'startup-1' })).toEqual([expect.stringMatching(/key must match format "uuid"/)]);
    expect(contract.problems({ ...record, value: Buffer.from('{not json') })).toEqual([expect.stringMatching(/the value is not JSON/)]);
  });

  it('refuses a type the document does not describe', () => {
    const record = exampleRecord('pilot.started', Topics.pilots);
    expect(contract.problems({ ...record, headers: { ...record.headers, ce_type: 'pilot.teleported' } })).toEqual([
      expect.stringMatching(/ce_type "pilot\.teleported" is not a message of the document/),
    ]);
  });
});

describe('the webhook contract: requests against the webhooks of the notifications OpenAPI document', () => {
  const contract = new WebhookContract(notifications);

  it('passes the example of every webhook type', () => {
    expect(contract.types.length).toBeGreaterThan(20);
    for (const type of contract.types) expect({ type, problems: contract.problems(exampleWebhook(type)) }).toEqual({ type, problems: [] });
  });

  it('names what breaks the body: a field of the data, the timestamp, a type that does not match its entry', () => {
    const webhook = exampleWebhook('cohort.offer_made');
    (webhook.body.data as Record<string, unknown>).deadline = 'next week';
    webhook.body.timestamp = 'yesterday';
    expect(contract.problems(webhook)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cohort\.offer_made body\/data\/deadline must match format "date-time"/),
        expect.stringMatching(/body\/timestamp must match format "date-time"/),
      ]),
    );
    expect(contract.problems({ ...webhook, body: { ...webhook.body, type: 'cohort.offer_exploded' } })).toEqual([
      'webhook type "cohort.offer_exploded" is not in the document\'s webhooks',
    ]);
  });

  it('names a missing or malformed signature header', () => {
    const webhook = exampleWebhook('pilot.completed');
    const { 'webhook-signature': _signature, ...unsigned } = webhook.headers;
    expect(contract.problems({ ...webhook, headers: unsigned })).toEqual(['pilot.completed header webhook-signature is missing']);
    expect(contract.problems({ ...webhook, headers: { ...webhook.headers, 'webhook-timestamp': '2030-01-01T00:00:00Z', 'webhook-id': 'msg_1' } })).toEqual([
      expect.stringMatching(/header webhook-id must match format "uuid"/),
      expect.stringMatching(/header webhook-timestamp must match pattern/),
    ]);
  });
});
