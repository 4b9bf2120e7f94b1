import { describe, expect, it } from 'vitest';
import { PenghubungError } from '../../lib/errors.ts';
import {
  GENESIS_HEAD,
  createChainWriter,
  toCanonicalRecord,
  type ChainHead,
  type ChainedRecord,
} from '../../lib/ledger/chain.ts';
import { createGroupCommitter } from '../../lib/ledger/group-commit.ts';
import { verifyChain } from '../../lib/ledger/verify.ts';
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('group committer', () => {
  it('flushes 1,000 concurrent submits in far fewer flushes, each submit resolving after its flush', async () => {
    const durable = new Set<number>();
    const batches: number[][] = [];
    const committer = createGroupCommitter<number>({
      flush: async (batch) => {
        batches.push([...batch]);
        await tick(1); // the database's commit
        for (const item of batch) durable.add(item);
      },
    });
    const resolvedBeforeDurable: number[] = [];
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        committer.submit(i).then(() => {
          if (!durable.has(i)) resolvedBeforeDurable.push(i);
        }),
      ),
    );
    expect(resolvedBeforeDurable).toEqual([]);
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(batches.every((batch) => batch.length <= 500)).toBe(true);
    expect(batches.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i)); // submit order kept
    expect(committer.stats()).toMatchObject({
      submitted: 1000,
      flushed: 1000,
      failed: 0,
      batches: batches.length,
    });
  });

  it('waits maxDelayMs only when idle, not again right after a flush', async () => {
    // Durations far apart (2 s against the next turn), so a busy machine cannot blur them.
    const committer = createGroupCommitter<number>({ maxDelayMs: 2_000, flush: async () => {} });
    const idleStart = performance.now();
    await committer.submit(1);
    expect(performance.now() - idleStart).toBeGreaterThanOrEqual(1_900); // gathered for maxDelayMs
    const busyStart = performance.now();
    await Promise.all([committer.submit(2), committer.submit(3)]);
    expect(performance.now() - busyStart).toBeLessThan(1_000); // flushed on the next turn
    expect(committer.stats().batches).toBe(2);
  });

  it('with pacing, pauses after a flush for pacing × its duration, unless maxBatch records wait or it closes', async () => {
    const starts: number[] = [];
    const committer = createGroupCommitter<number>({
      maxBatch: 4,
      maxDelayMs: 0,
      pacing: 2,
      maxPauseMs: 10_000,
      flush: async () => {
        starts.push(performance.now());
        await tick(600);
      },
    });
    // Flushes of 600 ms and pauses of 1.2 s: bounds wide enough for a busy 2-core machine.
    const first = committer.submit(1);
    await tick(10); // 1 is in flight
    const second = committer.submit(2); // waits for the flush, then for the pause (~1.2 s)
    await first;
    const pauseStarted = performance.now();
    await second;
    expect(starts[1]! - pauseStarted).toBeGreaterThanOrEqual(1_000);

    // During the pause after the second flush, a full batch goes at once.
    await tick(10);
    const full = [3, 4, 5, 6].map((item) => committer.submit(item));
    const submitted = performance.now();
    await Promise.all(full);
    expect(starts[2]! - submitted).toBeLessThan(600);

    // And close() does not wait for a pause either.
    const last = committer.submit(7);
    const closing = performance.now();
    await committer.close();
    await last;
    expect(performance.now() - closing).toBeLessThan(600 + 900); // its flush, not flush + pause (600 + 1200)
    expect(committer.stats()).toMatchObject({ flushed: 7, batches: 4 });
  });

  it('runs one flush at a time', async () => {
    let running = 0;
    let overlap = false;
    const committer = createGroupCommitter<number>({
      maxBatch: 10,
      flush: async () => {
        running += 1;
        if (running > 1) overlap = true;
        await tick(2);
        running -= 1;
      },
    });
    await Promise.all(Array.from({ length: 100 }, (_, i) => committer.submit(i)));
    expect(overlap).toBe(false);
    expect(committer.stats().batches).toBeGreaterThanOrEqual(10);
  });

  it('rejects exactly the submits of a failed batch, with UNAVAILABLE, and keeps working', async () => {
    let calls = 0;
    const committer = createGroupCommitter<string>({
      flush: async () => {
        calls += 1;
        if (calls === 1) throw new Error('connection lost');
      },
    });
    const first = ['a', 'b', 'c'].map((item) => committer.submit(item));
    const outcomes = await Promise.allSettled(first);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const reason = (outcomes[0] as PromiseRejectedResult).reason as PenghubungError;
    expect(reason).toBeInstanceOf(PenghubungError);
    expect(reason.code).toBe('UNAVAILABLE');
    expect(reason.status).toBe(503);
    expect((reason.cause as Error).message).toBe('connection lost');

    await expect(Promise.all(['d', 'e'].map((item) => committer.submit(item)))).resolves.toBeDefined();
    expect(committer.stats()).toMatchObject({ flushed: 2, failed: 3, failedBatches: 1, batches: 2 });
  });

  it('rejects only the submits of the failing batch when batches follow each other', async () => {
    const seen: string[][] = [];
    const committer = createGroupCommitter<string>({
      maxBatch: 2,
      flush: async (batch) => {
        seen.push(batch);
        if (batch.includes('bad')) throw new Error('constraint violated');
      },
    });
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'bad', 'c', 'd', 'e'].map((item) => committer.submit(item)),
    );
    expect(seen).toEqual([
      ['a', 'b'],
      ['bad', 'c'],
      ['d', 'e'],
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
  });

  it('close() flushes what is pending, then refuses new submits', async () => {
    const flushed: number[] = [];
    const committer = createGroupCommitter<number>({
      maxDelayMs: 10_000, // only close() can make this flush happen soon
      flush: async (batch) => {
        await tick(1);
        flushed.push(...batch);
      },
    });
    const pending = [1, 2, 3].map((item) => committer.submit(item));
    await committer.close();
    expect(flushed).toEqual([1, 2, 3]);
    await expect(Promise.all(pending)).resolves.toBeDefined();
    await expect(committer.submit(4)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(committer.stats()).toMatchObject({ closed: true, pending: 0, refused: 1 });
    await committer.close(); // idempotent
  });

  it('close() also drains records queued behind a running flush', async () => {
    const flushed: number[] = [];
    const committer = createGroupCommitter<number>({
      maxBatch: 2,
      flush: async (batch) => {
        await tick(2);
        flushed.push(...batch);
      },
    });
    const all = [1, 2, 3, 4, 5].map((item) => committer.submit(item));
    await tick(0);
    await committer.close();
    await Promise.all(all);
    expect(flushed).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts the next flush while a large batch is still being settled, settling every submit in order', async () => {
    const settled: number[] = [];
    const settledWhenFlushStarted: number[] = [];
    const committer = createGroupCommitter<number>({
      maxBatch: 500,
      flush: async () => {
        settledWhenFlushStarted.push(settled.length);
        await tick(1);
      },
    });
    const all = Array.from({ length: 1_000 }, (_, item) => committer.submit(item).then(() => settled.push(item)));
    await Promise.all(all);
    // The second batch went to the database before the first one's 500 submitters had all run.
    expect(settledWhenFlushStarted).toHaveLength(2);
    expect(settledWhenFlushStarted[1]).toBeLessThan(500);
    expect(settled).toEqual(Array.from({ length: 1_000 }, (_, item) => item));
  });

  it('close() resolves only after every submit of the last large batch has settled', async () => {
    const committer = createGroupCommitter<number>({ maxBatch: 1_000, flush: () => tick(1) });
    let settled = 0;
    const all = Array.from({ length: 1_000 }, (_, item) => committer.submit(item).then(() => (settled += 1)));
    await committer.close();
    expect(settled).toBe(1_000);
    await Promise.all(all);
  });

  it('refuses submits at once when too many records wait', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const committer = createGroupCommitter<number>({
      maxBatch: 1,
      maxPending: 2,
      maxDelayMs: 0,
      flush: () => gate,
    });
    const first = committer.submit(1);
    await tick(1); // 1 is in flight
    const queued = [committer.submit(2), committer.submit(3)];
    await expect(committer.submit(4)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    release();
    await Promise.all([first, ...queued]);
  });

  it('rejects only the submit whose prepare throws', async () => {
    const flushed: number[][] = [];
    const committer = createGroupCommitter<number, number>({
      prepare: (item) => {
        if (item === 2) throw new Error('cannot record this');
        return item * 10;
      },
      flush: async (batch) => {
        flushed.push(batch);
      },
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => committer.submit(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(flushed).toEqual([[10, 30]]);
  });

  it('feeds a chain writer so that chain order is submit order, with one lock per batch', async () => {
    const table: ChainedRecord<{ n: number }>[] = [];
    let head: ChainHead = { ...GENESIS_HEAD };
    let locks = 0;
    const writer = createChainWriter<{ n: number }>({
      chain: 'access',
      transaction: async (work) =>
        work({
          lockAndRead: async () => {
            locks += 1;
            return head;
          },
          insert: async (_chain, rows) => {
            await tick(1);
            table.push(...rows);
          },
          advance: async (_chain, seq, hash) => {
            head = { seq, hash };
          },
        }),
    });
    const committer = createGroupCommitter({
      prepare: toCanonicalRecord<{ n: number }>,
      flush: writer.flush,
    });
    await Promise.all(Array.from({ length: 300 }, (_, n) => committer.submit({ n })));
    expect(table.map((row) => row.record.n)).toEqual(Array.from({ length: 300 }, (_, n) => n));
    expect(table.map((row) => row.seq)).toEqual(Array.from({ length: 300 }, (_, n) => BigInt(n + 1)));
    expect(locks).toBe(committer.stats().batches);
    expect(locks).toBeLessThan(10);
    const report = await verifyChain(table, [], generateKeyPairSync('ed25519').publicKey);
    expect(report).toMatchObject({ ok: true, checked: 300 });
  });
});
