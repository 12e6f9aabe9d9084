import { OffsetCommitter, type PartitionOffset } from '../src/offset-committer';

describe('OffsetCommitter', () => {
  const setUp = (commit: (o: PartitionOffset[]) => Promise<void>) => {
    const errors: Error[] = [];
    const committer = new OffsetCommitter({ commit, intervalMs: 60_000, maxMessages: 3, onError: (e) => errors.push(e) });
    return { committer, errors };
  };

  it('commits the next offset of each partition once enough messages were handled, not per batch', async () => {
    const sent: PartitionOffset[][] = [];
    const { committer } = setUp(async (o) => void sent.push(o));
    committer.handled('t', 0, '4', 1);
    await committer.commitIfDue();
    committer.handled('t', 0, '5', 1);
    await committer.commitIfDue();
    expect(sent).toEqual([]);
    committer.handled('t', 1, '9', 1);
    await committer.commitIfDue();
    expect(sent).toEqual([
      [
        { topic: 't', partition: 0, offset: '6' },
        { topic: 't', partition: 1, offset: '10' },
      ],
    ]);
  });

  it('keeps offsets whose commit failed for the next commit, unless newer progress replaced them', async () => {
    const sent: PartitionOffset[][] = [];
    let fail = true;
    const { committer, errors } = setUp(async (o) => {
      if (fail) throw new Error('coordinator moving');
      sent.push(o);
    });
    committer.handled('t', 0, '1', 1);
    committer.handled('t', 1, '1', 1);
    await committer.flush();
    expect(errors.map((e) => e.message)).toEqual(['coordinator moving']);
    fail = false;
    committer.handled('t', 0, '7', 1);
    await committer.flush();
    expect(sent).toEqual([
      [
        { topic: 't', partition: 0, offset: '8' },
        { topic: 't', partition: 1, offset: '2' },
      ],
    ]);
  });

  it('never runs two commits at once, and forgets what a rebalance made stale', async () => {
    let running = 0;
    let overlapped = false;
    const sent: PartitionOffset[][] = [];
    const { committer } = setUp(async (o) => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((r) => setTimeout(r, 5));
      sent.push(o);
      running -= 1;
    });
    committer.handled('t', 0, '1', 1);
    const first = committer.flush();
    committer.handled('t', 0, '2', 1);
    await Promise.all([first, committer.flush()]);
    expect(overlapped).toBe(false);
    expect(sent.map((o) => o[0]!.offset)).toEqual(['2', '3']);
    committer.handled('t', 0, '3', 1);
    committer.forget();
    await committer.flush();
    expect(sent).toHaveLength(2);
  });

  it('makes the handled effects durable before every offset commit, and keeps the offsets when that fails', async () => {
    const steps: string[] = [];
    let flushFails = true;
    const errors: Error[] = [];
    const committer = new OffsetCommitter({
      beforeCommit: async () => {
        steps.push('flush');
        if (flushFails) throw new Error('database away');
      },
      commit: async (o) => void steps.push(`commit ${o.map((p) => p.offset).join(',')}`),
      intervalMs: 60_000,
      maxMessages: 100,
      onError: (e) => errors.push(e),
    });
    await committer.flush();
    expect(steps).toEqual([]); // nothing handled: neither a flush nor a commit
    committer.handled('t', 0, '4', 1);
    await committer.flush();
    expect(steps).toEqual(['flush']);
    expect(errors.map((e) => e.message)).toEqual(['database away']);
    flushFails = false;
    committer.handled('t', 1, '0', 1);
    await committer.flush();
    expect(steps).toEqual(['flush', 'flush', 'commit 5,1']);
  });
});
