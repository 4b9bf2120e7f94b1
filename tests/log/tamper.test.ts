import { generateKeyPairSync } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, adminTrail, chainHeads } from '../../drizzle/schema/index.ts';
import { hashRecord } from '../../lib/ledger/index.ts';
import { accessLogCanonicalForm, createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { createCheckpointer } from '../../registry/log/checkpoints.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import type { Actor } from '../../registry/http/actor.ts';
import { recordTrail, trailCanonicalForm } from '../../registry/trail/recordTrail.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accessEvent } from './harness.ts';

const keys = generateKeyPairSync('ed25519');
const ADMIN: Actor = { userId: '5c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e', name: 'Admin Kominfo', role: 'administrator', agencyId: null };

describe('tampering with the access log is caught, with the seq and the kind', () => {
  let test: TestDatabase;
  const verify = () => verifyLedger(test.handle, keys.publicKey, { chain: 'access', batchSize: 7 });
  const rowAt = async (seq: number) => (await test.handle.db.select().from(accessLog).where(eq(accessLog.seq, seq)))[0]!;

  beforeAll(async () => {
    test = await createTestDatabase();
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => writer.record(accessEvent({ variables: { halaman: i } }))));
    await writer.close();
    expect((await verify()).ok).toBe(true);
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('an UPDATE of a row’s variables: altered, at that row', async () => {
    const original = await rowAt(17);
    await test.handle.db.execute(sql`update access_log set variables = '{"halaman": 999}'::jsonb where seq = 17`);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, checked: 16, firstProblem: { seq: 17n, kind: 'altered' } });
    await test.handle.db.update(accessLog).set({ variables: original.variables }).where(eq(accessLog.seq, 17));
    expect((await verify()).ok).toBe(true);
  });

  it('a DELETE of a row: deleted, at its seq', async () => {
    const original = await rowAt(23);
    await test.handle.db.delete(accessLog).where(eq(accessLog.seq, 23));
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstProblem: { seq: 23n, kind: 'deleted' } });
    await test.handle.db.insert(accessLog).values(original);
    expect((await verify()).ok).toBe(true);
  });

  it('a forged row INSERTed with a valid hash: inserted, at its seq', async () => {
    const before = await rowAt(9);
    const forgedEntry = { ...(await rowAt(10)), requestId: 'palsu-1', variables: { halaman: -1 } };
    const hash = hashRecord(before.hash, accessLogCanonicalForm(forgedEntry));
    await test.handle.db.insert(accessLog).values({ ...forgedEntry, occurredAt: new Date(forgedEntry.occurredAt.getTime() + 1), prevHash: before.hash, hash });
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstProblem: { seq: 10n, kind: 'inserted' } });
    await test.handle.db.delete(accessLog).where(eq(accessLog.requestId, 'palsu-1'));
    expect((await verify()).ok).toBe(true);
  });

  it('a row appended behind the writer’s back: inserted, after the recorded head', async () => {
    const last = await rowAt(40);
    const entry = { ...last, seq: 41, requestId: 'palsu-ujung' };
    await test.handle.db.insert(accessLog).values({ ...entry, prevHash: last.hash, hash: hashRecord(last.hash, accessLogCanonicalForm(entry)) });
    expect(await verify()).toMatchObject({ ok: false, firstProblem: { seq: 41n, kind: 'inserted' } });
    await test.handle.db.delete(accessLog).where(eq(accessLog.seq, 41));
  });

  it('a rewritten and re-hashed tail: caught by the signed checkpoint', async () => {
    const checkpointer = createCheckpointer({ database: test.handle, operatorKey: keys.privateKey, everyMs: 0 });
    await checkpointer.checkpointNow();
    await checkpointer.close();
    expect(await verify()).toMatchObject({ ok: true, sealedThrough: 40n });

    // Rewrite rows 30..40 consistently, head included: the chain alone would look sound.
    let prev = (await rowAt(29)).hash;
    for (let seq = 30; seq <= 40; seq += 1) {
      const row = { ...(await rowAt(seq)), clientAddress: '6.6.6.6' };
      const hash = hashRecord(prev, accessLogCanonicalForm(row));
      await test.handle.db.update(accessLog).set({ clientAddress: row.clientAddress, prevHash: prev, hash }).where(eq(accessLog.seq, seq));
      prev = hash;
    }
    await test.handle.db.update(chainHeads).set({ hash: prev }).where(eq(chainHeads.chain, 'access'));
    expect(await verify()).toMatchObject({ ok: false, firstProblem: { seq: 40n, kind: 'checkpoint-mismatch' } });
  });
});

describe('tampering with the administrative trail is caught, with the seq and the kind', () => {
  let test: TestDatabase;
  const verify = () => verifyLedger(test.handle, keys.publicKey, { chain: 'trail', batchSize: 4 });
  const rowAt = async (seq: number) => (await test.handle.db.select().from(adminTrail).where(eq(adminTrail.seq, seq)))[0]!;

  beforeAll(async () => {
    test = await createTestDatabase();
    for (let i = 1; i <= 12; i += 1) {
      await test.handle.db.transaction((tx) =>
        recordTrail(tx, {
          actor: ADMIN,
          action: 'grant.granted',
          subjectType: 'grant',
          subjectId: `hibah-${i}`,
          reason: `permohonan ${i} disetujui`,
          after: { coordinate: 'Penduduk.nama', nomor: i },
        }),
      );
    }
    expect((await verify()).ok).toBe(true);
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('an UPDATE of a reason: altered', async () => {
    await test.handle.db.update(adminTrail).set({ reason: 'diubah diam-diam' }).where(eq(adminTrail.seq, 5));
    expect(await verify()).toMatchObject({ ok: false, checked: 4, firstProblem: { seq: 5n, kind: 'altered' } });
    await test.handle.db.update(adminTrail).set({ reason: 'permohonan 5 disetujui' }).where(eq(adminTrail.seq, 5));
    expect((await verify()).ok).toBe(true);
  });

  it('a DELETE: deleted', async () => {
    const original = await rowAt(8);
    await test.handle.db.delete(adminTrail).where(eq(adminTrail.seq, 8));
    expect(await verify()).toMatchObject({ ok: false, firstProblem: { seq: 8n, kind: 'deleted' } });
    await test.handle.db.insert(adminTrail).values(original);
    expect((await verify()).ok).toBe(true);
  });

  it('a forged row INSERTed after the last step: inserted, after the recorded head', async () => {
    const last = await rowAt(12);
    const forged = { ...last, seq: 13, subjectId: 'hibah-palsu', reason: 'tidak pernah terjadi' };
    await test.handle.db.insert(adminTrail).values({ ...forged, prevHash: last.hash, hash: hashRecord(last.hash, trailCanonicalForm(forged)) });
    expect(await verify()).toMatchObject({ ok: false, firstProblem: { seq: 13n, kind: 'inserted' } });
    await test.handle.db.delete(adminTrail).where(eq(adminTrail.seq, 13));
    expect((await verify()).ok).toBe(true);
  });

  it('a forged row INSERTed in the middle, the rest renumbered: caught at the first renumbered step', async () => {
    // Make room at seq 7 by shifting 7..12 up by one, then insert a forged step that links to seq 6.
    await test.handle.db.execute(sql`update admin_trail set seq = seq + 1000 where seq >= 7`);
    await test.handle.db.execute(sql`update admin_trail set seq = seq - 999 where seq >= 1000`);
    const six = await rowAt(6);
    const forged = { ...six, seq: 7, subjectId: 'hibah-palsu', reason: 'tidak pernah terjadi' };
    await test.handle.db.insert(adminTrail).values({ ...forged, prevHash: six.hash, hash: hashRecord(six.hash, trailCanonicalForm(forged)) });
    const report = await verify();
    expect(report.ok).toBe(false);
    // Seq is inside the trail's hash: renumbered rows no longer match their content.
    expect(report.firstProblem).toMatchObject({ seq: 8n, kind: 'altered' });
    await test.handle.db.delete(adminTrail).where(and(eq(adminTrail.seq, 7), eq(adminTrail.subjectId, 'hibah-palsu')));
  });
});
