/**
 * Publishing checkpoints outside the database, so that deleting them there is caught.
 *
 * A checkpoint in `chain_checkpoints` proves the chain up to its seq only while it is there: whoever
 * can write the database can delete the newest checkpoints, or cut the log back (rows, checkpoints
 * and head together) to an earlier consistent state. So every new checkpoint is also
 * - written as a file to a folder the operator chose (`PENGHUBUNG_CHECKPOINT_DIR`, on another disk
 *   or a mount of another host): `<folder>/<chain>/<position>-seq<seq>.json`, the serialized
 *   checkpoint (lib/ledger `serializeCheckpoint`), written to a temporary name, fsynced, then renamed,
 *   never overwritten;
 * - and/or POSTed as JSON to a witness (`PENGHUBUNG_CHECKPOINT_WEBHOOK_URL`), as Certificate
 *   Transparency logs and X-Road do: in order, each with a deadline and retried with exponential
 *   backoff, in a bounded queue.
 * Neither blocks the log: `publish()` returns at once and failures go to `onError` (stderr). A
 * published copy the database no longer holds is reported by `penghubung log verify --checkpoints
 * <folder>` (`readPublishedCheckpoints` + registry/log/verifyLog.ts).
 *
 * Only chained (version 2) checkpoints are published: their file name carries their position in the
 * series, so a gap in the folder is visible too.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ExponentialBackoff, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { chainCheckpoints } from '../../drizzle/schema/index.ts';
import { checkpointVersion, deserializeCheckpoint, serializeCheckpoint, type Checkpoint, type SerializedCheckpoint } from '../../lib/ledger/index.ts';
import { fromRow } from './checkpoints.ts';

export interface CheckpointPublishingConfig {
  /** Folder the checkpoint files are written to (another disk or host). */
  dir?: string | undefined;
  /** A witness that receives each checkpoint as a JSON POST. */
  webhookUrl?: string | undefined;
}

export interface CheckpointPublisherOptions extends CheckpointPublishingConfig {
  /** Deadline of one POST (default 5,000 ms). */
  webhookTimeoutMs?: number;
  /** Attempts per checkpoint before giving up on it (default 6: about a minute of backoff). */
  webhookAttempts?: number;
  /** First backoff delay (default 500 ms; doubled each attempt up to 30 s). */
  webhookInitialDelayMs?: number;
  /** Checkpoints waiting for the witness at most; past it the oldest is dropped and reported (default 10,000). */
  webhookQueueLimit?: number;
  /** How long `close()` lets the witness deliveries go on (default 2,000 ms). */
  closeGraceMs?: number;
  onError?: (message: string, error: unknown) => void;
}

export interface CheckpointPublisher {
  /** Publishes `checkpoints` (returns at once; unchained ones are skipped). */
  publish(checkpoints: readonly Checkpoint[]): void;
  /** Resolves once every file for what was handed to `publish` so far was written (or failed). */
  written(): Promise<void>;
  /** Resolves once everything handed to `publish` so far was written and delivered (or given up on). */
  settled(): Promise<void>;
  /**
   * Stops taking checkpoints, waits for the files, and gives the witness `closeGraceMs` more;
   * what it did not get by then is reported (the folder copies and `log verify` still have them).
   */
  close(): Promise<void>;
}

/** A publisher that does nothing, when neither a folder nor a witness is configured. */
export const noPublisher: CheckpointPublisher = { publish() {}, written: async () => {}, settled: async () => {}, close: async () => {} };

export function createCheckpointPublisher(options: CheckpointPublisherOptions): CheckpointPublisher {
  const { dir, webhookUrl } = options;
  if (!dir && !webhookUrl) return noPublisher;
  const onError =
    options.onError ??
    ((message: string, error: unknown) =>
      process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`));
  const queueLimit = options.webhookQueueLimit ?? 10_000;
  const policy = wrap(
    retry(handleAll, {
      maxAttempts: Math.max(0, (options.webhookAttempts ?? 6) - 1),
      backoff: new ExponentialBackoff({ initialDelay: options.webhookInitialDelayMs ?? 500, maxDelay: 30_000 }),
    }),
    timeout(options.webhookTimeoutMs ?? 5_000, TimeoutStrategy.Aggressive),
  );

  let files: Promise<void> = Promise.resolve();
  const waiting: Checkpoint[] = [];
  let delivering: Promise<void> | undefined;
  let closed = false;
  const stop = new AbortController();

  const deliver = async (): Promise<void> => {
    for (let next = waiting.shift(); next && !stop.signal.aborted; next = waiting.shift()) {
      const body = JSON.stringify(serializeCheckpoint(next));
      try {
        await policy.execute(async ({ signal }) => {
          const response = await fetch(webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal });
          await response.body?.cancel();
          if (!response.ok) throw new Error(`the witness answered HTTP ${response.status}`);
        }, stop.signal);
      } catch (error) {
        onError(`checkpoint ${describe(next)} could not be delivered to the witness ${webhookUrl}`, error);
      }
    }
  };

  return {
    publish(checkpoints) {
      if (closed) return;
      const chained = checkpoints.filter((cp) => checkpointVersion(cp) === 2);
      if (chained.length === 0) return;
      if (dir) {
        files = files.then(async () => {
          for (const cp of chained) {
            await writeCheckpointFile(dir, cp).catch((error: unknown) => onError(`checkpoint ${describe(cp)} could not be written to ${dir}`, error));
          }
        });
      }
      if (webhookUrl) {
        waiting.push(...chained);
        while (waiting.length > queueLimit) {
          const dropped = waiting.shift()!;
          onError(`checkpoint ${describe(dropped)} dropped from the witness queue`, new Error(`more than ${queueLimit} checkpoints waiting`));
        }
        delivering ??= deliver().finally(() => {
          delivering = undefined;
        });
      }
    },
    async written() {
      await files;
    },
    async settled() {
      await files;
      while (delivering) await delivering;
    },
    async close() {
      closed = true;
      await files;
      const pending = delivering;
      if (!pending) return;
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending.then(() => (done = true)), new Promise((resolve) => (timer = setTimeout(resolve, options.closeGraceMs ?? 2_000)))]);
      clearTimeout(timer);
      if (!done) {
        stop.abort();
        onError(`${waiting.length + 1} checkpoint(s) not delivered to the witness ${webhookUrl} before shutdown`, new Error('closed'));
      }
    },
  };
}

/** Publishes the chained checkpoints of `chains` stored at or after `since` (after a transaction that signed some commits). */
export async function publishStoredSince(db: Executor, publisher: CheckpointPublisher, chains: readonly string[], since: Date): Promise<void> {
  const rows = await db
    .select()
    .from(chainCheckpoints)
    .where(and(inArray(chainCheckpoints.chain, [...chains]), gte(chainCheckpoints.createdAt, since), eq(chainCheckpoints.version, 2)))
    .orderBy(chainCheckpoints.chain, chainCheckpoints.position);
  publisher.publish(rows.map(fromRow));
}

/** `<chain>/<position, 12 digits>-seq<seq>.json`; `:` in chain names (`access:anchor`) becomes `~`, which every file system accepts. */
export function checkpointFileName(cp: Checkpoint): string {
  return join(cp.chain.replaceAll(':', '~'), `${String(cp.position).padStart(12, '0')}-seq${cp.seq}.json`);
}

async function writeCheckpointFile(dir: string, cp: Checkpoint): Promise<void> {
  const path = join(dir, checkpointFileName(cp));
  const folder = join(path, '..');
  await mkdir(folder, { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(`${JSON.stringify(serializeCheckpoint(cp), null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // Never replace a published copy (a hard link fails if the name exists): an existing file at this
    // place is either this very checkpoint, published twice, or evidence of a fork to keep as it is.
    await link(temporary, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(temporary, { force: true });
  }
  const directory = await open(folder, 'r');
  try {
    await directory.sync();
  } catch {
    /* not every platform can fsync a directory */
  } finally {
    await directory.close();
  }
}

export class PublishedCheckpointError extends Error {
  override readonly name = 'PublishedCheckpointError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * Every checkpoint file under `dir` (any depth, `*.json`), for `verifyLedger`'s `published`. A file
 * that is not a serialized checkpoint throws `PublishedCheckpointError` naming it: verification
 * against a folder that is not what it seems must not pass quietly. Signatures are checked later.
 */
export async function readPublishedCheckpoints(dir: string): Promise<Checkpoint[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out: Checkpoint[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const file = join(entry.parentPath, entry.name);
    let value: SerializedCheckpoint;
    try {
      value = JSON.parse(await readFile(file, 'utf8')) as SerializedCheckpoint;
    } catch (error) {
      throw new PublishedCheckpointError(file, `not JSON (${(error as Error).message})`);
    }
    const shapeOk =
      typeof value === 'object' &&
      value !== null &&
      typeof value.chain === 'string' &&
      (typeof value.seq === 'number' || typeof value.seq === 'string') &&
      typeof value.signature === 'string' &&
      typeof value.createdAt === 'string';
    if (!shapeOk) throw new PublishedCheckpointError(file, 'not a serialized checkpoint');
    try {
      const checkpoint = deserializeCheckpoint(value);
      if (Number.isNaN(checkpoint.createdAt.getTime())) throw new Error('createdAt is not a time');
      out.push(checkpoint);
    } catch (error) {
      throw new PublishedCheckpointError(file, `not a serialized checkpoint (${(error as Error).message})`);
    }
  }
  return out;
}

function describe(cp: Checkpoint): string {
  return `${cp.chain} #${String(cp.position)} (seq ${cp.seq})`;
}
