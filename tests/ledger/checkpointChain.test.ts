import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_GENESIS_HASH,
  checkpointHash,
  checkpointPayload,
  checkpointProblem,
  createCheckpoint,
  deserializeCheckpoint,
  publicKeyId,
  serializeCheckpoint,
  verifyCheckpointChain,
  type Checkpoint,
} from '../../lib/ledger/index.ts';

const keys = generateKeyPairSync('ed25519');
const head = (seq: number): string => seq.toString(16).padStart(64, '0');
const at = (minute: number): Date => new Date(Date.UTC(2026, 11, 1, 0, minute));

/** A series of `count` chained checkpoints of `chain`, following `previous`. */
function series(count: number, previous: Checkpoint | null = null, chain = 'access', key = keys.privateKey): Checkpoint[] {
  const out: Checkpoint[] = [];
  for (let i = 0; i < count; i += 1) {
    const before = out[out.length - 1] ?? previous;
    const seq = (before ? Number(before.seq) : 0) + 10;
    out.push(createCheckpoint({ chain, seq: BigInt(seq), headHash: head(seq), createdAt: at(seq) }, key, { previous: before }));
  }
  return out;
}

/** A version 1 checkpoint, as stored before checkpoints were chained. */
function legacy(seq: number): Checkpoint {
  const fields = { chain: 'access', seq: BigInt(seq), headHash: head(seq), createdAt: at(seq), keyId: publicKeyId(keys.publicKey) };
  return { ...fields, signature: sign(null, checkpointPayload(fields), keys.privateKey).toString('base64') };
}

describe('chained checkpoints', () => {
  it('each signs its position and the hash of the one before it', () => {
    const [first, second, third] = series(3);
    expect(first).toMatchObject({ version: 2, position: 1n, prevCheckpointHash: CHECKPOINT_GENESIS_HASH });
    expect(second).toMatchObject({ version: 2, position: 2n, prevCheckpointHash: checkpointHash(first!) });
    expect(third).toMatchObject({ position: 3n, prevCheckpointHash: checkpointHash(second!) });
    for (const cp of [first!, second!, third!]) expect(checkpointProblem(cp, keys.publicKey)).toBeUndefined();
    // The link is inside the signed payload: changing it breaks the signature.
    expect(checkpointProblem({ ...third!, prevCheckpointHash: checkpointHash(first!) }, keys.publicKey)).toBe('signature does not match');
    expect(checkpointProblem({ ...third!, position: 2n }, keys.publicKey)).toBe('signature does not match');
    expect(checkpointProblem({ ...third!, position: 0n }, keys.publicKey)).toMatch(/position/);
  });

  it('a complete series verifies; a checkpoint deleted from its middle is named with its position', () => {
    const all = series(5);
    expect(verifyCheckpointChain('access', all)).toMatchObject({ ok: true, chained: 5, legacy: 0, newest: all[4] });
    const gap = verifyCheckpointChain('access', [all[0]!, all[1]!, all[3]!, all[4]!]);
    expect(gap).toMatchObject({ ok: false, problem: { kind: 'checkpoint-deleted', position: 3n, seq: 40n } });
    expect(gap.problem!.detail).toMatch(/#3 is missing/);
  });

  it('a checkpoint dated before the one it follows is its own finding, even when its links and signature hold', () => {
    const [first, second] = series(2);
    // Signed with the real key and linked correctly, but dated before #2 (back-dated, or a wrong clock).
    const backdated = createCheckpoint({ chain: 'access', seq: 30n, headHash: head(30), createdAt: at(15) }, keys.privateKey, { previous: second! });
    expect(checkpointProblem(backdated, keys.publicKey)).toBeUndefined();
    const result = verifyCheckpointChain('access', [first!, second!, backdated]);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'checkpoint-time-backwards', position: 3n, seq: 30n } });
    expect(result.problem!.detail).toContain('before checkpoint #2');
    // The same time as its predecessor is not backwards.
    const same = createCheckpoint({ chain: 'access', seq: 30n, headHash: head(30), createdAt: second!.createdAt }, keys.privateKey, { previous: second! });
    expect(verifyCheckpointChain('access', [first!, second!, same])).toMatchObject({ ok: true });
  });

  it('a deleted checkpoint whose successors were renumbered and re-signed by someone with the key still breaks a link', () => {
    const all = series(4);
    // Remove #2 and put #3 in its place: its signed link names #2, which is gone.
    const renumbered = { ...all[2]!, position: 2n };
    const report = verifyCheckpointChain('access', [all[0]!, renumbered, all[3]!]);
    expect(report).toMatchObject({ ok: false, problem: { kind: 'checkpoint-deleted', position: 2n } });
  });

  it('a checkpoint rewritten in place no longer fits the next one’s link', () => {
    const all = series(3);
    const rewritten = createCheckpoint({ chain: 'access', seq: 20n, headHash: 'e'.repeat(64), createdAt: at(20) }, keys.privateKey, { previous: all[0]! });
    const report = verifyCheckpointChain('access', [all[0]!, rewritten, all[2]!]);
    expect(report).toMatchObject({ ok: false, problem: { kind: 'checkpoint-deleted', position: 3n } });
    expect(report.problem!.detail).toMatch(/#2 was rewritten/);
  });

  it('unchained checkpoints stored before chaining still verify, and the first chained one links to the last of them', () => {
    const old = [legacy(10), legacy(20), legacy(30)];
    for (const cp of old) expect(checkpointProblem(cp, keys.publicKey)).toBeUndefined();
    const chained = series(2, old[2]!);
    expect(chained[0]).toMatchObject({ position: 1n, prevCheckpointHash: checkpointHash(old[2]!) });
    expect(verifyCheckpointChain('access', [...old, ...chained])).toMatchObject({ ok: true, legacy: 3, chained: 2 });
    // The unchained checkpoint the series starts from was deleted: the link says so.
    expect(verifyCheckpointChain('access', [old[0]!, old[1]!, ...chained])).toMatchObject({
      ok: false,
      problem: { kind: 'checkpoint-deleted', position: 1n },
    });
  });

  it('published copies: the newest ones deleted from the database are caught, and a differing copy is a rewrite', () => {
    const all = series(6);
    const kept = all.slice(0, 4);
    // The stored series is complete in itself: only the copies show what is gone.
    expect(verifyCheckpointChain('access', kept).ok).toBe(true);
    const report = verifyCheckpointChain('access', kept, all);
    expect(report).toMatchObject({ ok: false, publishedMatched: 4, problem: { kind: 'checkpoint-deleted', position: 5n, seq: 50n } });
    expect(report.problem!.detail).toMatch(/deleted from its end/);

    const forked = [...kept, createCheckpoint({ chain: 'access', seq: 50n, headHash: 'f'.repeat(64), createdAt: at(50) }, keys.privateKey, { previous: kept[3]! })];
    expect(verifyCheckpointChain('access', forked, all)).toMatchObject({ ok: false, problem: { kind: 'checkpoint-mismatch', position: 5n } });
    expect(verifyCheckpointChain('access', all, all)).toMatchObject({ ok: true, publishedMatched: 6 });
  });

  it('serialize and deserialize round-trip every field, for both formats', () => {
    const [cp] = series(1);
    const back = deserializeCheckpoint(JSON.parse(JSON.stringify(serializeCheckpoint(cp!))));
    expect(back).toEqual(cp);
    expect(checkpointHash(back)).toBe(checkpointHash(cp!));
    const old = legacy(10);
    expect(deserializeCheckpoint(JSON.parse(JSON.stringify(serializeCheckpoint(old))))).toEqual(old);
  });

  it('a key transition is signed by both keys, and fails if either signature is wrong or the old key unknown', () => {
    const next = generateKeyPairSync('ed25519');
    const [first] = series(1);
    const transition = createCheckpoint({ chain: 'access', seq: 20n, headHash: head(20), createdAt: at(20) }, next.privateKey, {
      previous: first!,
      previousKey: keys.privateKey,
    });
    expect(transition).toMatchObject({ keyId: publicKeyId(next.publicKey), previousKeyId: publicKeyId(keys.publicKey) });
    expect(checkpointProblem(transition, [keys.publicKey, next.publicKey])).toBeUndefined();
    expect(checkpointProblem(transition, [next.publicKey])).toMatch(/transition from unknown key/);
    const forged = { ...transition, transitionSignature: transition.signature };
    expect(checkpointProblem(forged, [keys.publicKey, next.publicKey])).toMatch(/transition signature/);
    expect(() => createCheckpoint({ chain: 'access', seq: 20n, headHash: head(20), createdAt: at(20) }, keys.privateKey, { previousKey: keys.privateKey })).toThrow(
      /two different keys/,
    );
  });
});
