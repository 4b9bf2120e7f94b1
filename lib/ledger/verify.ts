/**
 * Verification of a stored chain against its signed checkpoints: what an evaluator runs to show
 * that the access log or the administrative trail was not altered, and that no row was removed or
 * slipped in.
 *
 * Streams the rows (`AsyncIterable`, in `seq` order, e.g. a database cursor) in constant memory and
 * stops at the first problem. What each kind means:
 * - `altered`: a row's hash does not match its own content (the content was edited in place);
 * - `deleted`: a sequence number is missing, or a row links to a hash no stored row has (a row
 *   before it was removed and the rest renumbered — or, equally, the previous row was edited and
 *   its own hash recomputed: the detail says so), or a checkpoint names a head beyond the end of
 *   the chain (rows removed from the end);
 * - `inserted`: a sequence number appears twice or goes backwards, or rows sit between two rows
 *   that link to each other, or a row does not link to its predecessor while the row after it does
 *   (two rows claim to follow the same head);
 * - `bad-signature`: a checkpoint's signature does not verify (forged, or signed by an unknown key);
 * - `checkpoint-mismatch`: a validly signed checkpoint names a head hash the chain does not have at
 *   that sequence number (the chain was rewritten and re-hashed), or belongs to another chain.
 *
 * Limits, stated for evaluators: rows after the last checkpoint are protected by the chain alone
 * (someone able to write the database could rewrite or cut that tail consistently); `sealedThrough`
 * in the report says how far signatures reach. Checkpoints should be copied off the database host.
 */
import type { KeyObject } from 'node:crypto';
import { GENESIS_HASH, GENESIS_HEAD, hashRecord, type ChainHead } from './chain.ts';
import { checkpointProblem, type Checkpoint, type KeyInput } from './checkpoint.ts';

export interface StoredChainRecord {
  seq: bigint;
  prevHash: string;
  hash: string;
  canonical: string;
}

export type ChainProblemKind = 'altered' | 'inserted' | 'deleted' | 'bad-signature' | 'checkpoint-mismatch';

export interface ChainProblem {
  seq: bigint;
  kind: ChainProblemKind;
  detail: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Rows found sound before the first problem (all rows when `ok`). */
  checked: number;
  /** The last sound row's position (`seq 0n` and `GENESIS_HASH` for an empty chain). */
  head: ChainHead;
  /** Checkpoints whose signature verified and whose head matched the chain. */
  checkpointsVerified: number;
  /** Highest `seq` covered by a verified checkpoint (`0n` if none): rows after it rest on the chain alone. */
  sealedThrough: bigint;
  firstProblem?: ChainProblem;
}

export interface VerifyChainOptions {
  /** Expected chain name: checkpoints naming another chain are reported as `checkpoint-mismatch`. */
  chain?: string;
  /** How many recent row hashes to remember to tell an insertion from a deletion (default 64). */
  lookback?: number;
}

interface PreparedCheckpoint {
  cp: Checkpoint;
  seq: bigint;
  problem: { kind: 'bad-signature' | 'checkpoint-mismatch'; detail: string } | undefined;
}

export async function verifyChain(
  records: AsyncIterable<StoredChainRecord> | Iterable<StoredChainRecord>,
  checkpoints: readonly Checkpoint[],
  publicKey: KeyInput | readonly KeyInput[],
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const lookback = Math.max(1, options.lookback ?? 64);
  const keys = (Array.isArray(publicKey) ? publicKey : [publicKey]) as readonly (KeyObject | string)[];

  const pending: PreparedCheckpoint[] = checkpoints
    .map((cp) => prepareCheckpoint(cp, keys, options.chain))
    .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  let nextCheckpoint = 0;

  let prev: ChainHead = { ...GENESIS_HEAD };
  let checked = 0;
  let checkpointsVerified = 0;
  let sealedThrough = 0n;
  const recent = new Map<string, bigint>([[GENESIS_HASH, 0n]]);

  const report = (problem?: ChainProblem): ChainVerification => ({
    ok: problem === undefined,
    checked,
    head: prev,
    checkpointsVerified,
    sealedThrough,
    ...(problem ? { firstProblem: problem } : {}),
  });

  /** Checks the checkpoints at `seq` against `hash`; returns the first problem. */
  const settleCheckpointsAt = (seq: bigint, hash: string): ChainProblem | undefined => {
    while (nextCheckpoint < pending.length && pending[nextCheckpoint]!.seq <= seq) {
      const { cp, problem, seq: cpSeq } = pending[nextCheckpoint]!;
      nextCheckpoint += 1;
      if (problem) return { seq: cpSeq, ...problem };
      if (cpSeq !== seq) continue; // cannot happen: rows are contiguous and checked one by one
      if (cp.headHash !== hash) {
        return {
          seq,
          kind: 'checkpoint-mismatch',
          detail:
            `checkpoint of ${describeTime(cp.createdAt)} signs head ${cp.headHash} at seq ${seq}, ` +
            `but the stored row there hashes to ${hash}: the chain up to this row was rewritten`,
        };
      }
      checkpointsVerified += 1;
      sealedThrough = seq;
    }
    return undefined;
  };

  const genesisProblem = settleCheckpointsAt(0n, GENESIS_HASH);
  if (genesisProblem) return report(genesisProblem);

  const iterator = iterate(records);
  let lookahead: StoredChainRecord | undefined;
  const nextRow = async (): Promise<StoredChainRecord | undefined> => {
    if (lookahead) {
      const row = lookahead;
      lookahead = undefined;
      return row;
    }
    const step = await iterator.next();
    return step.done ? undefined : normalize(step.value);
  };

  try {
    for (let row = await nextRow(); row !== undefined; row = await nextRow()) {
      const expected = prev.seq + 1n;
      if (row.seq < expected) {
        return report({
          seq: row.seq,
          kind: 'inserted',
          detail:
            row.seq === prev.seq
              ? `seq ${row.seq} appears more than once`
              : `seq ${row.seq} appears after seq ${prev.seq}: rows out of order`,
        });
      }
      if (row.seq > expected) {
        const missing =
          row.seq - 1n === expected ? `seq ${expected} is` : `seqs ${expected}..${row.seq - 1n} are`;
        return report({ seq: expected, kind: 'deleted', detail: `${missing} missing` });
      }
      const recomputed = hashRecord(row.prevHash, row.canonical);
      if (recomputed !== row.hash) {
        return report({
          seq: row.seq,
          kind: 'altered',
          detail: `stored hash ${row.hash} does not match the row's content (hashes to ${recomputed})`,
        });
      }
      if (row.prevHash !== prev.hash) {
        const linkedSeq = recent.get(row.prevHash);
        if (linkedSeq !== undefined) {
          return report({
            seq: linkedSeq + 1n,
            kind: 'inserted',
            detail:
              `seq ${row.seq} links to seq ${linkedSeq}: ` +
              (linkedSeq + 1n === prev.seq
                ? `seq ${prev.seq} was inserted between them`
                : `seqs ${linkedSeq + 1n}..${prev.seq} were inserted between them`),
          });
        }
        lookahead = await nextRow();
        if (lookahead && lookahead.prevHash === prev.hash) {
          return report({
            seq: row.seq,
            kind: 'inserted',
            detail: `seq ${row.seq} does not link to seq ${prev.seq}, but seq ${lookahead.seq} does: seq ${row.seq} was inserted`,
          });
        }
        return report({
          seq: row.seq,
          kind: 'deleted',
          detail:
            `seq ${row.seq} links to ${row.prevHash}, which no stored row has (seq ${prev.seq} hashes to ${prev.hash}): ` +
            `a row before seq ${row.seq} was removed and the rest renumbered, ` +
            `or seq ${prev.seq} was edited and its hash recomputed`,
        });
      }
      const checkpointIssue = settleCheckpointsAt(row.seq, row.hash);
      if (checkpointIssue) return report(checkpointIssue);

      prev = { seq: row.seq, hash: row.hash };
      checked += 1;
      recent.set(row.hash, row.seq);
      if (recent.size > lookback) recent.delete(recent.keys().next().value!);
    }
  } finally {
    await iterator.return?.();
  }

  // Checkpoints beyond the last row: either invalid, or proof that rows were cut from the end.
  if (nextCheckpoint < pending.length) {
    const { cp, problem, seq } = pending[nextCheckpoint]!;
    if (problem) return report({ seq, ...problem });
    return report({
      seq: prev.seq + 1n,
      kind: 'deleted',
      detail:
        `checkpoint of ${describeTime(cp.createdAt)} signs seq ${seq}, ` +
        `but the chain ends at seq ${prev.seq}: rows were removed from the end`,
    });
  }
  return report();
}

function prepareCheckpoint(
  cp: Checkpoint,
  keys: readonly (KeyObject | string)[],
  chain: string | undefined,
): PreparedCheckpoint {
  const seq = toBigInt(cp.seq);
  const signatureProblem = checkpointProblem(cp, keys);
  if (signatureProblem) return { cp, seq, problem: { kind: 'bad-signature', detail: signatureProblem } };
  if (chain !== undefined && cp.chain !== chain) {
    return {
      cp,
      seq,
      problem: {
        kind: 'checkpoint-mismatch',
        detail: `checkpoint belongs to chain ${cp.chain}, not ${chain}`,
      },
    };
  }
  if (seq < 0n) return { cp, seq, problem: { kind: 'checkpoint-mismatch', detail: 'negative seq' } };
  return { cp, seq, problem: undefined };
}

function iterate<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in source
    ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (source as Iterable<T>)[Symbol.iterator]();
}

/** Database drivers may return bigint columns as strings: accept them, compare as bigint. */
function normalize(row: StoredChainRecord): StoredChainRecord {
  return typeof row.seq === 'bigint' ? row : { ...row, seq: toBigInt(row.seq) };
}

function toBigInt(value: bigint | number | string): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

function describeTime(value: Date | string): string {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : String(value);
}
