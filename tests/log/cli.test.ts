import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { accessLog, chainCheckpoints } from '../../drizzle/schema/index.ts';
import { loadOrCreateOperatorKey, type OperatorKey } from '../../lib/ledger/index.ts';
import { createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { createCheckpointer } from '../../registry/log/checkpoints.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.ts';
import { runCliCaptured, withFolderDatabase } from '../support/operatorCli.ts';
import { accessEvent } from './harness.ts';

/**
 * `penghubung log verify|archive`, run through the real CLI entry point. Against the PostgreSQL test
 * database with TEST_DATABASE_URL (--database-url), otherwise against a PGlite data folder
 * (--data-dir), which the test closes before each command: the CLI opens it itself.
 */
function logCliBench(prefix: string, seed: (database: DatabaseHandle, key: OperatorKey) => Promise<void>) {
  const bench = {
    folder: '',
    databaseArgs: [] as string[],
    test: undefined as TestDatabase | undefined,
    withDatabase: <T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> => withFolderDatabase(bench.test, bench.folder, work),
    cli: runCliCaptured,
  };

  beforeAll(async () => {
    bench.folder = await mkdtemp(join(tmpdir(), prefix));
    const key = loadOrCreateOperatorKey(join(bench.folder, 'keys'));
    if (testDatabaseUrl()) {
      bench.test = await createTestDatabase();
      const url = new URL(testDatabaseUrl()!);
      url.pathname = `/${bench.test.name}`;
      bench.databaseArgs = ['--database-url', url.href, '--data-dir', bench.folder];
    } else {
      bench.databaseArgs = ['--data-dir', bench.folder];
    }
    await bench.withDatabase(async (database) => {
      await database.migrate();
      await seed(database, key);
    });
  });
  afterAll(async () => {
    await bench.test?.drop();
    await rm(bench.folder, { recursive: true, force: true });
  });
  return bench;
}

describe('penghubung log', () => {
  const bench = logCliBench('penghubung-cli-', async (database, key) => {
    const writer = createAccessLogWriter({ database, lookupSecret: 'uji', now: () => new Date('2025-08-10T00:00:00Z') });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => writer.record(accessEvent({ requestId: `cli-${i}`, receivedAt: new Date(Date.UTC(2025, 7, 1 + i)) }))),
    );
    await writer.close();
    const checkpointer = createCheckpointer({ database, operatorKey: key, everyMs: 0 });
    await checkpointer.close();
  });
  const { cli } = bench;
  const withDatabase = <T>(work: (database: DatabaseHandle) => Promise<T>) => bench.withDatabase(work);

  it('log verify: exit 0 and an Indonesian verdict for an intact log', async () => {
    const result = await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/log akses: UTUH\. 12 catatan diperiksa/);
  });

  it('log verify: exit 1 naming the seq and the kind once a row is altered', async () => {
    await withDatabase((database) => database.db.execute(sql`update access_log set client_address = '6.6.6.6' where seq = 3`));
    const result = await cli('log', 'verify', ...bench.databaseArgs);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/log akses: TIDAK UTUH\. Masalah pertama di seq 3: isi catatan diubah \(altered\)/);
    expect(result.stdout).toMatch(/jejak administrasi: UTUH/);
    const json = await cli('--json', 'log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(JSON.parse(json.stdout)).toMatchObject([{ chain: 'access', ok: false, firstProblem: { seq: '3', kind: 'altered' } }]);
  });

  it('log verify: exit 2 when it cannot run', async () => {
    const result = await cli('log', 'verify', ...bench.databaseArgs, '--public-key', join(bench.folder, 'tidak-ada.pem'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Kunci publik operator tidak dapat dibaca/);
  });

  it('log rollup: brings the daily rollups up to date, and --rebuild recounts them from the log', async () => {
    const sums = () =>
      withDatabase(async (database) => {
        const [row] = rowsOf<{ requests: number }>(
          await database.db.execute(sql`select coalesce(sum(requests), 0)::int as requests from access_log_daily`),
        );
        return row;
      });
    const first = await cli('log', 'rollup', ...bench.databaseArgs);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Ringkasan harian diperbarui: 12 catatan .*sampai seq 12\./);
    expect(await sums()).toMatchObject({ requests: 12 });
    const again = await cli('--lang', 'en', 'log', 'rollup', ...bench.databaseArgs);
    expect(again.stdout).toMatch(/brought up to date: 0 records .*up to seq 12\./);
    const rebuilt = await cli('--json', 'log', 'rollup', '--rebuild', ...bench.databaseArgs);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ rebuilt: true, rows: 12, rolledUpSeq: 12 });
    expect(await sums()).toMatchObject({ requests: 12 });
  });

  it('log rollup: exit 2 with one line when the database cannot be opened', async () => {
    const result = await cli('log', 'rollup', '--database-url', 'postgres://postgres@127.0.0.1:1/tidak_ada', '--data-dir', bench.folder);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('log archive: exports and drops the old month', async () => {
    await withDatabase((database) => database.db.execute(sql`update access_log set client_address = '10.1.2.3' where seq = 3`));
    const out = join(bench.folder, 'arsip');
    const result = await cli('log', 'archive', '--before', '2025-09-01', '--out', out, ...bench.databaseArgs);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/access_log_2025_08: 12 catatan .* diarsipkan/);
    const verified = await cli('log', 'verify', '--chain', 'access', '--archive-dir', out, ...bench.databaseArgs);
    expect(verified.stdout).toMatch(/UTUH\. 12 catatan/);
    expect(verified.code).toBe(0);
    // Every row was archived: the database alone verifies as ending at the anchor.
    const alone = await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(alone.stdout).toMatch(/log akses: UTUH\. 0 catatan diperiksa \(sampai seq 12\), diverifikasi dari checkpoint bertanda tangan #12 /);
    expect(alone.code).toBe(0);
  });
});

describe('penghubung log verify, after old partitions were archived', () => {
  const bench = logCliBench('penghubung-cli-jangkar-', async (database, key) => {
    const writer = createAccessLogWriter({ database, lookupSecret: 'uji', now: () => new Date('2025-08-20T00:00:00Z') });
    for (let i = 0; i < 12; i += 1) await writer.record(accessEvent({ requestId: `agu-${i}`, receivedAt: new Date(Date.UTC(2025, 7, 1 + i)) }));
    for (let i = 0; i < 6; i += 1) await writer.record(accessEvent({ requestId: `sep-${i}`, receivedAt: new Date(Date.UTC(2025, 8, 1 + i)) }));
    await writer.close();
    const checkpointer = createCheckpointer({ database, operatorKey: key, everyMs: 0 });
    await checkpointer.close();
  });
  const { cli } = bench;
  const out = () => join(bench.folder, 'arsip');
  const anchorRow = () =>
    bench.withDatabase(async (database) => {
      const [row] = await database.db
        .select()
        .from(chainCheckpoints)
        .where(and(eq(chainCheckpoints.chain, 'access:anchor'), eq(chainCheckpoints.seq, 12)));
      return row!;
    });

  it('log archive: anchors what stays on a signed checkpoint at the last archived seq', async () => {
    const result = await cli('log', 'archive', '--before', '2025-09-01', '--out', out(), ...bench.databaseArgs);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /access_log_2025_08: 12 catatan \(seq 1–12\) diarsipkan .* partisi dihapus\. Log yang tersisa berjangkar pada checkpoint bertanda tangan #12 \(baru ditandatangani\)\./,
    );
  });

  it('log verify without the archives: exit 0, verified from the signed anchor, in both languages and as JSON', async () => {
    const result = await cli('log', 'verify', ...bench.databaseArgs);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/log akses: UTUH\. 6 catatan diperiksa \(sampai seq 18\), diverifikasi dari checkpoint bertanda tangan #12 \(.*catatan sampai seq 12 sudah diarsipkan\)/);
    expect(result.stdout).toMatch(/jejak administrasi: UTUH\. 0 catatan diperiksa \(sampai seq 0\), diverifikasi dari genesis,/);

    const english = await cli('--lang', 'en', 'log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(english.stdout).toMatch(/access log: INTACT\. 6 records checked \(up to seq 18\), verified from signed checkpoint #12 /);

    const json = await cli('--json', 'log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(JSON.parse(json.stdout)).toMatchObject([
      { chain: 'access', ok: true, mode: 'anchored', anchorCheckpoint: { chain: 'access:anchor', seq: '12' }, checked: 6 },
    ]);
  });

  it('log verify with --archive-dir: the whole chain from genesis still verifies', async () => {
    const result = await cli('log', 'verify', '--chain', 'access', '--archive-dir', out(), ...bench.databaseArgs);
    expect(result.stdout).toMatch(/log akses: UTUH\. 18 catatan diperiksa \(sampai seq 18\), diverifikasi dari genesis, bersama 1 berkas arsip/);
    expect(result.code).toBe(0);
  });

  it('the oldest kept row deleted with SQL: exit 1, caught at its seq', async () => {
    const oldest = await bench.withDatabase(async (database) => (await database.db.select().from(accessLog).where(eq(accessLog.seq, 13)))[0]!);
    await bench.withDatabase((database) => database.db.delete(accessLog).where(eq(accessLog.seq, 13)));
    const result = await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /log akses: TIDAK UTUH\. Masalah pertama di seq 13: catatan dihapus \(deleted\)\. Catatan di awal log yang tersimpan dihapus: checkpoint jangkar bertanda tangan #12 menyatakan log berlanjut dari seq 13/,
    );
    await bench.withDatabase((database) => database.db.insert(accessLog).values(oldest));
    expect((await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs)).code).toBe(0);
  });

  it('the anchor checkpoint deleted: exit 1, naming the missing anchor; the full verification still passes', async () => {
    const anchor = await anchorRow();
    await bench.withDatabase((database) => database.db.delete(chainCheckpoints).where(eq(chainCheckpoints.id, anchor.id)));
    const result = await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /Masalah pertama di seq 12: checkpoint jangkar bertanda tangan tidak ada \(missing-anchor\)\. Tidak ada checkpoint jangkar bertanda tangan di seq 12: log yang tersimpan dimulai di seq 13/,
    );
    const english = await cli('--lang', 'en', 'log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(english.stdout).toMatch(/First problem at seq 12: signed anchor checkpoint missing \(missing-anchor\)\. No signed anchor checkpoint at seq 12/);
    expect((await cli('log', 'verify', '--chain', 'access', '--archive-dir', out(), ...bench.databaseArgs)).code).toBe(0);
    await bench.withDatabase((database) => database.db.insert(chainCheckpoints).values(anchor));
    expect((await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs)).code).toBe(0);
  });

  it('the anchor checkpoint altered: exit 1, bad signature at its seq', async () => {
    const anchor = await anchorRow();
    await bench.withDatabase((database) =>
      database.db.update(chainCheckpoints).set({ headHash: 'a'.repeat(64) }).where(eq(chainCheckpoints.id, anchor.id)),
    );
    const result = await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Masalah pertama di seq 12: tanda tangan checkpoint tidak sah \(bad-signature\)\. Checkpoint jangkar #12 tidak sah/);
    await bench.withDatabase((database) =>
      database.db.update(chainCheckpoints).set({ headHash: anchor.headHash }).where(eq(chainCheckpoints.id, anchor.id)),
    );
    expect((await cli('log', 'verify', '--chain', 'access', ...bench.databaseArgs)).code).toBe(0);
  });
});
