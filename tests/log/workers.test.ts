/**
 * The access log's control-plane work runs apart from the gateway: the registry's log workers learn
 * of records another process appended by reading the chain heads (no callback from the writer), sign
 * them with the operator's key, and sign the final heads on close.
 */
import { generateKeyPairSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { chainCheckpoints } from '../../drizzle/schema/index.ts';
import { createAccessLogWriter } from '../../lib/accessLog/writer.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { startLogWorkers } from '../../registry/log/workers.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accessEvent } from './harness.ts';

const keys = generateKeyPairSync('ed25519');

async function checkpointsOf(test: TestDatabase, chain: string): Promise<number[]> {
  const rows = await test.handle.db.select({ seq: chainCheckpoints.seq }).from(chainCheckpoints).where(eq(chainCheckpoints.chain, chain));
  return rows.map((row) => row.seq).sort((a, b) => a - b);
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await sleep(25);
  }
}

describe('the registry signs what the gateways append', () => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  it('signs a checkpoint once enough records were appended, learning of them from the chain head', async () => {
    test = await createTestDatabase();
    const workers = startLogWorkers({ database: test.handle, operatorKey: keys.privateKey, headPollMs: 10, everyRecords: 5, everyMs: 0 });
    // A writer with no hook into the workers, as in a gateway process.
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    try {
      await Promise.all(Array.from({ length: 12 }, () => writer.record(accessEvent())));
      const signed = await waitFor(() => checkpointsOf(test!, 'access'), (seqs) => seqs.some((seq) => seq >= 5));
      expect(signed.some((seq) => seq >= 5)).toBe(true);
    } finally {
      await writer.close();
      await workers.close();
    }
    // Close signs the final head: all twelve records rest on a signed checkpoint.
    expect(await checkpointsOf(test, 'access')).toContain(12);
    const report = await verifyLedger(test.handle, keys.publicKey, { chain: 'access' });
    expect(report).toMatchObject({ ok: true, checked: 12 });
  });

  it('signs nothing while fewer records than the threshold arrived, and does not fail on an empty log', async () => {
    test = await createTestDatabase();
    const workers = startLogWorkers({ database: test.handle, operatorKey: keys.privateKey, headPollMs: 10, everyRecords: 1_000, everyMs: 0 });
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    await Promise.all(Array.from({ length: 3 }, () => writer.record(accessEvent())));
    await writer.close();
    // Several head polls pass: three rows stay under the threshold of a thousand.
    await sleep(200);
    expect(await checkpointsOf(test, 'access')).toEqual([]);
    await workers.close();
    expect(await checkpointsOf(test, 'access')).toEqual([3]);
  });
});
