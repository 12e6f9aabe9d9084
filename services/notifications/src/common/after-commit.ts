import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { getLogger } from '@exchange/platform';

/**
 * Collects what a transaction created and hands it on only once the transaction has committed (a job
 * must never run before its row is visible, nor for a row that rolled back). Listens to TypeORM's
 * transaction events; one flush per transaction, however many calls added to it. A crash between
 * the commit and the flush leaves rows without a job: each user has a sweeper that finds them.
 */
export abstract class AfterCommitBatcher<T> implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, T[]>();
  private readonly log = getLogger({ component: 'after-commit' });

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly what: string,
  ) {}

  /** Hands the items on after the transaction commits; at once when `tx` is not in one. */
  protected abstract flush(items: T[]): Promise<void>;

  /** Registers with the data source (call from onModuleInit). */
  protected listen(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async afterCommit(tx: EntityManager, items: readonly T[]): Promise<void> {
    if (items.length === 0) return;
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) return this.safeFlush([...items]);
    const list = this.pending.get(runner) ?? [];
    list.push(...items);
    this.pending.set(runner, list);
  }

  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> | void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint was released; the outer transaction goes on
    const items = this.pending.get(runner);
    if (!items) return;
    this.pending.delete(runner);
    return this.safeFlush(items);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
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
