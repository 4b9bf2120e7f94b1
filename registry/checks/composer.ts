/**
 * Composition off the registry's event loop, within a time budget. `composeGraph` is synchronous
 * and CPU-bound: a publisher's schema built to compose slowly (a few MB of fields is enough for
 * minutes) would, on the main thread, stall every other registry request. Here it runs in a
 * long-lived worker thread of a piscina pool:
 *
 * - the budget starts when the worker begins the composition (compositionWorker.ts says so on a
 *   port), not while the task waits its turn; on overrun the task is aborted, which makes piscina
 *   terminate that worker and start a fresh one, and the caller gets COMPOSITION_TIMEOUT (422);
 * - a worker that dies (out of its memory limit, a crash) fails only its own task, with
 *   COMPOSITION_UNAVAILABLE (503); the pool starts a new worker for the next one;
 * - the queue is bounded: past `maxQueue` waiting compositions, COMPOSITION_UNAVAILABLE at once.
 *
 * One thread by default: on a small server the other core keeps answering requests.
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { DEFAULT_COMPOSITION_MEMORY_MB, DEFAULT_COMPOSITION_TIMEOUT_MS } from '../../lib/config.ts';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import type { CompositionOutcome } from './composeGraph.ts';
import type { CompositionTask } from './compositionWorker.ts';
import type { SubgraphInput } from './types.ts';

/** Seconds a client is told to wait after COMPOSITION_UNAVAILABLE. */
export const COMPOSITION_RETRY_AFTER_SECONDS = 5;

export interface ComposerOptions {
  /** Longest one composition may run before its worker is terminated (ms, `PENGHUBUNG_COMPOSITION_TIMEOUT_MS`). */
  timeoutMs?: number;
  /** Worker threads composing at once (default 1). */
  threads?: number;
  /** Compositions that may wait for a thread (default 16); more are refused at once. */
  maxQueue?: number;
  /** Old-generation heap limit of a worker (MB, default 1024, `PENGHUBUNG_COMPOSITION_MEMORY_MB`): a schema that needs more kills only the worker. */
  memoryLimitMb?: number;
  /** Where overruns and crashes are reported (a pino logger). */
  logger?: ComposerLogger;
}

export interface ComposerLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface Composer {
  /** `composeGraph` in the worker; throws COMPOSITION_TIMEOUT or COMPOSITION_UNAVAILABLE (PenghubungError). */
  compose(subgraphs: readonly SubgraphInput[]): Promise<CompositionOutcome>;
  /** Terminates the workers; compositions still running or queued are refused. */
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./compositionWorker.ts', import.meta.url).href;

export function createComposer(options: ComposerOptions = {}): Composer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_COMPOSITION_TIMEOUT_MS;
  const maxQueue = options.maxQueue ?? 16;
  const logger = options.logger;
  let pool: Piscina<CompositionTask, CompositionOutcome> | null = null;
  let closed = false;

  // Started on the first composition: a registry that never composes never starts a thread.
  const poolOf = (): Piscina<CompositionTask, CompositionOutcome> => {
    if (pool) return pool;
    const threads = options.threads ?? 1;
    pool = new Piscina<CompositionTask, CompositionOutcome>({
      filename: WORKER_FILE,
      minThreads: threads,
      maxThreads: threads,
      maxQueue,
      idleTimeout: Number.POSITIVE_INFINITY,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb ?? DEFAULT_COMPOSITION_MEMORY_MB },
    });
    // A worker that fails with no task of its own: without a listener the 'error' event would throw
    // in the registry's process.
    pool.on('error', (error: unknown) => logger?.error({ err: error }, 'composition worker failed'));
    return pool;
  };

  return {
    async compose(subgraphs) {
      if (closed) throw unavailable('closed');
      const workers = poolOf();
      if (workers.queueSize >= maxQueue) throw unavailable('queue');
      const abort = new AbortController();
      const { port1, port2 } = new MessageChannel();
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      port1.once('message', () => {
        timer = setTimeout(() => {
          timedOut = true;
          abort.abort();
        }, timeoutMs);
      });
      const names = subgraphs.map((subgraph) => subgraph.name);
      try {
        return await workers.run(
          { subgraphs: [...subgraphs], started: port2 },
          { transferList: [port2], signal: abort.signal },
        );
      } catch (error) {
        if (timedOut) {
          logger?.warn({ subgraphs: names, timeoutMs }, 'composition over its time budget: worker terminated');
          throw timeout(timeoutMs, names);
        }
        logger?.error({ err: error, subgraphs: names }, 'composition worker failed');
        throw unavailable(closed ? 'closed' : 'crash');
      } finally {
        clearTimeout(timer);
        port1.close();
      }
    },
    async close() {
      closed = true;
      const current = pool;
      pool = null;
      await current?.destroy();
    },
  };
}

function timeout(timeoutMs: number, subgraphs: string[]): PenghubungError {
  const seconds = String(timeoutMs / 1000);
  return new PenghubungError(
    ErrorCode.COMPOSITION_TIMEOUT,
    {
      id:
        `Komposisi melebihi batas waktu ${seconds.replace('.', ',')} detik dan dihentikan; tidak ada yang disimpan. ` +
        'Perkecil skema atau pecah subgraph ini menjadi beberapa subgraph.',
      en:
        `Composition exceeded its ${seconds} s time budget and was stopped; nothing was stored. ` +
        'Make the schema smaller or split this subgraph into several.',
    },
    { timeoutMs, subgraphs },
  );
}

function unavailable(reason: 'queue' | 'crash' | 'closed'): PenghubungError {
  const messages = {
    queue: {
      id: 'Terlalu banyak komposisi sedang menunggu; tidak ada yang disimpan. Coba lagi sebentar lagi.',
      en: 'Too many compositions are waiting; nothing was stored. Try again shortly.',
    },
    crash: {
      id:
        'Proses komposisi berhenti sebelum selesai (misalnya kehabisan memori) dan telah dimulai ulang; ' +
        'tidak ada yang disimpan. Coba lagi; bila terulang, perkecil skema ini.',
      en:
        'The composition process stopped before finishing (for example out of memory) and was restarted; ' +
        'nothing was stored. Try again; if it happens again, make this schema smaller.',
    },
    closed: {
      id: 'Registry sedang berhenti; komposisi tidak dijalankan dan tidak ada yang disimpan.',
      en: 'The registry is stopping; the composition did not run and nothing was stored.',
    },
  } as const;
  return new PenghubungError(ErrorCode.COMPOSITION_UNAVAILABLE, messages[reason], {
    reason,
    retryAfterSeconds: COMPOSITION_RETRY_AFTER_SECONDS,
  });
}
