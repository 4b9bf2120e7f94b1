import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { ensureMonthlyPartitions, listMonthlyPartitions } from '../../lib/accessLog/index.ts';
import { archivePartitionsBefore, checkArchiveFile, readArchiveProof, verifyArchiveProof } from '../../registry/log/retention.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accessEvent } from './harness.ts';

const keys = generateKeyPairSync('ed25519');

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

describe('monthly partitions of the access log', () => {
  let test: TestDatabase;
  let outDir: string;

  /** Where each request id's row is stored. */
  const placement = async () =>
    new Map(
      rowsOf<{ request_id: string; partition: string }>(
        await test.handle.db.execute(sql`select request_id, tableoid::regclass::text as partition from access_log`),
      ).map((row) => [row.request_id, row.partition]),
    );

  const write = async (events: ReturnType<typeof accessEvent>[], now: Date) => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', now: () => now, partitions: { monthsAhead: 1 } });
    for (const event of events) await writer.record(event);
    await writer.close();
  };

  beforeAll(async () => {
    test = await createTestDatabase();
    outDir = await mkdtemp(join(tmpdir(), 'penghubung-arsip-'));
  });
  afterAll(async () => {
    await test?.drop();
    await rm(outDir, { recursive: true, force: true });
  });

  it('rows land in the partition of their month, created by the writer', async () => {
    await write([accessEvent({ requestId: 'okt-1', receivedAt: new Date('2025-10-15T08:00:00.123Z') })], new Date('2025-10-15T08:00:01Z'));
    const names = (await listMonthlyPartitions(test.handle.db)).map((partition) => partition.name);
    expect(names).toEqual(expect.arrayContaining(['access_log_2025_10', 'access_log_2025_11']));
    expect((await placement()).get('okt-1')).toBe('access_log_2025_10');
  });

  it('rows of a month without a partition wait in the default one and move when it is created', async () => {
    const january = [
      accessEvent({ requestId: 'jan-1', receivedAt: new Date('2025-01-10T00:00:00Z') }),
      accessEvent({ requestId: 'jan-2', receivedAt: new Date('2025-01-31T23:59:59.999Z') }),
    ];
    await write(january, new Date('2025-10-15T09:00:00Z'));
    expect((await placement()).get('jan-1')).toBe('access_log_default');

    const ensured = await ensureMonthlyPartitions(test.handle, { from: new Date('2025-01-01T00:00:00Z'), monthsAhead: 0 });
    expect(ensured).toMatchObject({ created: ['access_log_2025_01'], moved: 2 });
    const after = await placement();
    expect([after.get('jan-1'), after.get('jan-2')]).toEqual(['access_log_2025_01', 'access_log_2025_01']);
    // Idempotent.
    expect(await ensureMonthlyPartitions(test.handle, { from: new Date('2025-01-01T00:00:00Z'), monthsAhead: 0 })).toMatchObject({ created: [], moved: 0 });
    expect((await verifyLedger(test.handle, keys.publicKey, { chain: 'access' })).ok).toBe(true);
  });

  it('archives an old month: exported, proven, verified, dropped; the chain still verifies with the archive', async () => {
    await write(
      Array.from({ length: 30 }, (_, i) => accessEvent({ requestId: `nov-${i}`, receivedAt: new Date(Date.UTC(2025, 10, 1 + (i % 28), 10)) })),
      new Date('2025-11-20T00:00:00Z'),
    );
    await write([accessEvent({ requestId: 'des-1', receivedAt: new Date('2025-12-02T00:00:00Z') })], new Date('2025-12-02T00:00:01Z'));

    const result = await archivePartitionsBefore(test.handle, { before: new Date('2025-12-01T00:00:00Z'), outDir, operatorKey: keys.privateKey, batchSize: 7 });
    expect(result.archived.map((entry) => [entry.partition, entry.rows])).toEqual([
      ['access_log_2025_01', 2],
      ['access_log_2025_10', 1],
      ['access_log_2025_11', 30],
    ]);
    expect(result.defaultRowsBefore).toBe(0);
    const remaining = (await listMonthlyPartitions(test.handle.db)).map((partition) => partition.name);
    expect(remaining).not.toContain('access_log_2025_11');
    expect(remaining).toContain('access_log_2025_12');
    expect([...(await placement()).keys()]).toEqual(['des-1']);

    const files = (await readdir(outDir)).sort();
    expect(files).toContain('access_log_2025_11.ndjson.gz');
    expect(files).toContain('access_log_2025_11.proof.json');
    const proof = await readArchiveProof(join(outDir, 'access_log_2025_11.proof.json'));
    expect(proof).toMatchObject({ partition: 'access_log_2025_11', rows: 30, signature: { keyId: expect.any(String) } });
    expect(proof.checkpoints.some((checkpoint) => checkpoint.seq >= proof.lastSeq)).toBe(true);
    expect(await verifyArchiveProof(join(outDir, 'access_log_2025_11.proof.json'), keys.publicKey)).toEqual([]);
    expect(await checkArchiveFile(join(outDir, 'access_log_2025_11.ndjson.gz'))).toMatchObject({ rows: 30 });

    const whole = await verifyLedger(test.handle, keys.publicKey, { chain: 'access', archiveDir: outDir });
    expect(whole.firstProblem).toBeUndefined();
    expect(whole).toMatchObject({ ok: true, checked: 34, archivesRead: 3 });

    // January (seqs 2, 3) went first while October's seq 1 stayed: no anchor yet, both signed as
    // archived; then October and November moved the anchor up to the last archived seq.
    expect(result.archived.map((entry) => [entry.partition, entry.anchorSeq, entry.archivedRowsMarked])).toEqual([
      ['access_log_2025_01', null, 2],
      ['access_log_2025_10', 3, 0],
      ['access_log_2025_11', 33, 0],
    ]);
    const databaseOnly = await verifyLedger(test.handle, keys.publicKey, { chain: 'access' });
    expect(databaseOnly.firstProblem).toBeUndefined();
    expect(databaseOnly).toMatchObject({ ok: true, mode: 'anchored', anchorCheckpoint: { seq: 33n }, checked: 1, head: { seq: 34n } });
  });
});
