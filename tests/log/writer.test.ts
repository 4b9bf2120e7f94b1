import { createHash, generateKeyPairSync } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, chainCheckpoints, operations } from '../../drizzle/schema/index.ts';
import { hashForLookup } from '../../lib/ledger/index.ts';
import { createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { createCheckpointer } from '../../registry/log/checkpoints.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accessEvent, REQUESTER } from './harness.ts';

const SECRET = 'rahasia-operator-uji';
const keys = generateKeyPairSync('ed25519');

describe('access-log writer', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('chains 500 concurrent records into contiguous seqs with far fewer transactions than records', async () => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, maxBatch: 500, maxDelayMs: 2 });
    // Every other record carries a client's x-request-id: hashed when present, left out when not.
    const events = Array.from({ length: 500 }, (_, i) => accessEvent({ requestId: `serentak-${i}`, ...(i % 2 === 0 ? { clientRequestId: `klien\t${i}` } : {}) }));
    await Promise.all(events.map((event) => writer.record(event)));
    const stats = writer.stats();
    await writer.close();

    const rows = await test.handle.db.select({ seq: accessLog.seq, requestId: accessLog.requestId }).from(accessLog).orderBy(asc(accessLog.seq));
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    // Chain order is submit order.
    expect(rows.map((row) => row.requestId)).toEqual(events.map((event) => event.requestId));
    expect(stats.flushed).toBe(500);
    expect(stats.batches).toBeLessThan(50);
    expect(stats.head).toEqual({ seq: 500, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const report = await verifyLedger(test.handle, keys.publicKey, { chain: 'access', batchSize: 64 });
    expect(report.firstProblem).toBeUndefined();
    expect(report).toMatchObject({ ok: true, checked: 500 });
  });

  it('stores what it hashed, even for text PostgreSQL cannot hold as sent', async () => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, maxDelayMs: 0 });
    const event = accessEvent({
      requestId: 'aneh-1',
      variables: {
        nul: 'a\u0000b',
        lone: 'x\ud800y',
        ['kunci\u0000']: 1,
        ['__proto__']: { bukan: 'prototipe' },
        besar: 2 ** 64,
        pecahan: 0.1 + 0.2,
        tanggal: new Date('2026-03-04T05:06:07.089Z'),
        bersarang: [{ a: null, b: [true, false] }],
      } as Record<string, unknown>,
    });
    await writer.record(event);
    await writer.close();
    const [row] = await test.handle.db.select().from(accessLog).where(eq(accessLog.requestId, 'aneh-1'));
    expect(row!.variables).toMatchObject({ nul: 'a\ufffdb', lone: 'x\ufffdy', 'kunci\ufffd': 1, tanggal: '2026-03-04T05:06:07.089Z' });
    expect(row!.occurredAt.getTime()).toBe(event.receivedAt.getTime());
    const report = await verifyLedger(test.handle, keys.publicKey, { chain: 'access' });
    expect(report.firstProblem).toBeUndefined();
  });

  it('stores a NIK masked, with a lookup hash an evaluator finds it by', async () => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, maxDelayMs: 0 });
    await writer.record(accessEvent({ requestId: 'nik-1', variables: { nik: '3301012345670001', batas: 5 } }));
    await writer.close();
    const [row] = await test.handle.db.select().from(accessLog).where(eq(accessLog.requestId, 'nik-1'));
    expect(row!.variables).toEqual({ nik: '330101******0001', batas: 5 });
    expect(JSON.stringify(row)).not.toContain('3301012345670001');

    const lookup = hashForLookup('3301 0123 4567 0001', SECRET);
    const found = await test.handle.db
      .select({ requestId: accessLog.requestId })
      .from(accessLog)
      .where(sql`${accessLog.lookupHashes} @> array[${lookup}]::text[]`);
    expect(found).toEqual([{ requestId: 'nik-1' }]);
  });

  it('stores each operation document once per hash', async () => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET });
    await Promise.all(Array.from({ length: 20 }, () => writer.record(accessEvent())));
    await writer.record(accessEvent());
    await writer.close();
    const stored = await test.handle.db.select().from(operations);
    // Stored in its normalized form, under that form's hash (lib/accessLog/literals.ts).
    const document = print(parse('query Halo { halo }'));
    expect(stored).toEqual([expect.objectContaining({ hash: createHash('sha256').update(document).digest('hex'), operationName: 'Halo', document })]);
  });

  it('refuses a record it cannot store alone, without failing the others of its batch', async () => {
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, maxDelayMs: 5 });
    const bad = accessEvent({ requestId: 'buruk-1' });
    bad.context!.requester = { ...REQUESTER, clientId: 'bukan-uuid' };
    const results = await Promise.allSettled([
      writer.record(accessEvent({ requestId: 'baik-1' })),
      writer.record(bad),
      writer.record(accessEvent({ requestId: 'baik-2' })),
    ]);
    await writer.close();
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = await test.handle.db.select({ id: accessLog.requestId }).from(accessLog).where(sql`${accessLog.requestId} like 'baik-%' or ${accessLog.requestId} like 'buruk-%'`);
    expect(ids.map((row) => row.id).sort()).toEqual(['baik-1', 'baik-2']);
  });

  it('signs checkpoints of both chains every N records and at close, which the verifier counts', async () => {
    const checkpointer = createCheckpointer({ database: test.handle, operatorKey: keys.privateKey, everyRecords: 100, everyMs: 0 });
    const writer = createAccessLogWriter({
      database: test.handle,
      lookupSecret: SECRET,
      maxBatch: 50,
      onCommitted: (head) => checkpointer.noteAppended('access', head.seq),
    });
    for (let round = 0; round < 5; round += 1) {
      await Promise.all(Array.from({ length: 50 }, () => writer.record(accessEvent())));
    }
    await writer.close();
    await checkpointer.close();
    const signed = await test.handle.db.select().from(chainCheckpoints).where(eq(chainCheckpoints.chain, 'access'));
    expect(signed.length).toBeGreaterThanOrEqual(2);
    const report = await verifyLedger(test.handle, keys.publicKey, { chain: 'access' });
    expect(report.ok).toBe(true);
    expect(report.checkpointsVerified).toBe(signed.length);
    expect(report.sealedThrough).toBe(report.head.seq);

    const stranger = generateKeyPairSync('ed25519');
    const forged = await verifyLedger(test.handle, stranger.publicKey, { chain: 'access' });
    expect(forged.firstProblem?.kind).toBe('bad-signature');
  });

  it('fails closed when the database is gone, and only reports the loss in fail-open mode', async () => {
    const gone = await createTestDatabase();
    await gone.drop();
    const closed = createAccessLogWriter({ database: gone.handle, lookupSecret: SECRET, partitions: false, onError: () => {} });
    await expect(closed.record(accessEvent())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await closed.close();

    const reported: string[] = [];
    const open = createAccessLogWriter({
      database: gone.handle,
      lookupSecret: SECRET,
      failMode: 'open',
      partitions: false,
      onError: (message) => reported.push(message),
    });
    await expect(open.record(accessEvent({ requestId: 'hilang-1' }))).resolves.toBeUndefined();
    await open.close();
    expect(open.stats()).toMatchObject({ failMode: 'open', failedOpen: 1 });
    expect(reported.join('\n')).toMatch(/hilang-1 LOST/);
  });
});
