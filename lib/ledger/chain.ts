/**
 * The hash chain behind the access log and the administrative trail.
 *
 * Every record carries the hash of the record before it: `hash = SHA-256(prevHash + '\n' + canonical)`
 * where `canonical` is the record's canonical JSON (see `canonical.ts`). The first record of a chain
 * links to `GENESIS_HASH`. Sequence numbers are contiguous bigints starting at 1 per chain. Changing,
 * removing or inserting a row breaks a link; rewriting every hash after the change is caught by the
 * next signed checkpoint (see `checkpoint.ts`), which names the head hash at a sequence number.
 *
 * Storage contract. The database layer stores, per row: `seq`, `prev_hash`, `hash` and the
 * `canonical` text exactly as hashed (re-deriving it from columns later is fragile: a jsonb column
 * or a changed column type would alter the bytes). Verification reads those four back in `seq`
 * order.
 *
 * Writers. Appending is a read-modify-write of the chain head, so appends to one chain must be
 * serialized. Inside one process the group committer (`group-commit.ts`) runs one flush at a time.
 * Across processes (two gateway instances on one PostgreSQL), each flush takes the head under a row
 * lock inside the transaction that inserts the batch: that is the `ChainHeadStore` contract below,
 * used by `appendToChain`.
 */
import { hash as digest } from 'node:crypto';
import { canonicalize } from './canonical.ts';

/** The `prevHash` of the first record of every chain: 64 zero hex digits. */
export const GENESIS_HASH = '0'.repeat(64);

/** Position of a chain's last record; `{ seq: 0n, hash: GENESIS_HASH }` for an empty chain. */
export interface ChainHead {
  seq: bigint;
  hash: string;
}

export const GENESIS_HEAD: Readonly<ChainHead> = Object.freeze({ seq: 0n, hash: GENESIS_HASH });

/** Hex SHA-256 of `prevHash + '\n' + canonical` (UTF-8). */
export function hashRecord(prevHash: string, canonical: string): string {
  // The one-shot `crypto.hash` (Node ≥ 20.12) costs about half of a `createHash` object per record.
  return digest('sha256', `${prevHash}\n${canonical}`, 'hex');
}

/** A record with its canonical JSON, ready to be linked (see `toCanonicalRecord`). */
export interface CanonicalRecord<R> {
  record: R;
  /** The canonical JSON of `record`, exactly as hashed: store it verbatim. */
  canonical: string;
}

/** A record placed in a chain: what the database layer inserts (plus its own columns from `record`). */
export interface ChainedRecord<R> extends CanonicalRecord<R> {
  seq: bigint;
  prevHash: string;
  hash: string;
}

export type LinkedRecord<R> = Omit<ChainedRecord<R>, 'seq'>;

/**
 * Canonicalizes a record ahead of linking. Done before the head is locked (at submit time in the
 * group committer), so a record that cannot be canonicalized is refused alone, and the lock is
 * held only for hashing and inserting.
 */
export function toCanonicalRecord<R>(record: R): CanonicalRecord<R> {
  return { record, canonical: canonicalize(record) };
}

/**
 * Links `records` after `prev`, in array order. Given a head (`{ seq, hash }`), assigns
 * `seq = prev.seq + 1, + 2, …`; given only a previous hash, links without sequence numbers.
 * Pure: the caller persists the result and advances its head to the last element.
 */
export function chainRecords<R>(prev: ChainHead, records: readonly R[]): ChainedRecord<R>[];
export function chainRecords<R>(prevHash: string, records: readonly R[]): LinkedRecord<R>[];
export function chainRecords<R>(
  prev: ChainHead | string,
  records: readonly R[],
): ChainedRecord<R>[] | LinkedRecord<R>[] {
  const canonical = records.map(toCanonicalRecord);
  if (typeof prev !== 'string') return linkRecords(prev, canonical);
  return linkRecords({ seq: 0n, hash: prev }, canonical).map(
    ({ record, canonical: text, prevHash, hash }) => ({
      record,
      canonical: text,
      prevHash,
      hash,
    }),
  );
}

/** Like `chainRecords`, for records already canonicalized: only hashes. */
export function linkRecords<R>(prev: ChainHead, records: readonly CanonicalRecord<R>[]): ChainedRecord<R>[] {
  assertHash(prev.hash, 'prevHash');
  // A driver may hand a bigint column back as a string: accept it rather than fail on `+ 1n`.
  let seq = BigInt(prev.seq);
  if (seq < 0n) throw new RangeError(`chain head seq must be >= 0, got ${seq}`);
  let prevHash = prev.hash;
  return records.map(({ record, canonical }) => {
    const hash = hashRecord(prevHash, canonical);
    seq += 1n;
    const chained = { record, canonical, seq, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

function assertHash(value: string, name: string): void {
  if (!HEX_SHA256.test(value)) throw new RangeError(`${name} must be 64 lowercase hex digits`);
}

/**
 * What the database layer implements so several processes can append to one chain safely. Both
 * methods run inside the transaction that inserts the batch; the lock is released by its commit or
 * rollback. With PostgreSQL, over a table `ledger_head (chain text primary key, seq bigint, hash text)`:
 *
 * - `lockAndRead(chain)`:
 *   `INSERT INTO ledger_head (chain, seq, hash) VALUES ($1, 0, $GENESIS_HASH) ON CONFLICT DO NOTHING;`
 *   then `SELECT seq, hash FROM ledger_head WHERE chain = $1 FOR UPDATE` — a second writer blocks here
 *   until the first commits, then reads the head the first one left.
 * - `advance(chain, seq, hash)`: `UPDATE ledger_head SET seq = $2, hash = $3 WHERE chain = $1`.
 *
 * A unique index on `(chain, seq)` in the record table is the last line of defence: if two writers
 * ever skipped the lock, or the head row were set back, the insert fails (and the batch's submits
 * with it: fail closed) instead of forking the chain.
 * PGlite has a single connection, so the lock is uncontended there, but the same code is correct.
 */
export interface ChainHeadStore {
  lockAndRead(chain: string): Promise<ChainHead>;
  advance(chain: string, seq: bigint, hash: string): Promise<void>;
}

/** A `ChainHeadStore` bound to a transaction that can also insert the chained rows. */
export interface ChainAppendTransaction<R> extends ChainHeadStore {
  /** Inserts `rows` (already in `seq` order) into the chain's table. */
  insert(chain: string, rows: readonly ChainedRecord<R>[]): Promise<void>;
}

/**
 * Appends `records` (canonicalized, see `toCanonicalRecord`) to `chain` within one transaction `tx`:
 * lock and read the head, link the records after it in array order, insert them, advance the head.
 * The caller opens and commits the transaction
 * (e.g. `db.transaction((tx) => appendToChain(pgChainTx(tx), 'access', records))`).
 * Returns the new head; with no records, returns the current head and writes nothing.
 */
export async function appendToChain<R>(
  tx: ChainAppendTransaction<R>,
  chain: string,
  records: readonly CanonicalRecord<R>[],
): Promise<{ head: ChainHead; rows: ChainedRecord<R>[] }> {
  const head = await tx.lockAndRead(chain);
  if (records.length === 0) return { head, rows: [] };
  const rows = linkRecords(head, records);
  await tx.insert(chain, rows);
  const last = rows[rows.length - 1]!;
  await tx.advance(chain, last.seq, last.hash);
  return { head: { seq: last.seq, hash: last.hash }, rows };
}

export interface ChainWriterOptions<R> {
  chain: string;
  /**
   * Runs `work` in one database transaction: commit when it resolves, roll back when it throws.
   * E.g. `(work) => db.transaction((tx) => work(accessLogChainTx(tx)))`.
   */
  transaction: <X>(work: (tx: ChainAppendTransaction<R>) => Promise<X>) => Promise<X>;
  /** Called after each committed batch (e.g. to decide whether to sign a checkpoint); must not throw. */
  onCommitted?: (head: ChainHead, rows: readonly ChainedRecord<R>[]) => void;
}

export interface ChainWriter<R> {
  /** Appends a batch in one transaction; resolves once it is committed. Use as a group committer's `flush`. */
  flush(batch: readonly CanonicalRecord<R>[]): Promise<void>;
  /** The head after the last batch this writer committed (`undefined` before the first). */
  head(): ChainHead | undefined;
}

/**
 * The flush of a group committer for one chain. With the committer's `prepare: toCanonicalRecord`,
 * records are canonicalized at submit time, queued in submit order, and linked here under the
 * head lock in that same order: chain order = submit order = `seq` order.
 *
 * One writer per chain is assumed within a process (the committer runs one flush at a time). The
 * head is read under the lock on every batch, never trusted from memory, so a second process (a
 * second gateway instance) appending to the same chain interleaves whole batches correctly; the
 * in-memory `head()` is for checkpointing and monitoring only.
 */
export function createChainWriter<R>(options: ChainWriterOptions<R>): ChainWriter<R> {
  let last: ChainHead | undefined;
  return {
    async flush(batch) {
      if (batch.length === 0) return;
      const { head, rows } = await options.transaction((tx) => appendToChain(tx, options.chain, batch));
      last = head;
      try {
        options.onCommitted?.(head, rows);
      } catch {
        // The batch is committed: a failing hook must not make its submits look failed (a caller
        // would then answer 503 for requests that are durably logged). Hooks handle their errors.
      }
    },
    head: () => (last ? { ...last } : undefined),
  };
}
