/**
 * Signed checkpoints of the two hash chains ('access': the access log; 'trail': the administrative
 * trail), stored in `chain_checkpoints`.
 *
 * A checkpoint is the operator's Ed25519 signature over "chain C had head hash H at seq N at time T"
 * (lib/ledger/checkpoint.ts). The chain shows rows fit together; a checkpoint shows nobody with write
 * access to the database rewrote the chain up to N and re-hashed it, or cut rows off its end. Rows
 * after the last checkpoint rest on the chain alone, hence checkpoints every `everyRecords` appended
 * rows (as the writer reports them through `noteAppended`), every `everyMs`, and at `close()`.
 *
 * What is signed is the committed head row of `chain_heads`, which the writers advance in the same
 * transaction as the rows they append: a checkpoint never names a row that is not committed.
 * Several processes may checkpoint the same head: the `(chain, seq)` unique key keeps one.
 *
 * The same table holds the archive anchors of a chain, under their own chain names
 * (`access:anchor`, `access:archived`; lib/ledger `anchorChainName`, `archivedRowChainName`),
 * written by `penghubung log archive` (registry/log/retention.ts) and read by `loadArchiveAnchors`.
 */
import type { KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import type { CheckpointPublisher } from './publish.ts';
import { chainCheckpoints, chainHeads } from '../../drizzle/schema/index.ts';
import {
  anchorChainName,
  archivedRowChainName,
  checkpointVersion,
  createCheckpoint,
  loadOrCreateOperatorKey,
  type Checkpoint,
  type CheckpointInput,
  type CreateCheckpointOptions,
  type KeyInput,
  type OperatorKey,
} from '../../lib/ledger/index.ts';

export const LEDGER_CHAINS = ['access', 'trail'] as const;
export type LedgerChain = (typeof LEDGER_CHAINS)[number];

export interface CheckpointerOptions {
  database: Pick<DatabaseHandle, 'db'>;
  /** The operator's key pair (`loadOrCreateOperatorKey`) or its Ed25519 private key. */
  operatorKey: OperatorKey | KeyInput;
  /** Sign once this many rows were appended since the last checkpoint (default 1,000). */
  everyRecords?: number;
  /** Sign at this interval, when the head moved (default 60,000 ms; 0 = no timer). */
  everyMs?: number;
  /** Chains to sign (default both). */
  chains?: readonly string[];
  onError?: (message: string, error: unknown) => void;
  now?: () => Date;
  /** Where each new checkpoint is published outside the database (registry/log/publish.ts). */
  publisher?: CheckpointPublisher;
}

export interface Checkpointer {
  /** Signs the current head of every chain that moved since its last checkpoint; returns the new ones. */
  checkpointNow(): Promise<Checkpoint[]>;
  /** Tells the checkpointer a chain reached `seq` (e.g. the access-log writer's `onCommitted`). */
  noteAppended(chain: string, seq: bigint | number): void;
  /** Stops the timer and signs the final heads. */
  close(): Promise<void>;
}

function onErrorOf(options: Pick<CheckpointerOptions, 'onError'>): (message: string, error: unknown) => void {
  return (
    options.onError ??
    ((message: string, error: unknown) =>
      process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`))
  );
}

/**
 * The signing key to use now. Given the key pair loaded from the keys folder, follows its file: after
 * `penghubung admin key rotate operator` replaced it, the next checkpoint is signed with the new key,
 * without a restart. A file that cannot be read (e.g. caught between the two renames of a rotation)
 * leaves the key in use unchanged until the next call.
 */
function operatorKeyReloader(key: OperatorKey | KeyInput, onError: (error: unknown) => void): () => KeyInput {
  if (!(typeof key === 'object' && 'privateKeyPath' in key)) {
    const fixed = privateKeyOf(key);
    return () => fixed;
  }
  let current = key as OperatorKey;
  let stamp = fileStamp(current.privateKeyPath);
  return () => {
    const now = fileStamp(current.privateKeyPath);
    if (now !== stamp) {
      try {
        current = loadOrCreateOperatorKey(dirname(current.privateKeyPath));
        stamp = now;
      } catch (error) {
        onError(error);
      }
    }
    return current.privateKey;
  };
}

function fileStamp(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}

export function privateKeyOf(key: OperatorKey | KeyInput): KeyInput {
  return typeof key === 'object' && 'privateKey' in key && 'keyId' in key ? (key as OperatorKey).privateKey : (key as KeyObject | string);
}

export function createCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { db } = options.database;
  const currentKey = operatorKeyReloader(options.operatorKey, (error) => onErrorOf(options)('the rotated operator key could not be loaded', error));
  const everyRecords = options.everyRecords ?? 1_000;
  const everyMs = options.everyMs ?? 60_000;
  const chains = options.chains ?? LEDGER_CHAINS;
  const now = options.now ?? (() => new Date());
  const onError = onErrorOf(options);

  const signedThrough = new Map<string, bigint>();
  let running: Promise<Checkpoint[]> | undefined;
  let again = false;
  let closed = false;

  async function signHeads(): Promise<Checkpoint[]> {
    const created: Checkpoint[] = [];
    const privateKey = currentKey();
    for (const chain of chains) {
      const [head] = await db
        .select({ seq: chainHeads.seq, hash: chainHeads.hash })
        .from(chainHeads)
        .where(eq(chainHeads.chain, chain));
      if (!head || head.seq <= 0) continue;
      const seq = BigInt(head.seq);
      if (signedThrough.get(chain) === seq) continue;
      const stored = await storeCheckpoint(db, { chain, seq, headHash: head.hash, createdAt: now() }, privateKey);
      signedThrough.set(chain, seq);
      if (stored.created) created.push(stored.checkpoint);
    }
    options.publisher?.publish(created);
    return created;
  }

  /** One signing run at a time; a request during a run schedules one more run after it. */
  function checkpointNow(): Promise<Checkpoint[]> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let created = await signHeads();
        while (again) {
          again = false;
          created = [...created, ...(await signHeads())];
        }
        return created;
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const background = (): void => {
    checkpointNow().catch((error: unknown) => onError('checkpoint could not be signed', error));
  };
  const timer = everyMs > 0 ? setInterval(background, everyMs) : undefined;
  timer?.unref();

  return {
    checkpointNow,
    noteAppended(chain, seq) {
      if (closed || !chains.includes(chain)) return;
      const last = signedThrough.get(chain) ?? 0n;
      if (BigInt(seq) - last >= BigInt(everyRecords)) background();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      if (running) await running.catch(() => []);
      await checkpointNow();
      // The files only: a witness that is down must not hold a shutdown for its retries.
      await options.publisher?.written();
    },
  };
}

/** How far behind the newest checkpoint a racing signer's time may be and still count as a race. */
const RACE_CLOCK_TOLERANCE_MS = 5_000;

/**
 * Signs `input` as the next checkpoint of its chain's series and stores it, unless a checkpoint of
 * that chain at that seq exists already (the `(chain, seq)` unique key). Returns the checkpoint now
 * stored at that place — the existing one if there was one (it may name another hash: verification
 * compares it with the chain) — and whether this call created it.
 *
 * The new checkpoint links to the newest stored one of the chain (`previous` of lib/ledger
 * `createCheckpoint`). Two processes signing at once may both pick the same predecessor: the
 * `(chain, position)` unique key keeps the first, and the other one reads the new newest and signs
 * again, so the series never forks.
 */
export async function storeCheckpoint(
  db: Executor,
  input: CheckpointInput,
  privateKey: KeyInput,
  options: Pick<CreateCheckpointOptions, 'previousKey'> = {},
): Promise<{ checkpoint: Checkpoint; created: boolean }> {
  for (let attempt = 0; ; attempt += 1) {
    const previous = await newestCheckpoint(db, input.chain);
    // Checkpoint times only move forward along the series (log verify checks it). A signer that lost
    // a race to a checkpoint dated a moment later (another process, clocks a few ms apart) signs at
    // that checkpoint's time. A larger step back is a wrong clock: it is signed as it is, for log
    // verify to report.
    const behind = previous ? previous.createdAt.getTime() - input.createdAt.getTime() : 0;
    const createdAt = previous && behind > 0 && behind <= RACE_CLOCK_TOLERANCE_MS ? previous.createdAt : input.createdAt;
    const checkpoint = createCheckpoint({ ...input, createdAt }, privateKey, { previous: previous ?? null, ...options });
    const inserted = await db
      .insert(chainCheckpoints)
      .values(toRow(checkpoint))
      .onConflictDoNothing()
      .returning({ id: chainCheckpoints.id });
    if (inserted.length > 0) return { checkpoint, created: true };
    const [row] = await db
      .select()
      .from(chainCheckpoints)
      .where(and(eq(chainCheckpoints.chain, checkpoint.chain), eq(chainCheckpoints.seq, Number(checkpoint.seq))));
    if (row) return { checkpoint: fromRow(row), created: false };
    // Another signer took this position meanwhile: follow its checkpoint.
    if (attempt >= 20) throw new Error(`checkpoint ${checkpoint.chain}#${checkpoint.seq} could not take a position in its series`);
  }
}

/** The newest checkpoint of `chain`: the highest position of the chained series, else the highest seq. */
export async function newestCheckpoint(db: Executor, chain: string): Promise<Checkpoint | undefined> {
  const [row] = await db
    .select()
    .from(chainCheckpoints)
    .where(eq(chainCheckpoints.chain, chain))
    .orderBy(sql`${chainCheckpoints.position} desc nulls last`, desc(chainCheckpoints.seq))
    .limit(1);
  return row ? fromRow(row) : undefined;
}

function toRow(checkpoint: Checkpoint): typeof chainCheckpoints.$inferInsert {
  return {
    chain: checkpoint.chain,
    seq: Number(checkpoint.seq),
    headHash: checkpoint.headHash,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
    createdAt: checkpoint.createdAt,
    version: checkpointVersion(checkpoint),
    position: checkpoint.position === undefined ? null : Number(checkpoint.position),
    prevCheckpointHash: checkpoint.prevCheckpointHash ?? null,
    previousKeyId: checkpoint.previousKeyId ?? null,
    transitionSignature: checkpoint.transitionSignature ?? null,
  };
}

export interface ArchiveAnchors {
  /** The latest anchor of the chain (highest seq): the kept chain continues right after it. */
  anchor: Checkpoint | undefined;
  /** Markers of archived rows above that anchor (all markers when there is no anchor), in seq order. */
  archivedRows: Checkpoint[];
}

/**
 * The archive anchor of `chain` and the archived-row markers above it, as lib/ledger `verifyChain`
 * takes them (`anchor`, `archivedRows`). Signatures are not checked here: `verifyChain` does.
 */
export async function loadArchiveAnchors(db: Executor, chain: string): Promise<ArchiveAnchors> {
  const anchors = await loadCheckpoints(db, anchorChainName(chain));
  const anchor = anchors[anchors.length - 1];
  const markers = await loadCheckpoints(db, archivedRowChainName(chain));
  return { anchor, archivedRows: anchor ? markers.filter((marker) => marker.seq > anchor.seq) : markers };
}

/** Every checkpoint of `chain`, in seq order, as lib/ledger `verifyChain` takes them. */
export async function loadCheckpoints(db: Executor, chain: string): Promise<Checkpoint[]> {
  const rows = await db
    .select()
    .from(chainCheckpoints)
    .where(eq(chainCheckpoints.chain, chain))
    .orderBy(asc(chainCheckpoints.seq));
  return rows.map(fromRow);
}

/** A stored row as the checkpoint it holds. */
export function fromRow(row: typeof chainCheckpoints.$inferSelect): Checkpoint {
  return {
    chain: row.chain,
    seq: BigInt(row.seq),
    headHash: row.headHash,
    createdAt: row.createdAt,
    keyId: row.keyId,
    signature: row.signature,
    ...(row.version === 2
      ? { version: 2 as const, position: BigInt(row.position ?? -1), prevCheckpointHash: row.prevCheckpointHash ?? '' }
      : {}),
    ...(row.previousKeyId === null ? {} : { previousKeyId: row.previousKeyId, transitionSignature: row.transitionSignature ?? '' }),
  };
}
