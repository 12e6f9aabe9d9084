import type { EntityManager } from 'typeorm';
import type { NotificationsConfig } from '../config';
import type { DeliveryRef } from './delivery-jobs';
import type { DeliveryQueue } from './delivery-queue';
import type { DeliveryProcessor, TryResult } from './delivery.processor';
import type { AttemptContext, DeliveryRepository } from './delivery.repository';
import { PostCommitDispatch } from './post-commit-dispatch';
import type { SendRate } from './send-rate';

/**
 * Which deliveries start their first attempt here and which go to the queue: the decision alone, with
 * the queue, the processor and the rate budget replaced by fakes (the real path runs in
 * test/first-attempt.spec.ts).
 */
function dispatchWith(options: { enabled?: boolean; concurrency?: number; budget?: number; outcome?: (id: string) => Promise<TryResult> }) {
  const queued: Array<{ refs: DeliveryRef[]; at?: Date }> = [];
  const attempted: string[] = [];
  /** The deliveries whose leases were given back, by id, when (in `queued` terms: before which enqueue). */
  const released: Array<{ id: string; beforeEnqueue: number }> = [];
  const deliveries = {
    releaseLeases: async (leased: AttemptContext[]) => void released.push(...leased.map((ctx) => ({ id: ctx.delivery.id, beforeEnqueue: queued.length }))),
  } as unknown as DeliveryRepository;
  let budget = options.budget ?? Infinity;
  const queue = { enqueue: async (refs: DeliveryRef[], at?: Date) => void queued.push({ refs: [...refs], at }) } as unknown as DeliveryQueue;
  const processor = {
    attempt: (deliveryId: string) => {
      attempted.push(deliveryId);
      return (options.outcome ?? (async () => ({ kind: 'succeeded' }) as TryResult))(deliveryId);
    },
  } as unknown as DeliveryProcessor;
  const rate = {
    take: async (want: number) => {
      const granted = Math.min(want, budget);
      budget -= granted;
      return granted;
    },
  } as unknown as SendRate;
  const config = {
    WEBHOOK_WORKER_ENABLED: options.enabled ?? true,
    WEBHOOK_WORKER_CONCURRENCY: options.concurrency ?? 100,
    WEBHOOK_TIMEOUT_MS: 10_000,
  } as NotificationsConfig;
  const dispatch = new PostCommitDispatch(config, queue, processor, rate, deliveries);
  // Outside a transaction the deliveries are handed on at once.
  const handOn = (refs: DeliveryRef[]) => dispatch.afterCommit({} as EntityManager, refs);
  const queuedIds = () => queued.flatMap((q) => q.refs.map((r) => (typeof r === 'string' ? r : r.deliveryId)));
  return { dispatch, handOn, queued, queuedIds, attempted, released };
}

const ref = (n: number) => ({ deliveryId: `d${n}`, endpointId: 'e1' });
/** A delivery the fan-out created leased until `leaseMs` from now, with its attempt's context. */
const leasedRef = (n: number, leaseMs = 40_000) => ({
  ...ref(n),
  leased: { delivery: { id: `d${n}`, nextAttemptAt: new Date(Date.now() + leaseMs) } } as AttemptContext,
});
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PostCommitDispatch: first attempt here, or the queue', () => {
  it('starts every first attempt here when there is room and budget, and queues nothing after a success', async () => {
    const t = dispatchWith({});
    await t.handOn([ref(1), ref(2)]);
    await settle();
    expect(t.attempted).toEqual(['d1', 'd2']);
    expect(t.queued).toEqual([]);
  });

  it('queues everything when this instance runs no worker', async () => {
    const t = dispatchWith({ enabled: false });
    await t.handOn([ref(1), ref(2)]);
    expect(t.attempted).toEqual([]);
    expect(t.queuedIds()).toEqual(['d1', 'd2']);
  });

  it('queues what is beyond the concurrency, beyond the rate budget, or comes without its endpoint', async () => {
    const held: Array<() => void> = [];
    const hold = () => new Promise<TryResult>((resolve) => held.push(() => resolve({ kind: 'succeeded' })));
    const t = dispatchWith({ concurrency: 2, budget: 3, outcome: hold });
    await t.handOn([ref(1), 'd-without-endpoint', ref(2), ref(3)]);
    expect(t.attempted).toEqual(['d1', 'd2']);
    expect(t.queuedIds()).toEqual(['d-without-endpoint', 'd3']);
    // While the two run, there is no room: the next commit's delivery is queued.
    await t.handOn([ref(4)]);
    expect(t.queuedIds()).toEqual(['d-without-endpoint', 'd3', 'd4']);
    held.splice(0).forEach((release) => release());
    await settle();
    // Room again, one send left in the budget: one attempt, the other queued.
    await t.handOn([ref(5), ref(6)]);
    expect(t.attempted).toEqual(['d1', 'd2', 'd5']);
    expect(t.queuedIds()).toEqual(['d-without-endpoint', 'd3', 'd4', 'd6']);
    held.splice(0).forEach((release) => release());
  });

  it('hands to the queue a retry (delayed until due), a saturated endpoint, an unclaimable delivery and an error', async () => {
    const due = new Date(Date.now() + 60_000);
    const outcomes: Record<string, () => Promise<TryResult>> = {
      d1: async () => ({ kind: 'retry', nextAttemptAt: due }),
      d2: async () => ({ kind: 'saturated' }),
      d3: async () => ({ kind: 'not claimed' }),
      d4: async () => {
        throw new Error('database unreachable');
      },
      d5: async () => ({ kind: 'failed' }),
      d6: async () => ({ kind: 'recorded elsewhere' }),
    };
    const t = dispatchWith({ outcome: (id) => outcomes[id]!() });
    await t.handOn([1, 2, 3, 4, 5, 6].map(ref));
    await settle();
    expect(t.attempted).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    // The attempts run side by side: whichever hands its delivery on first is enqueued first.
    const byDelivery = (q: { refs: DeliveryRef[] }) => (typeof q.refs[0] === 'string' ? q.refs[0] : q.refs[0]!.deliveryId);
    expect([...t.queued].sort((a, b) => byDelivery(a).localeCompare(byDelivery(b)))).toEqual([
      { refs: [ref(1)], at: due },
      { refs: [ref(2)], at: undefined },
      { refs: [ref(3)], at: undefined },
      { refs: [ref(4)], at: undefined },
    ]);
  });

  it('gives a leased delivery’s lease back before it goes to the queue, and keeps it while a request may be out', async () => {
    const outcomes: Record<string, () => Promise<TryResult>> = {
      d2: async () => ({ kind: 'saturated' }),
      d3: async () => {
        throw new Error('the request may have gone out');
      },
    };
    const t = dispatchWith({ concurrency: 3, outcome: (id) => (outcomes[id] ?? (async () => ({ kind: 'succeeded' }) as TryResult))() });
    // d1 succeeds, d2 finds its endpoint saturated, d3 fails midway, d4 has no room, and d5's lease
    // would not cover a whole attempt any more (its consumer's transaction took long).
    await t.handOn([leasedRef(1), leasedRef(2), leasedRef(3), leasedRef(4), leasedRef(5, 12_000)]);
    await settle();
    expect(t.attempted).toEqual(['d1', 'd2', 'd3']);
    expect(t.queuedIds().sort()).toEqual(['d2', 'd3', 'd4', 'd5']);
    // Given back, each before its enqueue: what had no room or lease left, and the saturated one.
    expect(t.released.map((r) => r.id).sort()).toEqual(['d2', 'd4', 'd5']);
    for (const r of t.released) expect(t.queued.slice(r.beforeEnqueue).flatMap((q) => q.refs.map((x) => (typeof x === 'string' ? x : x.deliveryId)))).toContain(r.id);
  });

  it('leases first attempts only while this instance makes them', async () => {
    const t = dispatchWith({});
    const until = t.dispatch.leaseUntil();
    expect(until!.getTime()).toBeGreaterThan(Date.now() + 10_000 + 5_000);
    await t.dispatch.drain();
    expect(t.dispatch.leaseUntil()).toBeNull();
    expect(dispatchWith({ enabled: false }).dispatch.leaseUntil()).toBeNull();
  });

  it('drains: waits for the attempts running, then queues what commits afterwards', async () => {
    let release!: () => void;
    const t = dispatchWith({ outcome: () => new Promise<TryResult>((resolve) => (release = () => resolve({ kind: 'succeeded' }))) });
    await t.handOn([ref(1)]);
    let drained = false;
    const draining = t.dispatch.drain().then(() => (drained = true));
    await settle();
    expect(drained).toBe(false);
    release();
    await draining;
    expect(drained).toBe(true);
    await t.handOn([ref(2)]);
    expect(t.attempted).toEqual(['d1']);
    expect(t.queuedIds()).toEqual(['d2']);
  });
});
