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
 *
 * After the oldest rows were archived, the chain no longer starts at genesis. Given an `anchor` (a
 * signed checkpoint of chain `anchorChainName(chain)`, written when rows were archived), verification
 * starts from it instead: the first row must be `anchor.seq + 1` and link to `anchor.headHash`, so
 * rows removed from the start of what was kept are `deleted` there, as anywhere else. Missing seqs
 * above the anchor are accepted only where an `archivedRows` marker (chain
 * `archivedRowChainName(chain)`) signs them as archived. Both are checked like checkpoints: a wrong
 * signature is `bad-signature`. Problems about them carry `about: 'anchor' | 'archived-row'`.
 */
import type { KeyObject } from 'node:crypto';
import { GENESIS_HEAD, hashRecord, type ChainHead } from './chain.ts';
import { keyPeriodProblem, type KeyHistory } from './keyHistory.ts';
import {
  anchorChainName,
  archivedRowChainName,
  checkpointProblem,
  type Checkpoint,
  type KeyInput,
} from './checkpoint.ts';

export interface StoredChainRecord {
  seq: bigint;
  prevHash: string;
  hash: string;
  canonical: string;
}

/** `revoked-key`: signed by a key after its revocation; `retired-key`: by a retired key outside its period. */
export type ChainProblemKind = 'altered' | 'inserted' | 'deleted' | 'bad-signature' | 'checkpoint-mismatch' | 'revoked-key' | 'retired-key';

export interface ChainProblem {
  seq: bigint;
  kind: ChainProblemKind;
  detail: string;
  /** Set when the problem concerns the anchor (its signature, or the start of the chain after it) or an archived-row marker. */
  about?: 'anchor' | 'archived-row';
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
  /** Where verification started, when it started from a valid `anchor` rather than genesis. */
  anchor?: ChainHead;
  /** Missing seqs passed over because a valid `archivedRows` marker signs them (when markers were given). */
  archivedRowsPassed?: number;
}

export interface VerifyChainOptions {
  /** Expected chain name: checkpoints naming another chain are reported as `checkpoint-mismatch`. */
  chain?: string;
  /** How many recent row hashes to remember to tell an insertion from a deletion (default 64). */
  lookback?: number;
  /**
   * Verify only what follows this signed anchor (rows up to its seq were archived): start from
   * `{ seq, headHash }` instead of genesis. Checkpoints below it concern archived rows: only their
   * signatures are checked. With `chain`, the anchor must be of chain `anchorChainName(chain)`.
   */
  anchor?: Checkpoint;
  /**
   * Signed markers of rows above the anchor (or above genesis) that were archived: a missing seq with
   * a valid marker is passed over (the next row must link to the marker's hash). Markers at or below
   * the anchor are ignored. With `chain`, each must be of chain `archivedRowChainName(chain)`.
   */
  archivedRows?: readonly Checkpoint[];
  /**
   * The operator keys' history (lib/ledger/keyHistory.ts): a checkpoint signed by a revoked key at
   * or after its revocation is `revoked-key`, by a retired key outside its period `retired-key`.
   */
  keyHistory?: KeyHistory;
}

interface PreparedCheckpoint {
  cp: Checkpoint;
  seq: bigint;
  problem: { kind: 'bad-signature' | 'checkpoint-mismatch' | 'revoked-key' | 'retired-key'; detail: string } | undefined;
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
    .map((cp) => prepareCheckpoint(cp, keys, options.chain, options.keyHistory))
    .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  let nextCheckpoint = 0;

  let prev: ChainHead = { ...GENESIS_HEAD };
  let checked = 0;
  let checkpointsVerified = 0;
  let sealedThrough = 0n;
  let start: ChainHead | undefined;
  let archivedRowsPassed = 0;
  const archived = new Map<bigint, string>();

  const report = (problem?: ChainProblem): ChainVerification => ({
    ok: problem === undefined,
    checked,
    head: prev,
    checkpointsVerified,
    sealedThrough,
    ...(problem ? { firstProblem: problem } : {}),
    ...(start ? { anchor: start } : {}),
    ...(options.archivedRows ? { archivedRowsPassed } : {}),
  });

  if (options.anchor) {
    const anchor = prepareCheckpoint(
      options.anchor,
      keys,
      options.chain === undefined ? undefined : anchorChainName(options.chain),
      options.keyHistory,
    );
    if (anchor.problem) {
      return report({
        seq: anchor.seq,
        about: 'anchor',
        kind: anchor.problem.kind,
        detail: `the anchor checkpoint at seq ${anchor.seq} cannot be trusted: ${anchor.problem.detail}`,
      });
    }
    start = { seq: anchor.seq, hash: anchor.cp.headHash };
    prev = { ...start };
    // The anchor signs this head: what precedes it was archived, sealed by the anchor itself.
    sealedThrough = anchor.seq;
  }
  for (const marker of options.archivedRows ?? []) {
    const prepared = prepareCheckpoint(
      marker,
      keys,
      options.chain === undefined ? undefined : archivedRowChainName(options.chain),
      options.keyHistory,
    );
    if (prepared.seq <= prev.seq) continue;
    if (prepared.problem) {
      return report({
        seq: prepared.seq,
        about: 'archived-row',
        kind: prepared.problem.kind,
        detail: `the marker of archived seq ${prepared.seq} cannot be trusted: ${prepared.problem.detail}`,
      });
    }
    archived.set(prepared.seq, prepared.cp.headHash);
  }
  const recent = new Map<string, bigint>([[prev.hash, prev.seq]]);
  const remember = (seq: bigint, hash: string): void => {
    recent.set(hash, seq);
    if (recent.size > lookback) recent.delete(recent.keys().next().value!);
  };

  /** Checks the checkpoints at `seq` against `hash`; returns the first problem. */
  const settleCheckpointsAt = (seq: bigint, hash: string): ChainProblem | undefined => {
    while (nextCheckpoint < pending.length && pending[nextCheckpoint]!.seq <= seq) {
      const { cp, problem, seq: cpSeq } = pending[nextCheckpoint]!;
      nextCheckpoint += 1;
      if (problem) return { seq: cpSeq, ...problem };
      // Below an anchor: the checkpoint concerns archived rows, which are not here to compare.
      // (From genesis this cannot happen: rows are contiguous and checked one by one.)
      if (cpSeq !== seq) continue;
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

  const startProblem = settleCheckpointsAt(prev.seq, prev.hash);
  if (startProblem) return report(start && startProblem.seq === start.seq ? { ...startProblem, about: 'anchor' } : startProblem);

  /** Passes over the archived rows (signed markers) right after `prev`, up to `before` (exclusive). */
  const passArchived = (before: bigint | undefined): ChainProblem | undefined => {
    for (let seq = prev.seq + 1n; (before === undefined || seq < before) && archived.has(seq); seq += 1n) {
      const hash = archived.get(seq)!;
      const issue = settleCheckpointsAt(seq, hash);
      if (issue) return issue;
      prev = { seq, hash };
      archivedRowsPassed += 1;
      remember(seq, hash);
    }
    return undefined;
  };
  const fromAnchor = (): boolean => start !== undefined && prev.seq === start.seq;

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
      if (row.seq <= prev.seq && fromAnchor() && checked === 0) {
        return report({
          seq: row.seq,
          about: 'anchor',
          kind: 'inserted',
          detail: `seq ${row.seq} is stored, but the signed anchor states that the rows up to seq ${prev.seq} were archived`,
        });
      }
      if (row.seq < prev.seq + 1n) {
        return report({
          seq: row.seq,
          kind: 'inserted',
          detail:
            row.seq === prev.seq
              ? `seq ${row.seq} appears more than once`
              : `seq ${row.seq} appears after seq ${prev.seq}: rows out of order`,
        });
      }
      if (row.seq > prev.seq + 1n) {
        const archivedIssue = passArchived(row.seq);
        if (archivedIssue) return report(archivedIssue);
      }
      const expected = prev.seq + 1n;
      if (row.seq > expected) {
        const missing =
          row.seq - 1n === expected ? `seq ${expected} is` : `seqs ${expected}..${row.seq - 1n} are`;
        if (fromAnchor()) {
          return report({
            seq: expected,
            about: 'anchor',
            kind: 'deleted',
            detail:
              `${missing} missing: the signed anchor states that the kept chain continues at seq ${expected} ` +
              `(rows up to seq ${prev.seq} were archived), so rows were removed from its start`,
          });
        }
        const unmarked = archived.size > 0 ? ' (neither stored nor signed as archived)' : '';
        return report({ seq: expected, kind: 'deleted', detail: `${missing} missing${unmarked}` });
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
        if (fromAnchor()) {
          return report({
            seq: row.seq,
            about: 'anchor',
            kind: 'deleted',
            detail:
              `seq ${row.seq} links to ${row.prevHash}, but the signed anchor names head ${prev.hash} at seq ${prev.seq}: ` +
              `rows at the start of the kept chain were removed and the rest renumbered, or seq ${row.seq} was rewritten`,
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
      const markedHash = archived.get(row.seq);
      if (markedHash !== undefined && markedHash !== row.hash) {
        return report({
          seq: row.seq,
          about: 'archived-row',
          kind: 'checkpoint-mismatch',
          detail: `a signed marker states seq ${row.seq} was archived with hash ${markedHash}, but the stored row hashes to ${row.hash}`,
        });
      }
      const checkpointIssue = settleCheckpointsAt(row.seq, row.hash);
      if (checkpointIssue) return report(checkpointIssue);

      prev = { seq: row.seq, hash: row.hash };
      checked += 1;
      remember(row.seq, row.hash);
    }
  } finally {
    await iterator.return?.();
  }
  // The newest rows may be archived ones too (logged after the first row that stayed).
  const trailingIssue = passArchived(undefined);
  if (trailingIssue) return report(trailingIssue);

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
  keyHistory: KeyHistory | undefined,
): PreparedCheckpoint {
  const seq = toBigInt(cp.seq);
  const signatureProblem = checkpointProblem(cp, keys);
  if (signatureProblem) return { cp, seq, problem: { kind: 'bad-signature', detail: signatureProblem } };
  const periodProblem = keyPeriodProblem(cp, keyHistory);
  if (periodProblem) return { cp, seq, problem: periodProblem };
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
