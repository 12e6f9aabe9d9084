import type { EntityManager } from 'typeorm';
import { transactionRunnerOf, type PipelinedQueryRunner } from '@exchange/data';
import { getLogger } from '@exchange/platform';

/**
 * Collects what a transaction created and hands it on only once the transaction has committed (a job
 * must never run before its row is visible, nor for a row that rolled back), through the
 * transaction's `afterCommit` (libs/data). One flush per transaction, however many calls added to it.
 * A crash between the commit and the flush leaves rows without a job: each user has a sweeper that
 * finds them.
 */
export abstract class AfterCommitBatcher<T> {
  private readonly pending = new WeakMap<PipelinedQueryRunner, T[]>();
  private readonly log = getLogger({ component: 'after-commit' });

  protected constructor(private readonly what: string) {}

  /** Hands the items on after the transaction commits; at once when `tx` is not in one. */
  protected abstract flush(items: T[]): Promise<void>;

  async afterCommit(tx: EntityManager, items: readonly T[]): Promise<void> {
    if (items.length === 0) return;
    const runner = transactionRunnerOf(tx);
    if (!runner) return this.safeFlush([...items]);
    const list = this.pending.get(runner);
    if (list) {
      list.push(...items);
      return;
    }
    const first = [...items];
    this.pending.set(runner, first);
    runner.afterCommit(() => {
      this.pending.delete(runner);
      return this.safeFlush(first);
    });
  }

  private async safeFlush(items: T[]): Promise<void> {
    try {
      await this.flush(items);
    } catch (error) {
      // Never fail the committed transaction's caller: the sweeper enqueues these later.
      this.log.warn({ err: (error as Error).message, what: this.what, count: items.length }, 'enqueue after commit failed; the sweeper will retry');
    }
  }
}
