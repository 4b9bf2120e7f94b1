/**
 * The access log's control-plane work, run by the registry process (never by a gateway, which holds
 * no operator key): signing checkpoints of the chain heads with the operator's key, and the
 * evaluators' daily rollups.
 *
 * The gateways append to the chains in other processes, so the checkpointer learns of new rows by
 * reading the committed heads (`chain_heads`, one primary-key row per chain) every `headPollMs`; it
 * signs once `everyRecords` rows were appended since its last checkpoint, every `everyMs` when the
 * head moved, and at `close()`, and publishes each checkpoint outside the database when configured.
 */
import { inArray } from 'drizzle-orm';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { chainHeads } from '../../drizzle/schema/index.ts';
import type { KeyInput, OperatorKey } from '../../lib/ledger/index.ts';
import { createCheckpointer, LEDGER_CHAINS, type Checkpointer } from './checkpoints.ts';
import { createCheckpointPublisher, type CheckpointPublishingConfig } from './publish.ts';
import { createRollupWorker, type RollupWorker } from './rollup.ts';

export interface LogWorkersOptions {
  database: Pick<DatabaseHandle, 'db' | 'kind'>;
  operatorKey: OperatorKey | KeyInput;
  /** Where each checkpoint is also published outside the database (folder, witness). */
  checkpointPublishing?: CheckpointPublishingConfig;
  /** How often the chain heads are read (default 1,000 ms). */
  headPollMs?: number;
  /** Checkpoint once this many rows were appended (default 1,000). */
  everyRecords?: number;
  /** Checkpoint at this interval when a head moved (default 60,000 ms). */
  everyMs?: number;
  /** Rollup interval (default 10,000 ms). */
  rollupIntervalMs?: number;
  onError?: (message: string, error: unknown) => void;
}

export interface LogWorkers {
  checkpointer: Checkpointer;
  rollups: RollupWorker;
  /** Stops the head poll and the rollups, then signs the final heads. */
  close(): Promise<void>;
}

export function startLogWorkers(options: LogWorkersOptions): LogWorkers {
  const onError =
    options.onError ??
    ((message: string, error: unknown) =>
      process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`));
  const publisher = createCheckpointPublisher({ ...options.checkpointPublishing, onError });
  const checkpointer = createCheckpointer({
    database: options.database,
    operatorKey: options.operatorKey,
    publisher,
    onError,
    ...(options.everyRecords === undefined ? {} : { everyRecords: options.everyRecords }),
    ...(options.everyMs === undefined ? {} : { everyMs: options.everyMs }),
  });
  // PGlite runs one statement at a time for everyone: small steps keep the log's flushes waiting briefly.
  const rollups = createRollupWorker({
    database: options.database,
    maxRows: options.database.kind === 'pglite' ? 5_000 : 50_000,
    onError,
    ...(options.rollupIntervalMs === undefined ? {} : { intervalMs: options.rollupIntervalMs }),
  });

  let polling: Promise<void> | undefined;
  const pollHeads = async (): Promise<void> => {
    const heads = await options.database.db
      .select({ chain: chainHeads.chain, seq: chainHeads.seq })
      .from(chainHeads)
      .where(inArray(chainHeads.chain, [...LEDGER_CHAINS]));
    for (const head of heads) checkpointer.noteAppended(head.chain, head.seq);
  };
  const timer = setInterval(() => {
    polling ??= pollHeads()
      .catch((error: unknown) => onError('chain heads could not be read for checkpointing', error))
      .finally(() => {
        polling = undefined;
      });
  }, options.headPollMs ?? 1_000);
  timer.unref();

  let closed = false;
  return {
    checkpointer,
    rollups,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await polling;
      await rollups.close();
      await checkpointer.close();
      await publisher.close();
    },
  };
}
