import { randomUUID } from 'node:crypto';
import type { OutboxEvent } from '../outbox-writer';

/** A valid event for messaging tests: `n` travels in changedFields so order can be checked. */
export function numberedEvent(key: string, n: number): OutboxEvent<'startup.updated'> {
  return {
    type: 'startup.updated',
    key,
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
