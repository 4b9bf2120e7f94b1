import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, chainCheckpoints } from '../../drizzle/schema/index.ts';
import { hashRecord } from '../../lib/ledger/index.ts';
import { accessLogCanonicalForm, createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { createCheckpointer } from '../../registry/log/checkpoints.ts';
import { listMonthlyPartitions } from '../../lib/accessLog/index.ts';
import { archivePartitionsBefore, readArchiveProof } from '../../registry/log/retention.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accessEvent } from './harness.ts';

const keys = generateKeyPairSync('ed25519');

/**
 * The live access log verified alone once its old partitions were archived, anchored on the signed
 * checkpoint `log archive` writes at the last archived seq. The rows (seq: month of arrival):
 *   1–10 October; 11 November; 12 October (arrived before midnight, logged after seq 11);
 *   13–22 November, with an ordinary checkpoint at 15; later, 23–27 December.
 * Archiving October keeps 11 and 13–22: anchor at 10, seq 12 signed as archived, a checkpoint at 11.
 */
describe('the live access log, verified from the archive anchor', () => {
  let test: TestDatabase;
  let outDir: string;

  const verifyLive = () => verifyLedger(test.handle, keys.publicKey, { chain: 'access', batchSize: 4 });
  const verifyFull = () => verifyLedger(test.handle, keys.publicKey, { chain: 'access', archiveDir: outDir, batchSize: 4 });
  const rowAt = async (seq: number) => (await test.handle.db.select().from(accessLog).where(eq(accessLog.seq, seq)))[0]!;
  const checkpointRow = async (chain: string, seq: number) =>
    (await test.handle.db.select().from(chainCheckpoints).where(and(eq(chainCheckpoints.chain, chain), eq(chainCheckpoints.seq, seq))))[0]!;

  const write = async (events: ReturnType<typeof accessEvent>[], now: Date) => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', now: () => now, partitions: { monthsAhead: 2 } });
    for (const event of events) await writer.record(event);
    await writer.close();
  };
  const checkpointNow = async () => {
    const checkpointer = createCheckpointer({ database: test.handle, operatorKey: keys.privateKey, everyMs: 0, chains: ['access'] });
    await checkpointer.close();
  };
  const october = (day: number, hour = 8) => new Date(Date.UTC(2025, 9, day, hour));
  const november = (day: number, hour = 8) => new Date(Date.UTC(2025, 10, day, hour));

  beforeAll(async () => {
    test = await createTestDatabase();
    outDir = await mkdtemp(join(tmpdir(), 'penghubung-jangkar-'));
    await write(
      [
        ...Array.from({ length: 10 }, (_, i) => accessEvent({ requestId: `okt-${i + 1}`, receivedAt: october(i + 1) })),
        accessEvent({ requestId: 'nov-awal', receivedAt: november(1, 0) }),
        accessEvent({ requestId: 'okt-telat', receivedAt: new Date('2025-10-31T23:59:59.900Z') }),
        accessEvent({ requestId: 'nov-3', receivedAt: november(3) }),
        accessEvent({ requestId: 'nov-4', receivedAt: november(4) }),
        accessEvent({ requestId: 'nov-5', receivedAt: november(5) }),
      ],
      october(15),
    );
    await checkpointNow(); // an ordinary checkpoint at seq 15
    await write(
      Array.from({ length: 7 }, (_, i) => accessEvent({ requestId: `nov-${i + 6}`, receivedAt: november(i + 6) })),
      november(20),
    );
    expect((await verifyLive()).ok).toBe(true);
  });
  afterAll(async () => {
    await test?.drop();
    await rm(outDir, { recursive: true, force: true });
  });

  it('log archive refuses to drop a partition it cannot anchor without the operator key', async () => {
    await expect(archivePartitionsBefore(test.handle, { before: new Date('2025-11-01T00:00:00Z'), outDir })).rejects.toThrow(
      /Kunci operator diperlukan untuk menandatangani checkpoint jangkar di seq 10/,
    );
    expect((await listMonthlyPartitions(test.handle.db)).map((partition) => partition.name)).toContain('access_log_2025_10');
    expect(await readdir(outDir)).toEqual([]);
  });

  it('log archive signs the anchor at the last archived seq before dropping, and records it in the proof', async () => {
    const result = await archivePartitionsBefore(test.handle, {
      before: new Date('2025-11-01T00:00:00Z'),
      outDir,
      operatorKey: keys.privateKey,
      batchSize: 4,
    });
    expect(result.archived).toEqual([
      expect.objectContaining({ partition: 'access_log_2025_10', rows: 11, firstSeq: 1, lastSeq: 12, anchorSeq: 10, anchorCreated: true, archivedRowsMarked: 1 }),
    ]);
    const anchor = await checkpointRow('access:anchor', 10);
    // Exactly the link the first kept row names.
    expect(anchor.headHash).toBe((await rowAt(11)).prevHash);
    expect(await checkpointRow('access:archived', 12)).toBeDefined();
    expect(await checkpointRow('access', 11)).toMatchObject({ headHash: (await rowAt(11)).hash });

    const proof = await readArchiveProof(join(outDir, 'access_log_2025_10.proof.json'));
    expect(proof.anchor).toMatchObject({ chain: 'access:anchor', seq: 10, headHash: anchor.headHash, signature: anchor.signature });
    expect(proof.archivedRows).toEqual([expect.objectContaining({ chain: 'access:archived', seq: 12 })]);
    expect(proof.boundaryCheckpoints).toEqual([expect.objectContaining({ chain: 'access', seq: 11 })]);
  });

  it('the live log verifies alone, from the signed anchor; with the archives, from genesis', async () => {
    const live = await verifyLive();
    expect(live.firstProblem).toBeUndefined();
    expect(live).toMatchObject({
      ok: true,
      mode: 'anchored',
      anchorCheckpoint: { chain: 'access:anchor', seq: 10n },
      checked: 11,
      head: { seq: 22n },
      archivedRowsPassed: 1,
      sealedThrough: 22n,
    });

    const full = await verifyFull();
    expect(full.firstProblem).toBeUndefined();
    expect(full).toMatchObject({ ok: true, mode: 'genesis', checked: 22, archivesRead: 1 });
  });

  it('the oldest kept row deleted: caught at its seq, even though an ordinary checkpoint names the row before the next one', async () => {
    const oldest = await rowAt(11);
    await test.handle.db.delete(accessLog).where(eq(accessLog.seq, 11));
    const report = await verifyLive();
    expect(report).toMatchObject({ ok: false, mode: 'anchored', checked: 0, firstProblem: { seq: 11n, kind: 'deleted', about: 'anchor' } });
    expect(report.hint?.id).toMatch(/Catatan di awal log yang tersimpan dihapus: checkpoint jangkar bertanda tangan #10/);
    await test.handle.db.insert(accessLog).values(oldest);
    expect((await verifyLive()).ok).toBe(true);
  });

  it('the oldest kept rows deleted up to the ordinary checkpoint at 15: still caught at seq 11', async () => {
    const removed = await test.handle.db.select().from(accessLog).where(inArray(accessLog.seq, [11, 13, 14, 15]));
    await test.handle.db.delete(accessLog).where(inArray(accessLog.seq, [11, 13, 14, 15]));
    expect(await verifyLive()).toMatchObject({ ok: false, firstProblem: { seq: 11n, kind: 'deleted' } });
    await test.handle.db.insert(accessLog).values(removed);
    expect((await verifyLive()).ok).toBe(true);
  });

  it('the oldest kept row deleted and the next renumbered in its place: its prev_hash does not match the anchor', async () => {
    const oldest = await rowAt(11);
    const next = await rowAt(13);
    await test.handle.db.delete(accessLog).where(eq(accessLog.seq, 11));
    await test.handle.db.update(accessLog).set({ seq: 11 }).where(eq(accessLog.seq, 13));
    const report = await verifyLive();
    expect(report).toMatchObject({ ok: false, firstProblem: { seq: 11n, kind: 'deleted', about: 'anchor' } });
    expect(report.firstProblem?.detail).toMatch(/but the signed anchor names head/);
    await test.handle.db.update(accessLog).set({ seq: 13 }).where(eq(accessLog.requestId, next.requestId));
    await test.handle.db.insert(accessLog).values(oldest);
    expect((await verifyLive()).ok).toBe(true);
  });

  it('the anchor checkpoint deleted: missing-anchor, naming the seq it should sign', async () => {
    const anchor = await checkpointRow('access:anchor', 10);
    await test.handle.db.delete(chainCheckpoints).where(eq(chainCheckpoints.id, anchor.id));
    const report = await verifyLive();
    expect(report).toMatchObject({ ok: false, mode: 'genesis', firstProblem: { seq: 10n, kind: 'missing-anchor' } });
    expect(report.hint?.id).toMatch(/^Tidak ada checkpoint jangkar bertanda tangan di seq 10: log yang tersimpan dimulai di seq 11/);
    expect(report.hint?.en).toMatch(/--archive-dir/);
    // The full verification does not need it.
    expect((await verifyFull()).ok).toBe(true);
    await test.handle.db.insert(chainCheckpoints).values(anchor);
    expect((await verifyLive()).ok).toBe(true);
  });

  it('the anchor checkpoint altered (head hash changed): bad-signature at its seq', async () => {
    const anchor = await checkpointRow('access:anchor', 10);
    await test.handle.db.update(chainCheckpoints).set({ headHash: (await rowAt(11)).hash }).where(eq(chainCheckpoints.id, anchor.id));
    const report = await verifyLive();
    expect(report).toMatchObject({ ok: false, firstProblem: { seq: 10n, kind: 'bad-signature', about: 'anchor' } });
    expect(report.hint?.id).toMatch(/Checkpoint jangkar #10 tidak sah/);
    await test.handle.db.update(chainCheckpoints).set({ headHash: anchor.headHash }).where(eq(chainCheckpoints.id, anchor.id));
    expect((await verifyLive()).ok).toBe(true);
  });

  it('the marker of the archived straggler deleted: its seq reads as deleted', async () => {
    const marker = await checkpointRow('access:archived', 12);
    await test.handle.db.delete(chainCheckpoints).where(eq(chainCheckpoints.id, marker.id));
    expect(await verifyLive()).toMatchObject({ ok: false, firstProblem: { seq: 12n, kind: 'deleted' } });
    await test.handle.db.insert(chainCheckpoints).values(marker);
    expect((await verifyLive()).ok).toBe(true);
  });

  it('the kept row before the archived straggler rewritten and re-hashed: caught by the checkpoint archive signed there', async () => {
    const original = await rowAt(11);
    const rewritten = { ...original, clientAddress: '6.6.6.6' };
    await test.handle.db
      .update(accessLog)
      .set({ clientAddress: rewritten.clientAddress, hash: hashRecord(original.prevHash, accessLogCanonicalForm(rewritten)) })
      .where(eq(accessLog.seq, 11));
    expect(await verifyLive()).toMatchObject({ ok: false, firstProblem: { seq: 11n, kind: 'checkpoint-mismatch' } });
    await test.handle.db.update(accessLog).set({ clientAddress: original.clientAddress, hash: original.hash }).where(eq(accessLog.seq, 11));
    expect((await verifyLive()).ok).toBe(true);
  });

  it('an archive made before anchors existed: the next archive proves the chain with the archives in its folder, then anchors', async () => {
    // As if October had been archived by a version without anchors.
    await test.handle.db.delete(chainCheckpoints).where(inArray(chainCheckpoints.chain, ['access:anchor', 'access:archived']));
    expect((await verifyLive()).firstProblem).toMatchObject({ kind: 'missing-anchor' });

    await write(
      Array.from({ length: 5 }, (_, i) => accessEvent({ requestId: `des-${i + 1}`, receivedAt: new Date(Date.UTC(2025, 11, i + 1, 8)) })),
      new Date('2025-12-10T00:00:00Z'),
    );
    const result = await archivePartitionsBefore(test.handle, { before: new Date('2025-12-01T00:00:00Z'), outDir, operatorKey: keys.privateKey });
    expect(result.archived).toEqual([expect.objectContaining({ partition: 'access_log_2025_11', rows: 11, anchorSeq: 22, anchorCreated: true, archivedRowsMarked: 0 })]);

    const live = await verifyLive();
    expect(live.firstProblem).toBeUndefined();
    expect(live).toMatchObject({ ok: true, mode: 'anchored', anchorCheckpoint: { seq: 22n }, checked: 5, head: { seq: 27n } });
    expect(await verifyFull()).toMatchObject({ ok: true, mode: 'genesis', checked: 27, archivesRead: 2 });
  });
});
