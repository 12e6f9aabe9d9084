/** The next offset to read of one partition, as Kafka's offset commit takes it. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

export interface OffsetCommitterOptions {
  /** Sends one offset-commit request for these partitions. */
  commit: (offsets: PartitionOffset[]) => Promise<void>;
  /**
   * Makes the effects of the handled messages durable before their offsets move (the consumer's
   * transactions may commit asynchronously); a failure keeps the offsets for the next commit.
   */
  beforeCommit?: () => Promise<void>;
  /** Commit at least this often while messages are being handled (and when idle, by a timer). */
  intervalMs: number;
  /** Commit at once after this many handled messages, whatever the interval. */
  maxMessages: number;
  onError: (error: Error) => void;
}

/**
 * Commits a consumer's offsets on a timer, not once per fetched batch. An offset commit is a broker
 * request and a write to the offsets log; at tens of events a second every batch holds one message,
 * so committing per batch costs a request per event and per consumer group. Offsets still move only
 * after the effects of the messages before them committed in the database: what a crash loses is at
 * most `intervalMs` of commits, which Kafka re-delivers and the inbox skips.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, PartitionOffset>();
  private messages = 0;
  private lastCommit = Date.now();
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: OffsetCommitterOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.commitIfDue(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Records that every message of the partition up to `offset` took effect (`count` of them now). */
  handled(topic: string, partition: number, offset: string, count: number): void {
    this.pending.set(`${topic}\u0000${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    this.messages += count;
  }

  async commitIfDue(): Promise<void> {
    if (this.messages >= this.options.maxMessages || Date.now() - this.lastCommit >= this.options.intervalMs) await this.flush();
  }

  /** Commits everything handled so far (one request); commits never overlap. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    this.lastCommit = Date.now();
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.messages = 0;
    const { beforeCommit, commit } = this.options;
    this.inFlight = (async () => {
      await beforeCommit?.();
      await commit(offsets);
    })()
      .catch((error: Error) => {
        // Kept for the next commit unless newer progress replaced them; after a rebalance the broker
        // refuses them (old generation) and forget() drops them.
        for (const o of offsets) {
          const key = `${o.topic}\u0000${o.partition}`;
          if (!this.pending.has(key)) this.pending.set(key, o);
        }
        this.options.onError(error);
      })
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
  }

  /**
   * Drops what was not committed: after a rebalance a partition may belong to another member, which
   * reads on from the last committed offset (the inbox skips what this member already applied).
   */
  forget(): void {
    this.pending.clear();
    this.messages = 0;
  }
}
