import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database.ts';
import { loadOrCreateOperatorKey } from '../../lib/ledger/index.ts';
import { runCli } from '../../registry/cli/main.ts';
import { createAccessLogWriter } from '../../registry/log/accessLogWriter.ts';
import { createCheckpointer } from '../../registry/log/checkpoints.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.ts';
import { accessEvent } from './harness.ts';

/**
 * `penghubung log verify|archive`, run through the real CLI entry point. Against the PostgreSQL test
 * database with TEST_DATABASE_URL (--database-url), otherwise against a PGlite data folder
 * (--data-dir), which the test closes before each command: the CLI opens it itself.
 */
describe('penghubung log', () => {
  let folder: string;
  let test: TestDatabase | undefined;
  let databaseArgs: string[];

  const withDatabase = async <T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> => {
    if (test) return work(test.handle);
    const database = await openDatabase({ url: undefined, dataDir: join(folder, 'pglite') });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  };

  const cli = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['node', 'penghubung', ...args], {
      stdout: (text) => (stdout += `${text}\n`),
      stderr: (text) => (stderr += `${text}\n`),
      env: {},
    });
    return { code, stdout, stderr };
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'penghubung-cli-'));
    const key = loadOrCreateOperatorKey(join(folder, 'keys'));
    if (testDatabaseUrl()) {
      test = await createTestDatabase();
      const url = new URL(testDatabaseUrl()!);
      url.pathname = `/${test.name}`;
      databaseArgs = ['--database-url', url.href, '--data-dir', folder];
    } else {
      databaseArgs = ['--data-dir', folder];
    }
    await withDatabase(async (database) => {
      await database.migrate();
      const writer = createAccessLogWriter({ database, lookupSecret: 'uji', now: () => new Date('2025-08-10T00:00:00Z') });
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => writer.record(accessEvent({ requestId: `cli-${i}`, receivedAt: new Date(Date.UTC(2025, 7, 1 + i)) }))),
      );
      await writer.close();
      const checkpointer = createCheckpointer({ database, operatorKey: key, everyMs: 0 });
      await checkpointer.close();
    });
  });
  afterAll(async () => {
    await test?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('log verify: exit 0 and an Indonesian verdict for an intact log', async () => {
    const result = await cli('log', 'verify', '--chain', 'access', ...databaseArgs);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/log akses: UTUH\. 12 catatan diperiksa/);
  });

  it('log verify: exit 1 naming the seq and the kind once a row is altered', async () => {
    await withDatabase((database) => database.db.execute(sql`update access_log set client_address = '6.6.6.6' where seq = 3`));
    const result = await cli('log', 'verify', ...databaseArgs);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/log akses: TIDAK UTUH\. Masalah pertama di seq 3: isi catatan diubah \(altered\)/);
    expect(result.stdout).toMatch(/jejak administrasi: UTUH/);
    const json = await cli('--json', 'log', 'verify', '--chain', 'access', ...databaseArgs);
    expect(JSON.parse(json.stdout)).toMatchObject([{ chain: 'access', ok: false, firstProblem: { seq: '3', kind: 'altered' } }]);
  });

  it('log verify: exit 2 when it cannot run', async () => {
    const result = await cli('log', 'verify', ...databaseArgs, '--public-key', join(folder, 'tidak-ada.pem'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Kunci publik operator tidak dapat dibaca/);
  });

  it('log archive: exports and drops the old month', async () => {
    await withDatabase((database) => database.db.execute(sql`update access_log set client_address = '10.1.2.3' where seq = 3`));
    const out = join(folder, 'arsip');
    const result = await cli('log', 'archive', '--before', '2025-09-01', '--out', out, ...databaseArgs);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/access_log_2025_08: 12 catatan .* diarsipkan/);
    const verified = await cli('log', 'verify', '--chain', 'access', '--archive-dir', out, ...databaseArgs);
    expect(verified.stdout).toMatch(/UTUH\. 12 catatan/);
    expect(verified.code).toBe(0);
  });
});
