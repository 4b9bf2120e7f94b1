/**
 * The chain of checkpoints: each chained (version 2) checkpoint signs the hash of the checkpoint
 * signed before it under the same chain name, and its position in that series. Checked here:
 * - every position from 1 to the newest is present: a gap is a deleted checkpoint;
 * - each one links to the hash of the one before it (the first chained one to the last unchained,
 *   version 1, checkpoint of the series, or to `CHECKPOINT_GENESIS_HASH` when there was none): a
 *   broken link is a deleted or rewritten checkpoint;
 * - each one's `createdAt` is not earlier than the one before it (`checkpoint-time-backwards`): the
 *   signer's clock only moves forward, so a checkpoint dated before its predecessor was signed with
 *   a wrong clock or back-dated — e.g. to fall before a key's revocation time;
 * - given published copies (`published`), each must be in the series unchanged: a copy the series
 *   lacks is a deleted checkpoint, one that differs a rewritten one. This is what catches deleting
 *   the newest checkpoints, which leaves no broken link behind.
 * Signatures are not checked here: `verifyChain` checks them for every checkpoint it is given.
 */
import { checkpointHash, checkpointVersion, CHECKPOINT_GENESIS_HASH, type Checkpoint } from './checkpoint.ts';

export type CheckpointChainProblemKind = 'checkpoint-deleted' | 'checkpoint-mismatch' | 'checkpoint-time-backwards';

export interface CheckpointChainProblem {
  kind: CheckpointChainProblemKind;
  /** Chain name of the series (`access`, `trail`, `access:anchor`, …). */
  chain: string;
  /** Position in the series where the problem is (0 when it concerns an unchained checkpoint). */
  position: bigint;
  /** The log seq the concerned checkpoint signs, when known. */
  seq?: bigint;
  detail: string;
}

export interface CheckpointChainVerification {
  ok: boolean;
  chain: string;
  /** Unchained (version 1) checkpoints, signed before chaining existed. */
  legacy: number;
  /** Chained checkpoints, positions 1..chained. */
  chained: number;
  /** The newest checkpoint of the series (highest position, or highest seq if none is chained). */
  newest?: Checkpoint;
  /** Published copies found unchanged in the series. */
  publishedMatched: number;
  problem?: CheckpointChainProblem;
}

export function verifyCheckpointChain(
  chain: string,
  stored: readonly Checkpoint[],
  published: readonly Checkpoint[] = [],
): CheckpointChainVerification {
  const legacy = stored.filter((cp) => checkpointVersion(cp) === 1).sort((a, b) => compare(a.seq, b.seq));
  const chained = stored.filter((cp) => checkpointVersion(cp) === 2).sort((a, b) => compare(a.position!, b.position!));
  const newest = chained[chained.length - 1] ?? legacy[legacy.length - 1];
  const result = (publishedMatched: number, problem?: CheckpointChainProblem): CheckpointChainVerification => ({
    ok: problem === undefined,
    chain,
    legacy: legacy.length,
    chained: chained.length,
    ...(newest ? { newest } : {}),
    publishedMatched,
    ...(problem ? { problem } : {}),
  });

  for (const cp of stored) {
    if (cp.chain !== chain) {
      return result(0, { kind: 'checkpoint-mismatch', chain, position: cp.position ?? 0n, seq: cp.seq, detail: `a checkpoint of chain ${cp.chain} is stored among those of ${chain}` });
    }
  }
  // The first chained checkpoint links to the unchained one the signer saw last (during an upgrade an
  // older process may still add unchained ones: any of them will do), or to genesis if it saw none.
  const legacyHashes = new Set(legacy.map(checkpointHash));
  let expectedPrev = CHECKPOINT_GENESIS_HASH;
  for (let index = 0; index < chained.length; index += 1) {
    const cp = chained[index]!;
    const position = BigInt(index + 1);
    if (index === 0) {
      const before = legacy.filter((old) => old.createdAt.getTime() <= cp.createdAt.getTime());
      if (legacyHashes.has(String(cp.prevCheckpointHash)) || (before.length === 0 && cp.prevCheckpointHash === CHECKPOINT_GENESIS_HASH)) {
        expectedPrev = String(cp.prevCheckpointHash);
      } else if (before.length > 0) {
        expectedPrev = checkpointHash(before[before.length - 1]!);
      }
    }
    if (cp.position! !== position) {
      const missing = cp.position! - 1n === position ? `#${position} is` : `#${position}..#${cp.position! - 1n} are`;
      return result(0, {
        kind: cp.position! > position ? 'checkpoint-deleted' : 'checkpoint-mismatch',
        chain,
        position,
        seq: cp.seq,
        detail:
          cp.position! > position
            ? `checkpoint ${missing} missing from the series of ${chain} (the next stored one is #${cp.position}, at seq ${cp.seq})`
            : `two checkpoints of ${chain} claim position #${cp.position}`,
      });
    }
    if (cp.prevCheckpointHash !== expectedPrev) {
      return result(0, {
        kind: 'checkpoint-deleted',
        chain,
        position,
        seq: cp.seq,
        detail:
          index === 0
            ? `the first chained checkpoint of ${chain} (seq ${cp.seq}) links to ${String(cp.prevCheckpointHash)}, ` +
              `but the checkpoint before it hashes to ${expectedPrev}: an earlier checkpoint was deleted or rewritten`
            : `checkpoint #${position} of ${chain} (seq ${cp.seq}) links to ${String(cp.prevCheckpointHash)}, ` +
              `but checkpoint #${position - 1n} hashes to ${expectedPrev}: a checkpoint between them was deleted, or #${position - 1n} was rewritten`,
      });
    }
    const before = chained[index - 1];
    if (before && cp.createdAt.getTime() < before.createdAt.getTime()) {
      return result(0, {
        kind: 'checkpoint-time-backwards',
        chain,
        position,
        seq: cp.seq,
        detail:
          `checkpoint #${position} of ${chain} (seq ${cp.seq}) is dated ${cp.createdAt.toISOString()}, ` +
          `before checkpoint #${position - 1n} (${before.createdAt.toISOString()}): checkpoint times only move forward, so it was back-dated or signed with a wrong clock`,
      });
    }
    expectedPrev = checkpointHash(cp);
  }

  // Published copies: the database must still hold each one, unchanged.
  const storedByHash = new Set(stored.map(checkpointHash));
  const chainedByPosition = new Map(chained.map((cp) => [cp.position!, cp]));
  let matched = 0;
  const copies = [...published].sort((a, b) => compare(a.position ?? 0n, b.position ?? 0n) || compare(a.seq, b.seq));
  for (const copy of copies) {
    if (copy.chain !== chain) continue;
    if (storedByHash.has(checkpointHash(copy))) {
      matched += 1;
      continue;
    }
    const there = checkpointVersion(copy) === 2 ? chainedByPosition.get(copy.position!) : undefined;
    const newestPosition = newest?.position ?? 0n;
    return result(matched, {
      kind: there ? 'checkpoint-mismatch' : 'checkpoint-deleted',
      chain,
      position: copy.position ?? 0n,
      seq: copy.seq,
      detail: there
        ? `the published checkpoint #${copy.position} of ${chain} (seq ${copy.seq}) differs from the stored one (seq ${there.seq}): the checkpoint was rewritten`
        : `the published checkpoint ${copy.position === undefined ? '' : `#${copy.position} `}of ${chain} (seq ${copy.seq}, ${copy.createdAt.toISOString()}) ` +
          `is not in the database` +
          (checkpointVersion(copy) === 2 && copy.position! > newestPosition
            ? ` (the stored series ends at #${newestPosition}${newest ? `, seq ${newest.seq}` : ''}): checkpoints were deleted from its end`
            : ': it was deleted'),
    });
  }
  return result(matched);
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
