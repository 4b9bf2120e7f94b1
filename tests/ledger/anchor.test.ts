import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HEAD, chainRecords } from '../../lib/ledger/chain.ts';
import { anchorChainName, archivedRowChainName, createCheckpoint, type Checkpoint } from '../../lib/ledger/checkpoint.ts';
import { verifyChain, type StoredChainRecord } from '../../lib/ledger/verify.ts';

const keys = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');

/** A chain of 20 rows; rows 1..8 and 10 were archived, 9 and 11..20 stayed. */
function archivedChain() {
  const all: StoredChainRecord[] = chainRecords(
    GENESIS_HEAD,
    Array.from({ length: 20 }, (_, i) => ({ n: i + 1, at: new Date(1_700_000_000_000 + i) })),
  ).map(({ seq, prevHash, hash, canonical }) => ({ seq, prevHash, hash, canonical }));
  const at = (seq: number) => all[seq - 1]!;
  const sign = (chain: string, seq: number, key = keys.privateKey): Checkpoint =>
    createCheckpoint({ chain, seq: BigInt(seq), headHash: at(seq).hash, createdAt: new Date() }, key);
  return {
    all,
    kept: all.filter((row) => row.seq === 9n || row.seq >= 11n),
    anchor: sign(anchorChainName('access'), 8),
    archivedRows: [sign(archivedRowChainName('access'), 10)],
    checkpoints: [sign('access', 5), sign('access', 9), sign('access', 15)],
    sign,
  };
}

describe('verifyChain from a signed anchor', () => {
  it('verifies what was kept, passing over exactly the rows signed as archived', async () => {
    const { kept, anchor, archivedRows, checkpoints } = archivedChain();
    const report = await verifyChain(kept, checkpoints, keys.publicKey, { chain: 'access', anchor, archivedRows });
    expect(report.firstProblem).toBeUndefined();
    expect(report).toMatchObject({
      ok: true,
      checked: 11,
      head: { seq: 20n },
      anchor: { seq: 8n, hash: anchor.headHash },
      archivedRowsPassed: 1,
      checkpointsVerified: 2, // 9 and 15; the one at 5 concerns archived rows
      sealedThrough: 15n,
    });
  });

  it('without the anchor the same rows read as cut from genesis', async () => {
    const { kept, archivedRows, checkpoints } = archivedChain();
    const report = await verifyChain(kept, checkpoints, keys.publicKey, { chain: 'access', archivedRows });
    expect(report.firstProblem).toMatchObject({ seq: 1n, kind: 'deleted' });
  });

  it('catches the oldest kept row deleted: deleted at its seq, about the anchor', async () => {
    const { kept, anchor, archivedRows, checkpoints } = archivedChain();
    const report = await verifyChain(kept.slice(1), checkpoints, keys.publicKey, { chain: 'access', anchor, archivedRows });
    expect(report.firstProblem).toMatchObject({ seq: 9n, kind: 'deleted', about: 'anchor' });
  });

  it('catches the oldest kept rows deleted up to an ordinary checkpoint, which cannot stand in for the anchor', async () => {
    const { kept, anchor, archivedRows, sign } = archivedChain();
    const checkpoints = [sign('access', 15)];
    const report = await verifyChain(kept.filter((row) => row.seq > 15n), checkpoints, keys.publicKey, { chain: 'access', anchor, archivedRows });
    expect(report.firstProblem).toMatchObject({ seq: 9n, kind: 'deleted', about: 'anchor' });
    // An ordinary checkpoint passed as the anchor is refused: the chain name is signed.
    const posing = await verifyChain(kept.filter((row) => row.seq > 15n), [], keys.publicKey, { chain: 'access', anchor: checkpoints[0]! });
    expect(posing.firstProblem).toMatchObject({ seq: 15n, kind: 'checkpoint-mismatch', about: 'anchor' });
  });

  it('catches the first kept row replaced by the next one renumbered: deleted at the first seq', async () => {
    const { kept, anchor, archivedRows } = archivedChain();
    const renumbered = kept.slice(1).map((row) => ({ ...row, seq: row.seq - 1n }));
    const report = await verifyChain(renumbered, [], keys.publicKey, { chain: 'access', anchor, archivedRows });
    expect(report.firstProblem).toMatchObject({ seq: 9n, kind: 'deleted', about: 'anchor' });
  });

  it('catches an anchor altered or signed by another key: bad-signature at its seq', async () => {
    const { kept, anchor, archivedRows, sign } = archivedChain();
    const altered = { ...anchor, headHash: 'f'.repeat(64) };
    expect((await verifyChain(kept, [], keys.publicKey, { chain: 'access', anchor: altered, archivedRows })).firstProblem).toMatchObject({
      seq: 8n,
      kind: 'bad-signature',
      about: 'anchor',
    });
    const foreign = sign(anchorChainName('access'), 8, stranger.privateKey);
    expect((await verifyChain(kept, [], keys.publicKey, { chain: 'access', anchor: foreign, archivedRows })).firstProblem).toMatchObject({
      seq: 8n,
      kind: 'bad-signature',
    });
  });

  it('catches a missing seq above the anchor that no marker signs: deleted', async () => {
    const { kept, anchor } = archivedChain();
    const report = await verifyChain(kept, [], keys.publicKey, { chain: 'access', anchor, archivedRows: [] });
    expect(report.firstProblem).toMatchObject({ seq: 10n, kind: 'deleted' });
    expect(report.firstProblem?.detail).toMatch(/neither stored nor signed as archived|missing/);
  });

  it('catches a stored row that a marker says was archived with another hash', async () => {
    const { all, anchor, sign } = archivedChain();
    const wrongMarker = { ...sign(archivedRowChainName('access'), 12) };
    const forgedMarker = createCheckpoint({ ...wrongMarker, headHash: 'e'.repeat(64) }, keys.privateKey);
    const report = await verifyChain(all.slice(8), [], keys.publicKey, { chain: 'access', anchor, archivedRows: [forgedMarker] });
    expect(report.firstProblem).toMatchObject({ seq: 12n, kind: 'checkpoint-mismatch', about: 'archived-row' });
  });

  it('passes over archived rows at the end, after the last kept row', async () => {
    const { all, anchor, sign } = archivedChain();
    const kept = all.filter((row) => row.seq >= 9n && row.seq <= 18n);
    const markers = [sign(archivedRowChainName('access'), 19), sign(archivedRowChainName('access'), 20)];
    const report = await verifyChain(kept, [sign('access', 20)], keys.publicKey, { chain: 'access', anchor, archivedRows: markers });
    expect(report).toMatchObject({ ok: true, head: { seq: 20n }, archivedRowsPassed: 2, sealedThrough: 20n });
  });

  it('verifies an empty kept chain as ending at the anchor', async () => {
    const { anchor } = archivedChain();
    expect(await verifyChain([], [], keys.publicKey, { chain: 'access', anchor })).toMatchObject({ ok: true, checked: 0, head: { seq: 8n } });
  });
});
