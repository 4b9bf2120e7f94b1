/**
 * The key lifecycle over the real database and the real keys folder: rotating the operator key while
 * records and checkpoints keep coming (no record fails, every checkpoint verifies, the transition is
 * signed by both keys, `log verify` names which key covered which range), revoking a leaked key (what
 * it signed after its revocation is reported), and finding a NIK across a lookup-secret rotation
 * through the registry's search API.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail } from '../../drizzle/schema/index.ts';
import { createAccessLogWriter } from '../../lib/accessLog/index.ts';
import { PenghubungError } from '../../lib/errors.ts';
import { loadOrCreateOperatorKey, readKeyHistory, type Checkpoint } from '../../lib/ledger/index.ts';
import type { Actor } from '../../registry/http/actor.ts';
import { loadLookupSecrets, loadOperatorPublicKeys, revokeKey, rotateLookupSecret, rotateOperatorKey } from '../../registry/keys/keyLifecycle.ts';
import { createCheckpointer, loadCheckpoints } from '../../registry/log/checkpoints.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import type { RegistryConfig } from '../../registry/deps.ts';
import { loadOrCreateSecretFile } from '../../lib/secretFile.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestRegistry, testConfig, type TestRegistry } from '../support/registry.ts';
import { accessEvent } from '../log/harness.ts';

const OPERATOR: Actor = { userId: '00000000-0000-0000-0000-000000000000', name: 'Budi Operator', role: 'administrator', agencyId: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('operator key: rotated under load, then the old key revoked', () => {
  let test: TestDatabase;
  let keyDir = '';
  const verifyAll = async () => {
    const { publicKeys, history } = loadOperatorPublicKeys(keyDir);
    return Promise.all(
      (['access', 'trail'] as const).map((chain) => verifyLedger(test.handle, publicKeys, { chain, ...(history ? { keyHistory: history } : {}) })),
    );
  };

  beforeAll(async () => {
    test = await createTestDatabase();
    keyDir = await mkdtemp(join(tmpdir(), 'penghubung-keys-'));
  });
  afterAll(async () => {
    await test?.drop();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('no record fails, every checkpoint verifies, and the transition is signed by both keys', async () => {
    const first = loadOrCreateOperatorKey(keyDir);
    const writer = createAccessLogWriter({ database: test.handle, lookupSecret: 'uji', maxDelayMs: 1 });
    // The checkpointer holds the key loaded from the folder, as a running process does.
    const checkpointer = createCheckpointer({ database: test.handle, operatorKey: first, everyRecords: 5, everyMs: 0 });
    const outcomes: PromiseSettledResult<unknown>[] = [];
    let rotating = true;
    const load = (async () => {
      for (let round = 0; rotating || round < 40; round += 1) {
        outcomes.push(...(await Promise.allSettled(Array.from({ length: 4 }, (_, i) => writer.record(accessEvent({ requestId: `putar-${round}-${i}` }))))));
        await checkpointer.checkpointNow();
        if (round > 400) break;
      }
    })();
    // Rotate once the old key has signed a few checkpoints, while the load goes on.
    for (let waited = 0; (await loadCheckpoints(test.handle.db, 'access')).length < 3; waited += 1) {
      if (waited > 600) throw new Error('the load signed no checkpoints');
      await sleep(50);
    }
    const rotation = await rotateOperatorKey({ database: test.handle, keyDir, actor: OPERATOR }, 'rotasi tahunan');
    rotating = false;
    await load;
    await writer.close();
    await checkpointer.close();

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(rotation.previous).toMatchObject({ id: first.keyId, state: 'retired' });
    expect(rotation.next.id).not.toBe(first.keyId);
    const transition = rotation.transitions.find((cp) => cp.chain === 'trail')!;
    expect(transition).toMatchObject({ keyId: rotation.next.id, previousKeyId: first.keyId });

    // Files: the new pair is active, the old public key kept, the old private key gone.
    expect(loadOrCreateOperatorKey(keyDir).keyId).toBe(rotation.next.id);
    expect(await readFile(join(keyDir, rotation.previous.file!), 'utf8')).toBe(first.publicKeyPem);
    expect(((await stat(join(keyDir, 'operator-ed25519.key.pem'))).mode & 0o077)).toBe(0);
    // The running checkpointer moved to the new key without a restart.
    const signers = new Set((await loadCheckpoints(test.handle.db, 'access')).map((cp: Checkpoint) => cp.keyId));
    expect(signers).toEqual(new Set([first.keyId, rotation.next.id]));

    const [access, trail] = await verifyAll();
    expect(access, JSON.stringify(access?.firstProblem)).toMatchObject({ ok: true });
    expect(trail).toMatchObject({ ok: true });
    expect(access!.keyRanges.map((range) => [range.keyId, range.state])).toEqual([
      [first.keyId, 'retired'],
      [rotation.next.id, 'active'],
    ]);
    const [rotated] = await test.handle.db.select().from(adminTrail).where(eq(adminTrail.action, 'key.rotated'));
    expect(rotated).toMatchObject({ actorName: 'Budi Operator', subjectId: rotation.next.id, reason: 'rotasi tahunan' });
  });

  it('refuses to revoke the active key, an unknown id, or without a reason', async () => {
    const active = readKeyHistory(keyDir)!.keys.find((key) => key.state === 'active')!;
    const context = { database: test.handle, keyDir, actor: OPERATOR };
    await expect(revokeKey(context, active.id, 'bocor')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(revokeKey(context, 'ffffffffffff', 'bocor')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeKey(context, active.id, '  ')).rejects.toBeInstanceOf(PenghubungError);
    expect(readKeyHistory(keyDir)!.keys.every((key) => key.state !== 'revoked')).toBe(true);
  });

  it('the old key revoked from a time when it still signed: log verify reports the checkpoint it signed after the revocation', async () => {
    const old = readKeyHistory(keyDir)!.keys.find((key) => key.state === 'retired')!;
    const signedByOld = (await loadCheckpoints(test.handle.db, 'access')).filter((cp) => cp.keyId === old.id);
    expect(signedByOld.length).toBeGreaterThanOrEqual(2);
    // The leak began just after its first checkpoint: everything it signed since is suspect.
    const since = new Date(signedByOld[0]!.createdAt.getTime() + 1);
    const { key } = await revokeKey({ database: test.handle, keyDir, actor: OPERATOR }, old.id.slice(0, 12), 'kunci bocor lewat cadangan', since);
    expect(key).toMatchObject({ state: 'revoked', revocationReason: 'kunci bocor lewat cadangan' });

    const [access] = await verifyAll();
    expect(access).toMatchObject({ ok: false, firstProblem: { kind: 'revoked-key', seq: signedByOld[1]!.seq } });
    expect(access!.firstProblem!.detail).toContain('kunci bocor lewat cadangan');
    const [revoked] = await test.handle.db.select().from(adminTrail).where(eq(adminTrail.action, 'key.revoked'));
    expect(revoked).toMatchObject({ subjectId: old.id, reason: 'kunci bocor lewat cadangan' });
  });
});

describe('lookup secret: a NIK is found across a rotation', () => {
  let registry: TestRegistry;
  let keyDir = '';
  const NIK = '3501011201900001';

  beforeAll(async () => {
    keyDir = await mkdtemp(join(tmpdir(), 'penghubung-lookup-'));
    const config: RegistryConfig = {
      ...testConfig,
      lookupSecret: 'awal-belum-dibaca',
      lookupSecretHistory: () => loadLookupSecrets(keyDir),
    };
    registry = await startTestRegistry({ config });
  });
  afterAll(async () => {
    await registry?.close();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('records hashed with the old and the new secret are both found by --value', async () => {
    expect(loadLookupSecrets(keyDir)).toEqual([]);
    const context = { database: registry.database, keyDir, actor: OPERATOR };
    // The first secret is created on first use, as a gateway does.
    const oldSecret = await loadOrCreateSecretFile(keyDir, 'lookup-secret');
    const oldWriter = createAccessLogWriter({ database: registry.database, lookupSecret: oldSecret, maxDelayMs: 1 });
    await oldWriter.record(accessEvent({ requestId: 'nik-lama', variables: { nik: NIK } }));
    await oldWriter.close();

    await expect(rotateLookupSecret(context, 'rotasi', 'dari-environment')).rejects.toMatchObject({ code: 'CONFLICT' });
    const rotation = await rotateLookupSecret(context, 'rotasi berkala', undefined);
    const [newSecret] = loadLookupSecrets(keyDir);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotation.previous.state).toBe('retired');
    const newWriter = createAccessLogWriter({ database: registry.database, lookupSecret: newSecret!, maxDelayMs: 1 });
    await newWriter.record(accessEvent({ requestId: 'nik-baru', variables: { nik: NIK } }));
    await newWriter.record(accessEvent({ requestId: 'nik-lain', variables: { nik: '3501011201900002' } }));
    await newWriter.close();

    const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name: 'Evi', email: 'evi@inspektorat.test', role: 'evaluator' }, 201);
    const evaluator = { id: created.user.id, token: created.token.token };
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const response = await registry.call(evaluator, 'GET', `/v1/log/records?from=${day(-1)}&to=${day(1)}&value=${NIK}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    // Two of the three records looked up this NIK: one hashed under each secret.
    expect(response.body.records).toHaveLength(2);
  });
});
