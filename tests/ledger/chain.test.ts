import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  GENESIS_HEAD,
  appendToChain,
  chainRecords,
  createChainWriter,
  hashRecord,
  toCanonicalRecord,
  type ChainAppendTransaction,
  type ChainHead,
  type ChainedRecord,
} from '../../lib/ledger/chain.ts';
import { createCheckpoint, verifyCheckpoint, type Checkpoint } from '../../lib/ledger/checkpoint.ts';
import { verifyChain, type StoredChainRecord } from '../../lib/ledger/verify.ts';

const keys = generateKeyPairSync('ed25519');

function records(count: number): { n: number; requester: string; at: Date }[] {
  return Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    requester: `app-${i % 3}`,
    at: new Date(1_700_000_000_000 + i),
  }));
}

function stored(rows: ChainedRecord<unknown>[]): StoredChainRecord[] {
  return rows.map(({ seq, prevHash, hash, canonical }) => ({ seq, prevHash, hash, canonical }));
}

/** A chain of `count` rows with a checkpoint at every `every`-th seq. */
function fixture(count = 10, every = 5): { rows: StoredChainRecord[]; checkpoints: Checkpoint[] } {
  const rows = stored(chainRecords(GENESIS_HEAD, records(count)));
  const checkpoints = rows
    .filter((row) => row.seq % BigInt(every) === 0n)
    .map((row) =>
      createCheckpoint(
        { chain: 'access', seq: row.seq, headHash: row.hash, createdAt: new Date() },
        keys.privateKey,
      ),
    );
  return { rows, checkpoints };
}

/** Rewrites a row as an attacker with database access would: new content and a consistent hash. */
function forge(prevHash: string, content: unknown, seq: bigint): StoredChainRecord {
  const [row] = chainRecords({ seq: seq - 1n, hash: prevHash }, [content]);
  return { seq, prevHash, hash: row!.hash, canonical: row!.canonical };
}

async function* stream(rows: StoredChainRecord[]): AsyncGenerator<StoredChainRecord> {
  for (const row of rows) yield row;
}

describe('hash chain', () => {
  it('hashes prevHash, a newline and the canonical form with SHA-256', () => {
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n{"a":1}`).digest('hex');
    expect(hashRecord(GENESIS_HASH, '{"a":1}')).toBe(expected);
    expect(hashRecord(GENESIS_HASH, '{}')).not.toBe(hashRecord(GENESIS_HASH, '{} '));
  });

  it('assigns contiguous seqs from the head and links each record to the one before', () => {
    const first = chainRecords(GENESIS_HEAD, records(3));
    expect(first.map((row) => row.seq)).toEqual([1n, 2n, 3n]);
    expect(first[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first[1]!.prevHash).toBe(first[0]!.hash);
    const head: ChainHead = { seq: first[2]!.seq, hash: first[2]!.hash };
    const more = chainRecords(head, records(2));
    expect(more.map((row) => row.seq)).toEqual([4n, 5n]);
    expect(more[0]!.prevHash).toBe(first[2]!.hash);
    // continuing in two calls gives the same chain as one call
    expect(chainRecords(GENESIS_HEAD, [...records(3), ...records(2)]).map((row) => row.hash)).toEqual(
      [...first, ...more].map((row) => row.hash),
    );
  });

  it('links without seqs when given only a previous hash', () => {
    const linked = chainRecords(GENESIS_HASH, records(2));
    expect('seq' in linked[0]!).toBe(false);
    expect(linked[1]!.prevHash).toBe(linked[0]!.hash);
  });

  it('appends under the head lock in submit order, through the ChainHeadStore contract', async () => {
    const table: ChainedRecord<unknown>[] = [];
    let head: ChainHead = { ...GENESIS_HEAD };
    const calls: string[] = [];
    const tx: ChainAppendTransaction<unknown> = {
      lockAndRead: async (chain) => {
        calls.push(`lock ${chain}`);
        return head;
      },
      insert: async (_chain, rows) => {
        calls.push(`insert ${rows.length}`);
        table.push(...rows);
      },
      advance: async (chain, seq, hash) => {
        calls.push(`advance ${chain} ${seq}`);
        head = { seq, hash };
      },
    };
    const writer = createChainWriter<unknown>({ chain: 'trail', transaction: (work) => work(tx) });
    await writer.flush(records(3).map(toCanonicalRecord));
    await appendToChain(tx, 'trail', records(2).map(toCanonicalRecord));
    expect(calls).toEqual([
      'lock trail',
      'insert 3',
      'advance trail 3',
      'lock trail',
      'insert 2',
      'advance trail 5',
    ]);
    expect(writer.head()?.seq).toBe(3n);
    expect(head.seq).toBe(5n);
    const report = await verifyChain(stored(table), [], keys.publicKey);
    expect(report).toMatchObject({ ok: true, checked: 5 });
  });
});

describe('verifyChain', () => {
  it('accepts an untouched chain and reports how far checkpoints seal it', async () => {
    const { rows, checkpoints } = fixture(12, 5);
    const report = await verifyChain(stream(rows), checkpoints, keys.publicKey, { chain: 'access' });
    expect(report).toEqual({
      ok: true,
      checked: 12,
      head: { seq: 12n, hash: rows[11]!.hash },
      checkpointsVerified: 2,
      sealedThrough: 10n,
    });
  });

  it('accepts an empty chain', async () => {
    expect(await verifyChain([], [], keys.publicKey)).toMatchObject({
      ok: true,
      checked: 0,
      head: GENESIS_HEAD,
    });
  });

  it('catches a row edited in place as altered, at its seq', async () => {
    const { rows, checkpoints } = fixture();
    rows[3] = { ...rows[3]!, canonical: rows[3]!.canonical.replace('app-0', 'app-9') };
    const report = await verifyChain(stream(rows), checkpoints, keys.publicKey);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ seq: 4n, kind: 'altered' });
    expect(report.checked).toBe(3);
  });

  it('catches a removed row as deleted, at the missing seq', async () => {
    const { rows, checkpoints } = fixture();
    rows.splice(6, 1);
    const report = await verifyChain(stream(rows), checkpoints, keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 7n, kind: 'deleted' });
  });

  it('catches a removed row with the rest renumbered as deleted', async () => {
    const { rows } = fixture();
    rows.splice(6, 1);
    for (const row of rows.slice(6)) row.seq -= 1n;
    const report = await verifyChain(stream(rows), [], keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 7n, kind: 'deleted' });
  });

  it('catches the first row removed as deleted at seq 1', async () => {
    const { rows } = fixture();
    const report = await verifyChain(stream(rows.slice(1)), [], keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 1n, kind: 'deleted' });
  });

  it('catches rows cut from the end when a checkpoint signed them', async () => {
    const { rows, checkpoints } = fixture(10, 5);
    const report = await verifyChain(stream(rows.slice(0, 8)), checkpoints, keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 9n, kind: 'deleted' });
    expect(report.sealedThrough).toBe(5n);
  });

  it('catches a duplicated seq as inserted', async () => {
    const { rows } = fixture();
    const intruder = forge(rows[3]!.hash, { n: 99, requester: 'intruder' }, 5n);
    rows.splice(5, 0, intruder); // second row with seq 5
    const report = await verifyChain(stream(rows), [], keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 5n, kind: 'inserted' });
  });

  it('catches a linked row slipped in with the rest renumbered as inserted, at its seq', async () => {
    const { rows } = fixture();
    const intruder = forge(rows[3]!.hash, { n: 99, requester: 'intruder' }, 5n);
    rows.splice(4, 0, intruder);
    for (const row of rows.slice(5)) row.seq += 1n;
    const report = await verifyChain(stream(rows), [], keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 5n, kind: 'inserted' });
  });

  it('catches an unlinked row slipped in after a checkpoint head as inserted', async () => {
    const { rows, checkpoints } = fixture(10, 5);
    const intruder = forge('a'.repeat(64), { n: 99, requester: 'intruder' }, 6n);
    rows.splice(5, 0, intruder);
    for (const row of rows.slice(6)) row.seq += 1n;
    const report = await verifyChain(stream(rows), checkpoints, keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 6n, kind: 'inserted' });
    expect(report.sealedThrough).toBe(5n);
  });

  it('catches a chain rewritten with recomputed hashes through the signed checkpoint', async () => {
    const { rows, checkpoints } = fixture(10, 5);
    // Rewrite row 3 and re-hash everything after it: every link holds, only the checkpoint knows.
    const rewritten = chainRecords({ seq: 2n, hash: rows[1]!.hash }, [
      { n: 3, requester: 'someone-else', at: new Date(0) },
      ...records(10).slice(3),
    ]);
    const tampered = [...rows.slice(0, 2), ...stored(rewritten)];
    const report = await verifyChain(stream(tampered), checkpoints, keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 5n, kind: 'checkpoint-mismatch' });
  });

  it('catches a forged checkpoint signature', async () => {
    const { rows, checkpoints } = fixture(10, 5);
    const forged = { ...checkpoints[1]!, headHash: 'f'.repeat(64) };
    expect(verifyCheckpoint(forged, keys.publicKey)).toBe(false);
    const report = await verifyChain(stream(rows), [checkpoints[0]!, forged], keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 10n, kind: 'bad-signature' });
  });

  it('catches a checkpoint signed by another key', async () => {
    const { rows } = fixture(10, 5);
    const other = generateKeyPairSync('ed25519');
    const cp = createCheckpoint(
      { chain: 'access', seq: 5n, headHash: rows[4]!.hash, createdAt: new Date() },
      other.privateKey,
    );
    const report = await verifyChain(stream(rows), [cp], keys.publicKey);
    expect(report.firstProblem).toMatchObject({ seq: 5n, kind: 'bad-signature' });
    expect(report.firstProblem?.detail).toContain('unknown key');
  });

  it('accepts checkpoints from a rotated key when both public keys are given', async () => {
    const { rows, checkpoints } = fixture(10, 5);
    const next = generateKeyPairSync('ed25519');
    const later = createCheckpoint(
      { chain: 'access', seq: 10n, headHash: rows[9]!.hash, createdAt: new Date() },
      next.privateKey,
    );
    const report = await verifyChain(
      stream(rows),
      [checkpoints[0]!, later],
      [keys.publicKey, next.publicKey],
    );
    expect(report).toMatchObject({ ok: true, checkpointsVerified: 2, sealedThrough: 10n });
  });

  it('flags a checkpoint of another chain', async () => {
    const { rows } = fixture(10, 5);
    const cp = createCheckpoint(
      { chain: 'trail', seq: 5n, headHash: rows[4]!.hash, createdAt: new Date() },
      keys.privateKey,
    );
    const report = await verifyChain(stream(rows), [cp], keys.publicKey, { chain: 'access' });
    expect(report.firstProblem).toMatchObject({ seq: 5n, kind: 'checkpoint-mismatch' });
  });

  it('accepts seqs returned as strings by a database driver', async () => {
    const { rows, checkpoints } = fixture(6, 3);
    const asStrings = rows.map((row) => ({ ...row, seq: String(row.seq) as unknown as bigint }));
    expect(await verifyChain(asStrings, checkpoints, keys.publicKey)).toMatchObject({ ok: true, checked: 6 });
  });
});
