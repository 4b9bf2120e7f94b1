/**
 * THE KILL TEST: no answer without its record, even when the gateway dies mid-load.
 *
 * A child process runs a gateway with the access-log writer on a real database; the parent fires
 * many concurrent requests, SIGKILLs the child while they are in flight, then opens the database:
 * every response the parent received with status 200 must have its row (by the `x-request-id` it
 * sent and got back), and the chain must still verify. With TEST_DATABASE_URL the database is a
 * PostgreSQL database the parent keeps open; otherwise a PGlite data folder that the child owns and
 * the parent opens after the kill (taking over the dead child's lock file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import { Agent, fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database.ts';
import { accessLog } from '../../drizzle/schema/index.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.ts';
import { GOOD_TOKEN } from './harness.ts';

const fixture = fileURLToPath(new URL('./fixtures/gatewayChild.ts', import.meta.url));

function startChild(args: string[]): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`child did not start:\n${stderr}`)), 240_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((candidate) => candidate.startsWith('{"url"'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: (JSON.parse(line) as { url: string }).url, exited });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before serving:\n${stderr}`));
    });
  });
}

/** Fires requests from `concurrency` loops until the server stops answering; SIGKILLs it after `killAfter` answers. */
async function loadAndKill(url: string, child: ChildProcess, killAfter: number): Promise<{ answered: string[]; sent: number }> {
  const agent = new Agent({ connections: 64 });
  const answered: string[] = [];
  let sent = 0;
  let killed = false;
  const worker = async (id: number) => {
    for (let n = 0; ; n += 1) {
      const requestId = `bunuh-${id}-${n}`;
      sent += 1;
      try {
        const response = await fetch(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', authorization: GOOD_TOKEN, 'x-request-id': requestId },
          body: JSON.stringify({ query: 'query Halo($nik: String!) { halo penduduk(nik: $nik) { nama } }', variables: { nik: '3301012345670001' } }),
        });
        await response.text();
        if (response.status === 200) answered.push(response.headers.get('x-request-id') ?? `(none for ${requestId})`);
      } catch {
        if (killed) return; // the server is gone
      }
      if (!killed && answered.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 48 }, (_, id) => worker(id)));
  await agent.close();
  return { answered, sent };
}

async function expectEveryAnswerRecorded(database: DatabaseHandle, answered: readonly string[]): Promise<number> {
  const found = new Set<string>();
  for (let start = 0; start < answered.length; start += 1_000) {
    const chunk = answered.slice(start, start + 1_000);
    const rows = await database.db.select({ requestId: accessLog.requestId }).from(accessLog).where(inArray(accessLog.requestId, chunk));
    for (const row of rows) found.add(row.requestId);
  }
  const missing = answered.filter((requestId) => !found.has(requestId));
  expect(missing).toEqual([]);
  const report = await verifyLedger(database, generateKeyPairSync('ed25519').publicKey, { chain: 'access' });
  expect(report.firstProblem).toBeUndefined();
  return report.checked;
}

describe('the kill test: every 200 the client received has its access-log row', () => {
  let test: TestDatabase | undefined;
  let folder: string | undefined;
  let child: ChildProcess | undefined;

  afterAll(async () => {
    child?.kill('SIGKILL');
    await test?.drop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it.runIf(testDatabaseUrl() !== undefined)('on PostgreSQL (runs with TEST_DATABASE_URL; without it the PGlite variant runs): a gateway SIGKILLed mid-load', async () => {
    test = await createTestDatabase();
    const url = new URL(testDatabaseUrl()!);
    url.pathname = `/${test.name}`;
    const started = await startChild(['--database-url', url.href]);
    child = started.child;
    const { answered, sent } = await loadAndKill(started.url, started.child, 400);
    await started.exited;
    expect(answered.length).toBeGreaterThanOrEqual(400);
    expect(sent).toBeGreaterThan(answered.length); // some were in flight when it died
    const stored = await expectEveryAnswerRecorded(test.handle, answered);
    expect(stored).toBeGreaterThanOrEqual(answered.length);
  });

  it.runIf(testDatabaseUrl() === undefined)('on a PGlite data folder (runs without TEST_DATABASE_URL): a gateway SIGKILLed mid-load, the folder reopened after', async () => {
    folder = await mkdtemp(join(tmpdir(), 'penghubung-bunuh-'));
    const dataDir = join(folder, 'pglite');
    const started = await startChild(['--data-dir', dataDir]);
    child = started.child;
    const { answered, sent } = await loadAndKill(started.url, started.child, 300);
    await started.exited;
    expect(answered.length).toBeGreaterThanOrEqual(300);
    expect(sent).toBeGreaterThan(answered.length);
    // The dead child's lock file is still there: openDatabase takes it over (its pid is gone).
    const database = await openDatabase({ url: undefined, dataDir });
    try {
      const stored = await expectEveryAnswerRecorded(database, answered);
      expect(stored).toBeGreaterThanOrEqual(answered.length);
    } finally {
      await database.close();
    }
  });
});
