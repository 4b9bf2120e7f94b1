/**
 * Checkpoints published outside the database, over real processes: a gateway process signs and
 * publishes checkpoints as configured (PENGHUBUNG_CHECKPOINT_DIR), the test tampers with the
 * database the way issue reports showed would go unnoticed, and `penghubung log verify` (the real
 * command, its own process) catches each case against the published copies. With TEST_DATABASE_URL
 * on PostgreSQL, otherwise on a PGlite data folder the gateway process owns while it runs.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { accessLog, chainCheckpoints, chainHeads } from '../../drizzle/schema/index.ts';
import { createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { createCheckpointer } from '../../registry/log/checkpoints.ts';
import { createCheckpointPublisher, readPublishedCheckpoints } from '../../registry/log/publish.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.ts';
import { withFolderDatabase } from '../support/operatorCli.ts';
import { accessEvent, GOOD_TOKEN } from './harness.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/checkpointingGateway.ts', import.meta.url));

interface Run {
  code: number | null;
  output: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** The parent's environment without any Penghubung setting: each process gets exactly what the test gives. */
function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PENGHUBUNG_') && name !== 'DATABASE_URL'));
  return { ...inherited, ...extra };
}

describe('checkpoints published outside the database catch what the database alone cannot (real processes)', () => {
  let folder = '';
  let dataDir = '';
  let checkpointDir = '';
  let test: TestDatabase | undefined;
  let databaseEnv: Record<string, string> = {};
  let databaseArgs: string[] = [];

  const withDatabase = <T>(work: (database: DatabaseHandle) => Promise<T>) => withFolderDatabase(test, dataDir, work);
  const verify = (...extra: string[]) =>
    run([join(root, 'bin/penghubung.mjs'), 'log', 'verify', '--chain', 'access', ...databaseArgs, ...extra], cleanEnvironment({}));
  const newestCheckpoints = (database: DatabaseHandle, count: number) =>
    database.db.select().from(chainCheckpoints).where(eq(chainCheckpoints.chain, 'access')).orderBy(desc(chainCheckpoints.position)).limit(count);

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'penghubung-published-'));
    dataDir = join(folder, 'data');
    checkpointDir = join(folder, 'salinan-checkpoint');
    databaseArgs = ['--data-dir', dataDir];
    if (testDatabaseUrl()) {
      test = await createTestDatabase();
      databaseEnv = { DATABASE_URL: test.url! };
      databaseArgs.push('--database-url', test.url!);
    }
    const env = cleanEnvironment({ ...databaseEnv, PENGHUBUNG_DATA_DIR: dataDir, PENGHUBUNG_CHECKPOINT_DIR: checkpointDir });
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, '--every', '10'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const line = buffered.split('\n').find((candidate) => candidate.startsWith('{"url"'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      void exited.then((code) => reject(new Error(`gateway process exited (${code}) before serving:\n${output}`)));
    });
    for (let round = 0; round < 8; round += 1) {
      await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: GOOD_TOKEN, 'x-request-id': `terbit-${round}-${i}` },
            body: JSON.stringify({ query: '{ halo }' }),
          });
          await response.text();
          expect(response.status).toBe(200);
        }),
      );
    }
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await test?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('every checkpoint the gateway signed is in the folder, and log verify --checkpoints finds them all in the database: exit 0', async () => {
    const files = await readdir(join(checkpointDir, 'access'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.every((name) => /^\d{12}-seq\d+\.json$/.test(name))).toBe(true);
    const stored = await withDatabase((database) => database.db.select().from(chainCheckpoints).where(eq(chainCheckpoints.chain, 'access')));
    expect(stored).toHaveLength(files.length);
    const result = await verify('--checkpoints', checkpointDir);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('UTUH');
    expect(result.output).toContain(`${files.length} salinan terbitan di luar basis data cocok`);
  });

  it('the newest checkpoint rows deleted: the database alone still says intact; against the published copies, exit 1 naming the deleted checkpoint', async () => {
    const removed = await withDatabase(async (database) => {
      const rows = await newestCheckpoints(database, 2);
      await database.db.delete(chainCheckpoints).where(inArray(chainCheckpoints.id, rows.map((row) => row.id)));
      return rows;
    });
    const alone = await verify();
    expect(alone.code, alone.output).toBe(0);
    expect(alone.output).toContain('penghapusan checkpoint terbaru tidak dapat dideteksi');

    const result = await verify('--checkpoints', checkpointDir);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain('TIDAK UTUH');
    expect(result.output).toContain('checkpoint dihapus (checkpoint-deleted)');
    expect(result.output).toContain(`#${removed[1]!.position} of access (seq ${removed[1]!.seq}`);
    expect(result.output).toContain('deleted from its end');

    await withDatabase((database) => database.db.insert(chainCheckpoints).values(removed));
    expect((await verify('--checkpoints', checkpointDir)).code).toBe(0);
  });

  it('a checkpoint deleted from the middle: caught by the checkpoint chain alone, without the copies', async () => {
    const middle = await withDatabase(async (database) => {
      const [row] = await database.db.select().from(chainCheckpoints).where(and(eq(chainCheckpoints.chain, 'access'), eq(chainCheckpoints.position, 3)));
      await database.db.delete(chainCheckpoints).where(eq(chainCheckpoints.id, row!.id));
      return row!;
    });
    const result = await verify();
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain('checkpoint dihapus (checkpoint-deleted)');
    expect(result.output).toContain('#3 is missing');
    await withDatabase((database) => database.db.insert(chainCheckpoints).values(middle));
    expect((await verify()).code).toBe(0);
  });

  it('the log cut back to an earlier checkpoint (records after it, their checkpoints and the head together): intact to the database alone, caught against the copies', async () => {
    const cutAt = await withDatabase(async (database) => {
      const [second] = await database.db.select().from(chainCheckpoints).where(and(eq(chainCheckpoints.chain, 'access'), eq(chainCheckpoints.position, 2)));
      const seq = second!.seq;
      await database.db.delete(accessLog).where(gt(accessLog.seq, seq));
      await database.db.delete(chainCheckpoints).where(and(eq(chainCheckpoints.chain, 'access'), gt(chainCheckpoints.seq, seq)));
      await database.db.update(chainHeads).set({ seq, hash: second!.headHash }).where(eq(chainHeads.chain, 'access'));
      return seq;
    });
    const alone = await verify();
    expect(alone.code, alone.output).toBe(0);
    expect(alone.output).toContain(`sampai seq ${cutAt}`);

    const result = await verify('--checkpoints', checkpointDir);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain('TIDAK UTUH');
    expect(result.output).toContain('catatan dihapus (deleted)');
    expect(result.output).toContain(`but the chain ends at seq ${cutAt}: rows were removed from the end`);

    const english = await run(
      [join(root, 'bin/penghubung.mjs'), '--lang', 'en', 'log', 'verify', '--chain', 'access', ...databaseArgs, '--checkpoints', checkpointDir],
      cleanEnvironment({}),
    );
    expect(english.code).toBe(1);
    expect(english.output).toContain('TAMPERED');
  });

  it('a folder that is not what it seems: exit 2 naming the file, never a pass', async () => {
    const bogus = join(folder, 'palsu');
    await import('node:fs/promises').then(async (fs) => {
      await fs.mkdir(bogus, { recursive: true });
      await fs.writeFile(join(bogus, 'x.json'), '{"bukan": "checkpoint"}');
    });
    const result = await verify('--checkpoints', bogus);
    expect(result.code).toBe(2);
    expect(result.output).toContain(join(bogus, 'x.json'));
    const missing = await verify('--checkpoints', join(folder, 'tidak-ada'));
    expect(missing.code).toBe(2);
  });
});

describe('a witness receives each checkpoint by webhook, retried with backoff, never holding the log', () => {
  let test: TestDatabase;
  const keys = generateKeyPairSync('ed25519');
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.drop();
  });

  async function witness(handler: (request: IncomingMessage, body: string) => number | 'hang'): Promise<{ server: Server; url: string }> {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const status = handler(request, body);
        if (status === 'hang') return;
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    return { server, url: `http://127.0.0.1:${address.port}/checkpoint` };
  }

  it('delivers every checkpoint in order, after the witness refused the first attempts', async () => {
    const received: { position: string; chain: string }[] = [];
    let attempts = 0;
    const { server, url } = await witness((_request, body) => {
      attempts += 1;
      if (attempts <= 2) return 503;
      received.push(JSON.parse(body) as { position: string; chain: string });
      return 204;
    });
    const publisher = createCheckpointPublisher({ webhookUrl: url, webhookInitialDelayMs: 20, onError: () => {} });
    const checkpointer = createCheckpointer({ database: test.handle, operatorKey: keys.privateKey, everyMs: 0, chains: ['access'], publisher });
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    for (let i = 0; i < 4; i += 1) {
      await writer.record(accessEvent({ requestId: `saksi-${i}` }));
      await checkpointer.checkpointNow();
    }
    await writer.close();
    await checkpointer.close();
    await publisher.settled();
    await publisher.close();
    server.close();
    expect(attempts).toBe(6);
    expect(received.map((cp) => cp.position)).toEqual(['1', '2', '3', '4']);
  });

  it('a witness that never answers: records and checkpoints go on, close() gives up after its grace and reports it', async () => {
    const errors: string[] = [];
    const { server, url } = await witness(() => 'hang');
    const folder = await mkdtemp(join(tmpdir(), 'penghubung-saksi-'));
    const publisher = createCheckpointPublisher({
      dir: folder,
      webhookUrl: url,
      webhookTimeoutMs: 200,
      webhookInitialDelayMs: 50,
      closeGraceMs: 300,
      onError: (message) => errors.push(message),
    });
    const checkpointer = createCheckpointer({ database: test.handle, operatorKey: keys.privateKey, everyMs: 0, chains: ['access'], publisher });
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    const started = Date.now();
    for (let i = 0; i < 3; i += 1) {
      await writer.record(accessEvent({ requestId: `saksi-diam-${i}` }));
      expect((await checkpointer.checkpointNow()).length).toBe(1);
    }
    await writer.close();
    await checkpointer.close();
    await publisher.close();
    // Generous bound: the point is that nothing waited for the witness's full retry budget (minutes).
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(errors.some((message) => message.includes('not delivered to the witness'))).toBe(true);
    // The folder copies were written all the same.
    expect((await readPublishedCheckpoints(folder)).filter((cp) => cp.chain === 'access').length).toBeGreaterThanOrEqual(3);
    server.closeAllConnections();
    server.close();
    await rm(folder, { recursive: true, force: true });
  });
});
