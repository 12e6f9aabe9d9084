import type { Logger } from 'pino';
import { PeriodicJob, type PeriodicJobOptions } from './periodic-job';

const EVERY = 1_000;

/** A pass the test ends by hand, to hold one in flight. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function job(run: () => Promise<unknown>, options: Partial<PeriodicJobOptions> = {}) {
  const logger = { warn: jest.fn(), error: jest.fn() };
  const periodic = new PeriodicJob({ name: 'test sweep', intervalMs: EVERY, run, logger: logger as unknown as Logger, ...options });
  return { periodic, logger };
}

describe('PeriodicJob', () => {
  let stopLater: PeriodicJob[] = [];
  beforeEach(() => jest.useFakeTimers());
  afterEach(async () => {
    await Promise.all(stopLater.map((p) => p.stop()));
    stopLater = [];
    jest.useRealTimers();
  });
  const started = (periodic: PeriodicJob) => {
    stopLater.push(periodic);
    periodic.start();
    return periodic;
  };

  it('runs one pass per interval once started, and none before', async () => {
    const run = jest.fn(async () => 0);
    const { periodic } = job(run);
    await jest.advanceTimersByTimeAsync(EVERY * 3);
    expect(run).not.toHaveBeenCalled();
    started(periodic);
    started(periodic); // a second start keeps the one timer
    await jest.advanceTimersByTimeAsync(EVERY - 1);
    expect(run).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(EVERY * 2);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it.each([0, -1, Number.NaN])('never starts with an interval of %p', async (intervalMs) => {
    const run = jest.fn(async () => 0);
    const { periodic } = job(run, { intervalMs });
    started(periodic);
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(EVERY * 10);
    expect(run).not.toHaveBeenCalled();
  });

  it('skips the ticks that find the previous pass still going, then runs again', async () => {
    const slow = deferred();
    const run = jest.fn().mockReturnValueOnce(slow.promise).mockResolvedValue(0);
    started(job(run).periodic);
    await jest.advanceTimersByTimeAsync(EVERY * 5);
    expect(run).toHaveBeenCalledTimes(1);
    slow.resolve();
    await jest.advanceTimersByTimeAsync(EVERY);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('logs a failed pass with the job name and runs again on the next tick', async () => {
    const run = jest.fn().mockRejectedValueOnce(new Error('connection reset')).mockResolvedValue(0);
    const { periodic, logger } = job(run);
    started(periodic);
    await jest.advanceTimersByTimeAsync(EVERY);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith({ job: 'test sweep', err: 'connection reset' }, 'test sweep failed; retrying on the next tick');
    await jest.advanceTimersByTimeAsync(EVERY);
    expect(run).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('logs at the level the owner asks for, and survives a pass that throws before its first await', async () => {
    const run = jest
      .fn()
      .mockImplementationOnce(() => {
        throw new Error('not a promise');
      })
      .mockResolvedValue(0);
    const { periodic, logger } = job(run, { failureLevel: 'error' });
    started(periodic);
    await jest.advanceTimersByTimeAsync(EVERY);
    expect(logger.error).toHaveBeenCalledWith({ job: 'test sweep', err: 'not a promise' }, 'test sweep failed; retrying on the next tick');
    expect(logger.warn).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(EVERY);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('stops ticking at once and resolves only when the pass in flight has ended', async () => {
    const slow = deferred();
    const run = jest.fn().mockReturnValueOnce(slow.promise).mockResolvedValue(0);
    const { periodic } = job(run);
    started(periodic);
    await jest.advanceTimersByTimeAsync(EVERY);
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(EVERY * 3);
    expect(stopped).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    slow.reject(new Error('interrupted')); // a pass that fails while stopping still lets the stop end
    await stopping;
    expect(stopped).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('stops at once when no pass is running', async () => {
    const run = jest.fn(async () => 0);
    const { periodic } = job(run);
    started(periodic);
    await periodic.stop();
    await jest.advanceTimersByTimeAsync(EVERY * 3);
    expect(run).not.toHaveBeenCalled();
  });
});
