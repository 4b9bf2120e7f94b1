/**
 * `penghubung admin key rotate|revoke|list` and `penghubung log verify` through the real CLI entry
 * point, on a data folder (PGlite) or, with TEST_DATABASE_URL, a PostgreSQL database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { loadOrCreateOperatorKey, readKeyHistory } from '../../lib/ledger/index.ts';
import { createCheckpointer } from '../../registry/log/checkpoints.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.ts';
import { accessEvent } from '../log/harness.ts';
import { runCliCaptured, withFolderDatabase } from '../support/operatorCli.ts';

describe('penghubung admin key', () => {
  let folder = '';
  let test: TestDatabase | undefined;
  let databaseArgs: string[] = [];

  const withDatabase = <T>(work: (database: DatabaseHandle) => Promise<T>) => withFolderDatabase(test, folder, work);
  const cli = runCliCaptured;
  /** Writes `count` records and signs their head with the key now in the folder. */
  const logAndCheckpoint = (count: number, tag: string) =>
    withDatabase(async (database) => {
      const writer = createAccessLogWriter({ database, lookupSecret: 'uji', maxDelayMs: 1 });
      for (let i = 0; i < count; i += 1) await writer.record(accessEvent({ requestId: `${tag}-${i}` }));
      await writer.close();
      const checkpointer = createCheckpointer({ database, operatorKey: loadOrCreateOperatorKey(join(folder, 'keys')), everyMs: 0 });
      await checkpointer.close();
    });

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'penghubung-keycli-'));
    databaseArgs = ['--data-dir', folder];
    if (testDatabaseUrl()) {
      test = await createTestDatabase();
      databaseArgs.push('--database-url', test.url!);
    } else {
      await withDatabase((database) => database.migrate());
    }
    await logAndCheckpoint(5, 'sebelum');
  });
  afterAll(async () => {
    await test?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('rotate operator: a transition signed by both keys, recorded; log verify names each key’s range', async () => {
    const rotated = await cli('admin', 'key', 'rotate', 'operator', '--reason', 'rotasi tahunan', '--actor', 'Budi', ...databaseArgs);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/Kunci operator dirotasi: [0-9a-f]{12} dipensiunkan .* aktif\. Checkpoint transisi bertanda tangan kedua kunci: trail #1/);
    await logAndCheckpoint(5, 'sesudah');

    const verified = await cli('log', 'verify', '--chain', 'access', ...databaseArgs);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/Kunci penanda tangan: [0-9a-f]{12} \(pensiun\): #1–#1, seq 5–5; [0-9a-f]{12} \(aktif\): #2–#2, seq 10–10\./);
    const trail = await cli('log', 'verify', '--chain', 'trail', ...databaseArgs);
    expect(trail.code, trail.stdout).toBe(0);

    const listed = await cli('admin', 'key', 'list', '--data-dir', folder);
    expect(listed.stdout).toMatch(/^operator\t[0-9a-f]{12}\tretired\t.*\n^operator\t[0-9a-f]{12}\tactive\t/m);
  });

  it('revoke: refused without a reason or for an unknown key; once revoked, log verify exits 1 naming what the key signed after', async () => {
    const old = readKeyHistory(join(folder, 'keys'))!.keys.find((key) => key.state === 'retired')!;
    const noReason = await cli('admin', 'key', 'revoke', old.id, ...databaseArgs);
    expect(noReason.code).toBe(2); // a usage error: --reason is required
    const unknown = await cli('admin', 'key', 'revoke', 'ffffffffffff', '--reason', 'bocor', ...databaseArgs);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('tidak ada dalam riwayat kunci');
    const badTime = await cli('admin', 'key', 'revoke', old.id, '--reason', 'bocor', '--since', '2026-12-01 08:00', ...databaseArgs);
    expect(badTime.code).toBe(2);

    const revoked = await cli('admin', 'key', 'revoke', old.id.slice(0, 12), '--reason', 'bocor lewat cadangan', '--since', '2000-01-01T00:00:00Z', ...databaseArgs);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('dicabut sejak 2000-01-01T00:00:00.000Z');
    const verified = await cli('log', 'verify', '--chain', 'access', ...databaseArgs);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('ditandatangani kunci yang sudah dicabut (revoked-key)');
    expect(verified.stdout).toContain('bocor lewat cadangan');
  });
});

describe('penghubung log verify: checkpoint times', () => {
  let folder = '';
  let test: TestDatabase | undefined;
  let databaseArgs: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'penghubung-cptime-'));
    databaseArgs = ['--data-dir', folder];
    if (testDatabaseUrl()) {
      test = await createTestDatabase();
      databaseArgs.push('--database-url', test.url!);
    } else {
      await withFolderDatabase(test, folder, (database) => database.migrate());
    }
  });
  afterAll(async () => {
    await test?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('a checkpoint dated before the one before it is reported as its own finding (checkpoint-time-backwards), exit 1', async () => {
    const sign = (tag: string, at: Date) =>
      withFolderDatabase(test, folder, async (database) => {
        const writer = createAccessLogWriter({ database, lookupSecret: 'uji', maxDelayMs: 1 });
        for (let i = 0; i < 3; i += 1) await writer.record(accessEvent({ requestId: `${tag}-${i}` }));
        await writer.close();
        const checkpointer = createCheckpointer({ database, operatorKey: loadOrCreateOperatorKey(join(folder, 'keys')), everyMs: 0, now: () => at });
        await checkpointer.close();
      });
    await sign('pertama', new Date('2026-12-05T10:00:00Z'));
    const sound = await runCliCaptured('log', 'verify', '--chain', 'access', ...databaseArgs);
    expect(sound.code, sound.stdout + sound.stderr).toBe(0);
    // The next checkpoint is validly signed and linked, but dated an hour before the first.
    await sign('kedua', new Date('2026-12-05T09:00:00Z'));
    const verified = await runCliCaptured('log', 'verify', '--chain', 'access', ...databaseArgs);
    expect(verified.code, verified.stdout + verified.stderr).toBe(1);
    expect(verified.stdout).toContain('waktu checkpoint mundur dari checkpoint sebelumnya');
    expect(verified.stdout).toContain('(checkpoint-time-backwards)');
    expect(verified.stdout).toContain('2026-12-05T09:00:00.000Z');
  });
});
