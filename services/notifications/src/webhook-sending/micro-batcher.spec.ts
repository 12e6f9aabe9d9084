import { MicroBatcher } from './micro-batcher';

/** A run whose batches stay open until released, recording what each batch held. */
function controlledRun(fail: (inputs: number[]) => boolean = () => false) {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const run = (inputs: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      batches.push(inputs);
      releases.push(() => (fail(inputs) ? reject(new Error(`failed ${inputs.join(',')}`)) : resolve(inputs.map((i) => i * 10))));
    });
  return { run, batches, releaseAll: () => releases.splice(0).forEach((r) => r()) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  it('sends the calls of one tick together, and the calls made while the batches run in the next one', async () => {
    const c = controlledRun();
    const batcher = new MicroBatcher(c.run, 100, 1);
    const first = [1, 2, 3].map((i) => batcher.submit(i));
    await flush();
    const second = [4, 5].map((i) => batcher.submit(i));
    await flush();
    expect(c.batches).toEqual([[1, 2, 3]]);
    c.releaseAll();
    await expect(Promise.all(first)).resolves.toEqual([10, 20, 30]);
    await flush();
    expect(c.batches).toEqual([[1, 2, 3], [4, 5]]);
    c.releaseAll();
    await expect(Promise.all(second)).resolves.toEqual([40, 50]);
  });

  it('runs at most maxInFlight batches of at most maxBatch items', async () => {
    const c = controlledRun();
    const batcher = new MicroBatcher(c.run, 2, 2);
    const all = [1, 2, 3, 4, 5].map((i) => batcher.submit(i));
    await flush();
    expect(c.batches).toEqual([[1, 2], [3, 4]]);
    c.releaseAll();
    await flush();
    expect(c.batches).toEqual([[1, 2], [3, 4], [5]]);
    c.releaseAll();
    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50]);
  });

  it('retries a failed batch item by item: only the failing item fails', async () => {
    const c = controlledRun((inputs) => inputs.includes(2));
    const batcher = new MicroBatcher(c.run, 100, 1);
    const settled = Promise.allSettled([1, 2, 3].map((i) => batcher.submit(i)));
    await flush();
    c.releaseAll(); // the batch [1, 2, 3] fails
    for (let i = 0; i < 3; i++) {
      await flush();
      c.releaseAll();
    }
    const [one, two, three] = await settled;
    expect(one).toEqual({ status: 'fulfilled', value: 10 });
    expect(two).toMatchObject({ status: 'rejected', reason: new Error('failed 2') });
    expect(three).toEqual({ status: 'fulfilled', value: 30 });
    expect(c.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
