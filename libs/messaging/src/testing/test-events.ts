import { randomUUID } from 'node:crypto';
import { createEvent, envelopeHeaders } from '@exchange/contracts';
import type { OutboxEvent } from '../outbox-writer';

/** A valid event for messaging tests: `n` travels in changedFields so order can be checked. */
export function numberedEvent(key: string, n: number): OutboxEvent<'startup.updated'> {
  return {
    type: 'startup.updated',
    id: randomUUID(),
    data: {
      startup: {
        id: key,
        name: '테스트 스타트업',
        nameLatin: 'Test Startup',
        country: 'KR',
        technologyFields: ['medtech'],
        readinessLevel: 6,
        languages: ['ko'],
      },
      changedFields: [String(n)],
    },
  };
}

/** `numberedEvent` as the relay puts it on a topic, for specs that produce straight to Kafka. */
export function numberedMessage(key: string, n: number): { key: string; value: string; headers: Record<string, string> } {
  const e = numberedEvent(key, n);
  const envelope = createEvent({ type: e.type, data: e.data, source: '/test', id: e.id });
  return { key, value: JSON.stringify(envelope.data), headers: envelopeHeaders(envelope) };
}
