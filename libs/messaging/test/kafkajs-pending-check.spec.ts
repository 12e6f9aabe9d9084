import { createKafka } from '@exchange/messaging';
import { testKafkaSettings } from '@exchange/messaging/testing';
import { PATCHED_KAFKAJS_VERSION, RequestQueue, type RequestQueueInternals } from '../src/kafkajs-pending-check';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** kafkajs's request queue checks its pending requests only when one waits (kafkajs-pending-check.ts). */
describe('kafkajs request queue: no timer while nothing waits', () => {
  it('is the kafkajs the replacement was written for, and the replacement is installed', () => {
    expect((require('kafkajs/package.json') as { version: string }).version).toBe(PATCHED_KAFKAJS_VERSION);
    expect(RequestQueue.prototype.scheduleCheckPendingRequests.name).toBe('scheduleCheckPendingRequests');
    expect(RequestQueue.prototype.scheduleCheckPendingRequests.toString()).toContain('this.pending.length === 0');
  });

  it('lets an idle connection to the real broker sleep: no pending-request checks in a second', async () => {
    const original = RequestQueue.prototype.checkPendingRequests;
    let checks = 0;
    RequestQueue.prototype.checkPendingRequests = function (this: RequestQueueInternals) {
      checks += 1;
      return original.call(this);
    };
    const admin = createKafka(testKafkaSettings('pending-check')).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      await sleep(100);
      checks = 0;
      await sleep(1_000);
      // kafkajs's own schedule checked about a thousand times here (a 1 ms timer per connection).
      expect(checks).toBeLessThan(5);
      // And the connection still works.
      expect(Array.isArray(await admin.listTopics())).toBe(true);
    } finally {
      RequestQueue.prototype.checkPendingRequests = original;
      await admin.disconnect();
    }
  });

  describe('one queue, its sending replaced by a recorder', () => {
    function queue() {
      const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
      const q = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 1_000, enforceRequestTimeout: false, clientId: 'test', broker: 'test:9092', logger });
      const checkedAt: number[] = [];
      q.checkPendingRequests = () => void checkedAt.push(Date.now());
      return { q, checkedAt };
    }

    it('arms no check when nothing waits', async () => {
      const { q, checkedAt } = queue();
      q.scheduleCheckPendingRequests();
      expect(q.throttleCheckTimeoutId).toBeNull();
      await sleep(50);
      expect(checkedAt).toEqual([]);
    });

    it('checks a waiting request after 10 ms, or when the broker’s throttle ends', async () => {
      const { q, checkedAt } = queue();
      q.pending.push({});
      let armedAt = Date.now();
      q.scheduleCheckPendingRequests();
      // Armed once, however often it is asked.
      const timer = q.throttleCheckTimeoutId;
      q.scheduleCheckPendingRequests();
      expect(q.throttleCheckTimeoutId).toBe(timer);
      await sleep(60);
      expect(checkedAt).toHaveLength(1);
      expect(checkedAt[0] - armedAt).toBeGreaterThanOrEqual(9);

      q.throttleCheckTimeoutId = null;
      q.throttledUntil = Date.now() + 150;
      armedAt = Date.now();
      q.scheduleCheckPendingRequests();
      await sleep(60);
      expect(checkedAt).toHaveLength(1);
      await sleep(150);
      expect(checkedAt).toHaveLength(2);
      expect(checkedAt[1] - armedAt).toBeGreaterThanOrEqual(145);
    });
  });
});
