/**
 * Group commit: many concurrent writers, few durable writes.
 *
 * The gateway does not answer a request before its access-log record is durably stored. One
 * transaction per request would cap throughput at the database's commit rate; instead, records
 * submitted while a flush is running (or within `maxDelayMs` of the first one) are flushed together,
 * and each `submit` resolves only when the flush holding its record has resolved.
 *
 * Guarantees:
 * - one flush at a time, batches in submit order (FIFO): with `createChainWriter` as the flush,
 *   chain order equals submit order;
 * - a failed flush rejects every submit of that batch, with a `PenghubungError` `UNAVAILABLE` (HTTP
 *   503, the original error as `cause`), so the caller fails closed; the next batch is tried as usual;
 * - `prepare` (optional) runs synchronously inside `submit`: if it throws, only that submit rejects;
 * - when more than `maxPending` records wait, `submit` rejects at once with `UNAVAILABLE` instead of
 *   queueing without bound while the database is slow or down;
 * - `close()` refuses new submits, flushes everything pending and resolves when done.
 *
 * Latency: an idle committer waits `maxDelayMs` before flushing, to gather concurrent submits. A busy
 * one does not wait again: records that arrive during a flush go in the next flush as soon as it
 * ends, and a submit within `maxDelayMs` of the end of the last flush is flushed on the next turn of
 * the event loop (with everything submitted meanwhile). Re-arming the delay after every flush would
 * add it to every request under steady load (measured: ~3× lower throughput with a 1 ms commit).
 * A flush that never settles stalls the committer: give the database layer a statement timeout.
 *
 * Settling: the next flush starts before the submits of the last one are settled, and a batch of more
 * than 64 submits is settled 64 per turn of the event loop. Under a backlog each settled submit runs
 * its caller's continuation (a response sent, the next record prepared); settled all at once, they
 * would hold up the next flush's database answers until the last had run, so preparing and storing
 * would take turns instead of overlapping (measured: 16k → 30k records/s, bench/accessLog.bench.ts).
 *
 * Pacing (`pacing`, off by default): after a flush that took d ms, the next one starts no sooner
 * than `pacing × d` ms later (at most `maxPauseMs`), or as soon as `maxBatch` records wait. Each
 * flush has a fixed cost (a round trip, a commit) besides its per-record cost; when the process is
 * saturated its flushes take longer (their answers wait behind other work), so pacing then makes
 * batches larger and flushes fewer, and spends less of the saturated CPU on them, while on an idle
 * process a flush takes a millisecond or so and pacing adds about that much latency.
 */
import { performance } from 'node:perf_hooks';
import { PenghubungError } from '../errors.ts';

export interface GroupCommitterOptions<T, P = T> {
  /** Durably stores one batch, in order; resolves only when the batch is durable. */
  flush: (batch: P[]) => Promise<void>;
  /** Transforms an item at submit time (e.g. `toCanonicalRecord`); a throw rejects that submit alone. */
  prepare?: (item: T) => P;
  /** Largest batch handed to `flush` (default 500). */
  maxBatch?: number;
  /**
   * How long a committer idle for at least this long gathers submits before flushing (default 2 ms;
   * 0 = next turn of the event loop).
   */
  maxDelayMs?: number;
  /** Records allowed to wait (queued, not in flight) before `submit` refuses (default 100 × `maxBatch`). */
  maxPending?: number;
  /** Pause after a flush, as a multiple of its duration (default 0: none); see the file comment. */
  pacing?: number;
  /** Longest pause `pacing` may impose (default 20 ms). */
  maxPauseMs?: number;
}

export interface GroupCommitStats {
  /** Submits accepted into the queue. */
  submitted: number;
  /** Records durably flushed (their submits resolved). */
  flushed: number;
  /** Records whose batch failed (their submits rejected). */
  failed: number;
  /** Submits refused without queueing (closed, overloaded, or `prepare` threw). */
  refused: number;
  batches: number;
  failedBatches: number;
  largestBatch: number;
  /** Records waiting for a flush. */
  pending: number;
  /** Records in the flush running now. */
  inFlight: number;
  closed: boolean;
}

export interface GroupCommitter<T> {
  /** Resolves after the batch containing `item` is durably flushed; rejects if that flush fails. */
  submit(item: T): Promise<void>;
  /** Refuses new submits, flushes all pending ones, resolves when done (idempotent). */
  close(): Promise<void>;
  stats(): GroupCommitStats;
}

/** Submits settled per turn of the event loop after a flush (see `settle`). */
const SETTLE_SLICE = 64;

interface Waiting<P> {
  item: P;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createGroupCommitter<T, P = T>(options: GroupCommitterOptions<T, P>): GroupCommitter<T> {
  const maxBatch = options.maxBatch ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 2;
  const maxPending = options.maxPending ?? maxBatch * 100;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be an integer >= 1');
  if (!(maxDelayMs >= 0)) throw new RangeError('maxDelayMs must be >= 0');
  if (!(maxPending >= 1)) throw new RangeError('maxPending must be >= 1');
  const pacing = options.pacing ?? 0;
  const maxPauseMs = options.maxPauseMs ?? 20;
  if (!(pacing >= 0) || !(maxPauseMs >= 0)) throw new RangeError('pacing and maxPauseMs must be >= 0');
  const prepare = options.prepare ?? ((item: T) => item as unknown as P);

  let queue: Waiting<P>[] = [];
  let timer: { cancel(): void } | undefined;
  let running: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  const counters = {
    submitted: 0,
    flushed: 0,
    failed: 0,
    refused: 0,
    batches: 0,
    failedBatches: 0,
    largestBatch: 0,
  };
  let inFlight = 0;

  function refuse(message: { id: string; en: string }): Promise<void> {
    counters.refused += 1;
    return Promise.reject(new PenghubungError('UNAVAILABLE', message));
  }

  let lastFlushEnded = Number.NEGATIVE_INFINITY;
  /** No flush starts before this (pacing), unless `maxBatch` records wait or the committer closes. */
  let pausedUntil = Number.NEGATIVE_INFINITY;
  /** Ends the pause of a running drain early. */
  let endPause: (() => void) | undefined;
  let closeRequested = false;

  function armTimer(): void {
    const now = performance.now();
    const busyRecently = now - lastFlushEnded < maxDelayMs;
    if (pausedUntil > now) {
      const handle = setTimeout(start, pausedUntil - now);
      timer = { cancel: () => clearTimeout(handle) };
    } else if (maxDelayMs === 0 || busyRecently) {
      const handle = setImmediate(start);
      timer = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(start, maxDelayMs);
      timer = { cancel: () => clearTimeout(handle) };
    }
  }

  function schedule(): void {
    if (running) {
      // The running loop takes queued records as soon as its flush (and pause) ends.
      if (queue.length >= maxBatch || closing) endPause?.();
      return;
    }
    if (queue.length >= maxBatch || closing) start();
    else if (!timer) armTimer();
  }

  function start(): void {
    timer?.cancel();
    timer = undefined;
    if (running || queue.length === 0) return;
    running = drain().finally(() => {
      running = undefined;
      if (queue.length > 0) schedule();
    });
  }

  /** Waits until `pausedUntil`, or less if `maxBatch` records come to wait or the committer closes. */
  function pause(): Promise<void> {
    const ms = pausedUntil - performance.now();
    if (ms <= 0 || queue.length >= maxBatch || closeRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = setTimeout(() => endPause?.(), ms);
      endPause = () => {
        clearTimeout(handle);
        endPause = undefined;
        resolve();
      };
    });
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      await pause();
      let batch: Waiting<P>[];
      if (queue.length <= maxBatch) {
        batch = queue;
        queue = [];
      } else {
        batch = queue.slice(0, maxBatch);
        queue = queue.slice(maxBatch);
      }
      inFlight = batch.length;
      counters.batches += 1;
      counters.largestBatch = Math.max(counters.largestBatch, batch.length);
      let failure: PenghubungError | undefined;
      const flushStarted = performance.now();
      try {
        await options.flush(batch.map((waiting) => waiting.item));
      } catch (error) {
        failure = new PenghubungError('UNAVAILABLE', {
          id: 'Catatan tidak dapat disimpan secara permanen; permintaan ditolak. Coba lagi nanti.',
          en: 'The record could not be stored durably; the request is refused. Try again later.',
        });
        failure.cause = error;
      }
      inFlight = 0;
      lastFlushEnded = performance.now();
      if (pacing > 0) pausedUntil = lastFlushEnded + Math.min(pacing * (lastFlushEnded - flushStarted), maxPauseMs);
      if (failure) {
        counters.failed += batch.length;
        counters.failedBatches += 1;
      } else {
        counters.flushed += batch.length;
      }
      settle(batch, failure);
    }
  }

  // Settling a batch runs its submitters' continuations (in the gateway: sending the responses; under
  // a backlog: preparing the next records). A large batch is settled a slice at a time, one slice per
  // turn of the event loop, so that the next flush, already started, has its database answers read
  // in between instead of after all of them: the flush and the continuations overlap.
  const settling: { waiting: Waiting<P>; failure: PenghubungError | undefined }[] = [];
  let settledUpTo = 0;
  let settleScheduled = false;
  /** Resolved, and forgotten, when `settling` empties; what `close()` waits for. */
  let allSettled: { promise: Promise<void>; resolve: () => void } | undefined;

  function settle(batch: readonly Waiting<P>[], failure: PenghubungError | undefined): void {
    for (const waiting of batch) settling.push({ waiting, failure });
    if (!settleScheduled) settleSlice();
  }

  function settleSlice(): void {
    settleScheduled = false;
    const end = Math.min(settling.length, settledUpTo + SETTLE_SLICE);
    for (; settledUpTo < end; settledUpTo += 1) {
      const { waiting, failure } = settling[settledUpTo]!;
      if (failure) waiting.reject(failure);
      else waiting.resolve();
    }
    if (settledUpTo < settling.length) {
      settleScheduled = true;
      setImmediate(settleSlice);
      return;
    }
    settling.length = 0;
    settledUpTo = 0;
    allSettled?.resolve();
    allSettled = undefined;
  }

  function whenAllSettled(): Promise<void> {
    if (settling.length === 0) return Promise.resolve();
    if (!allSettled) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      allSettled = { promise, resolve };
    }
    return allSettled.promise;
  }

  return {
    submit(item: T): Promise<void> {
      if (closing) {
        return refuse({
          id: 'Penulis catatan sudah ditutup; permintaan ditolak.',
          en: 'The record writer is closed; the request is refused.',
        });
      }
      if (queue.length >= maxPending) {
        return refuse({
          id: 'Terlalu banyak catatan menunggu disimpan; permintaan ditolak. Coba lagi nanti.',
          en: 'Too many records are waiting to be stored; the request is refused. Try again later.',
        });
      }
      let prepared: P;
      try {
        prepared = prepare(item);
      } catch (error) {
        counters.refused += 1;
        return Promise.reject(error);
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ item: prepared, resolve, reject });
        counters.submitted += 1;
        schedule();
      });
    },

    close(): Promise<void> {
      closeRequested = true; // before `closing` is set: the drain started below must not pause
      closing ??= (async () => {
        endPause?.();
        start();
        while (running) await running;
        await whenAllSettled();
      })();
      return closing;
    },

    stats: () => ({ ...counters, pending: queue.length, inFlight, closed: closing !== undefined }),
  };
}
