import { generateKeyPairSync, sign } from 'node:crypto';
import { and, eq, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, chainCheckpoints, chainHeads } from '../../drizzle/schema/index.ts';
import { checkpointHash, checkpointPayload, publicKeyId } from '../../lib/ledger/index.ts';
import { createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { createCheckpointer, loadCheckpoints, storeCheckpoint } from '../../registry/log/checkpoints.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accessEvent } from './harness.ts';

const keys = generateKeyPairSync('ed25519');

describe('the stored checkpoints form a series: deleting or rewriting one is caught', () => {
  let test: TestDatabase;
  const verify = () => verifyLedger(test.handle, keys.publicKey, { chain: 'access', batchSize: 16 });

  beforeAll(async () => {
    test = await createTestDatabase();
    // Two checkpoints in the old, unchained format, as a database from before chaining holds them.
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    for (let i = 0; i < 10; i += 1) await writer.record(accessEvent({ requestId: `lama-${i}` }));
    await writer.close();
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('legacy checkpoints, then chained ones after an upgrade: all verify, the first chained one linking to the last legacy one', async () => {
    const keyId = publicKeyId(keys.publicKey);
    for (const seq of [5, 10]) {
      const rows = await loadRowsHash(test, seq);
      const fields = { chain: 'access', seq: BigInt(seq), headHash: rows, createdAt: new Date(Date.now() - 60_000 + seq), keyId };
      await test.handle.db.insert(chainCheckpoints).values({
        chain: 'access',
        seq,
        headHash: rows,
        keyId,
        signature: sign(null, checkpointPayload(fields), keys.privateKey).toString('base64'),
        createdAt: fields.createdAt,
      });
    }
    const legacy = await loadCheckpoints(test.handle.db, 'access');
    expect(legacy.map((cp) => cp.version)).toEqual([undefined, undefined]);

    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    const checkpointer = createCheckpointer({ database: test.handle, operatorKey: keys.privateKey, everyMs: 0, chains: ['access'] });
    for (let round = 0; round < 4; round += 1) {
      await Promise.all(Array.from({ length: 5 }, (_, i) => writer.record(accessEvent({ requestId: `baru-${round}-${i}` }))));
      await checkpointer.checkpointNow();
    }
    await writer.close();
    await checkpointer.close();
    const all = await loadCheckpoints(test.handle.db, 'access');
    const chained = all.filter((cp) => cp.version === 2);
    expect(chained.map((cp) => cp.position)).toEqual([1n, 2n, 3n, 4n]);
    expect(chained[0]!.prevCheckpointHash).toBe(checkpointHash(legacy[1]!));
    const report = await verify();
    expect(report).toMatchObject({ ok: true, sealedThrough: 30n, checkpointsVerified: 6 });
    expect(report.checkpointSeries[0]).toMatchObject({ chain: 'access', ok: true, legacy: 2, chained: 4 });
  });

  it('a checkpoint row deleted from the middle: checkpoint-deleted, naming the position; restored, it verifies again', async () => {
    const second = await checkpointRow(test, eq(chainCheckpoints.position, 2));
    await test.handle.db.delete(chainCheckpoints).where(eq(chainCheckpoints.id, second!.id));
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstProblem: { kind: 'checkpoint-deleted', seq: 25n } });
    expect(report.firstProblem!.detail).toMatch(/#2 is missing/);
    expect(report.hint?.id).toMatch(/terputus/);
    await test.handle.db.insert(chainCheckpoints).values(second!);
    expect((await verify()).ok).toBe(true);
  });

  it('the legacy checkpoint the series starts from deleted: caught at the first chained one', async () => {
    const last = await checkpointRow(test, eq(chainCheckpoints.seq, 10));
    await test.handle.db.delete(chainCheckpoints).where(eq(chainCheckpoints.id, last!.id));
    expect(await verify()).toMatchObject({ ok: false, firstProblem: { kind: 'checkpoint-deleted', seq: 15n } });
    await test.handle.db.insert(chainCheckpoints).values(last!);
    expect((await verify()).ok).toBe(true);
  });

  it('signers racing on the same chain never fork the series', async () => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    const heads: { seq: bigint; hash: string }[] = [];
    for (let i = 0; i < 6; i += 1) {
      await writer.record(accessEvent({ requestId: `balapan-${i}` }));
      heads.push(await headOf(test));
    }
    await writer.close();
    await Promise.all(heads.map((head) => storeCheckpoint(test.handle.db, { chain: 'access', seq: head.seq, headHash: head.hash, createdAt: new Date() }, keys.privateKey)));
    const chained = (await loadCheckpoints(test.handle.db, 'access')).filter((cp) => cp.version === 2);
    // Signed in whatever order the race gave, but every position taken once, with no gap.
    const positions = chained.map((cp) => cp.position!).sort((a, b) => (a < b ? -1 : 1));
    expect(positions).toEqual(chained.map((_, i) => BigInt(i + 1)));
    expect(await verify()).toMatchObject({ ok: true });
  });
});

async function checkpointRow(test: TestDatabase, where: SQL): Promise<typeof chainCheckpoints.$inferSelect> {
  const [row] = await test.handle.db.select().from(chainCheckpoints).where(and(eq(chainCheckpoints.chain, 'access'), where));
  return row!;
}

async function headOf(test: TestDatabase): Promise<{ seq: bigint; hash: string }> {
  const [head] = await test.handle.db.select().from(chainHeads).where(eq(chainHeads.chain, 'access'));
  return { seq: BigInt(head!.seq), hash: head!.hash };
}

async function loadRowsHash(test: TestDatabase, seq: number): Promise<string> {
  const [row] = await test.handle.db.select({ hash: accessLog.hash }).from(accessLog).where(eq(accessLog.seq, seq));
  return row!.hash;
}
