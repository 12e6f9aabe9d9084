/**
 * Group commit for the worker's hot statements: calls made while `maxInFlight` batches are already
 * running wait and go out together in the next one, so under load many deliveries share a round
 * trip and a commit, and with little load a call goes out at once on its own (no added wait).
 * A failed batch is retried item by item, so one bad item (or a deadlock) never fails the others.
 */
export class MicroBatcher<I, O> {
  private readonly waiting: Array<{ input: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 4,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      // Calls of the same tick (many jobs finishing together) go out in one batch.
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => {
          this.scheduled = false;
          this.drain();
        });
      }
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async runBatch(batch: MicroBatcher<I, O>['waiting']): Promise<void> {
    try {
      const outputs = await this.run(batch.map((b) => b.input));
      if (outputs.length !== batch.length) throw new Error(`batch answered ${outputs.length} results for ${batch.length} inputs`);
      batch.forEach((b, i) => b.resolve(outputs[i] as O));
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      for (const b of batch) {
        await this.run([b.input]).then(
          (outputs) => (outputs.length === 1 ? b.resolve(outputs[0] as O) : b.reject(new Error('no result'))),
          (e: unknown) => b.reject(e),
        );
      }
    }
  }
}
