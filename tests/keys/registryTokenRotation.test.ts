/**
 * The registry's token material rotated while the registry serves a steady stream of authenticated
 * calls (real HTTP, real database): no call fails, tokens issued before keep working and are stored
 * again under the new key at their next use, new tokens are hashed under the new key, the rotation
 * is in the trail; revoking the old key invalidates exactly the tokens still hashed under it (not used
 * since), and the count is reported. A token inserted straight into the database with a hash of the
 * intruder's choosing opens nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, userTokens } from '../../drizzle/schema/index.ts';
import type { Actor } from '../../registry/http/actor.ts';
import { revokeKey } from '../../registry/keys/keyLifecycle.ts';
import { loadRegistryTokenKeys, registryTokenKeysFrom, rotateRegistryTokenKey } from '../../registry/keys/registryTokenKeys.ts';
import { hashKeyId } from '../../registry/tokens.ts';
import { startTestRegistry, testConfig, type TestRegistry } from '../support/registry.ts';

const OPERATOR: Actor = { userId: '00000000-0000-0000-0000-000000000000', name: 'Budi Operator', role: 'administrator', agencyId: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('registry token key: rotated while tokens are in use', () => {
  let registry: TestRegistry;
  let keyDir = '';
  let busy = '';
  let idle = '';
  const storedHash = async (token: string) => {
    const prefix = token.split('_')[1]!;
    const [row] = await registry.database.db.select({ hash: userTokens.secretHash }).from(userTokens).where(eq(userTokens.prefix, prefix));
    return row!.hash;
  };
  const newEvaluator = async (name: string): Promise<string> => {
    const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name, email: `${name.toLowerCase()}@inspektorat.test`, role: 'evaluator' }, 201);
    return created.token.token as string;
  };

  beforeAll(async () => {
    keyDir = join(await mkdtemp(join(tmpdir(), 'penghubung-rtoken-')), 'keys');
    registry = await startTestRegistry({ config: { ...testConfig, registryTokenKeys: registryTokenKeysFrom(keyDir) } });
  });
  afterAll(async () => {
    await registry?.close();
    await rm(join(keyDir, '..'), { recursive: true, force: true });
  });

  it('no call fails during the rotation; old tokens keep working and move to the new key at their next use; new ones use it', async () => {
    const first = loadRegistryTokenKeys(keyDir).active;
    busy = await newEvaluator('Evi');
    idle = await newEvaluator('Iwan');
    expect(hashKeyId(await storedHash(busy))).toBe(first.id);
    expect(hashKeyId(await storedHash(idle))).toBe(first.id);

    let running = true;
    const statuses: number[] = [];
    const load = (async () => {
      while (running) {
        const answers = await Promise.all([registry.call(busy, 'GET', '/v1/me'), registry.call(registry.admin, 'GET', '/v1/me')]);
        statuses.push(...answers.map((answer) => answer.status));
      }
    })();
    while (statuses.length < 20) await sleep(20);
    const rotation = await rotateRegistryTokenKey({ database: registry.database, keyDir, actor: OPERATOR }, 'rotasi tahunan');
    expect(rotation.previous).toMatchObject({ id: first.id, state: 'retired' });
    const second = loadRegistryTokenKeys(keyDir).active;
    expect(second.id).toBe(rotation.next.id);
    // The running registry reads the keys again within a second: the busy token moves to the new key.
    for (let attempt = 0; hashKeyId(await storedHash(busy)) !== second.id; attempt += 1) {
      if (attempt > 600) throw new Error('the busy token was never stored under the new key');
      await sleep(100);
    }
    const countedBefore = statuses.length;
    while (statuses.length < countedBefore + 20) await sleep(20);
    running = false;
    await load;
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // The administrator's token (hashed plainly before any key existed) moved to the new key too.
    expect(hashKeyId(await storedHash(registry.admin.token))).toBe(second.id);

    const fresh = await newEvaluator('Fina');
    expect(hashKeyId(await storedHash(fresh))).toBe(second.id);
    expect(hashKeyId(await storedHash(idle))).toBe(first.id);
    const [rotated] = await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'key.rotated'));
    expect(rotated).toMatchObject({ subjectId: second.id, reason: 'rotasi tahunan', before: { purpose: 'registry-token', id: first.id } });
  });

  it('revoking the old key: the tokens not used since are refused (and counted), the others keep working', async () => {
    const old = loadRegistryTokenKeys(keyDir).all[1]!;
    const idleHash = (await registry.database.db.select().from(userTokens)).filter((row) => hashKeyId(row.secretHash) === old.id);
    expect(idleHash).toHaveLength(1);
    const revocation = await revokeKey({ database: registry.database, keyDir, actor: OPERATOR }, old.id, 'kunci token bocor');
    expect(revocation.affectedTokens).toBe(1);
    expect(loadRegistryTokenKeys(keyDir).all.map((key) => key.id)).not.toContain(old.id);

    // The running registry re-reads its keys (it checks the files at most once a second)…
    for (let attempt = 0; registry.deps.config.registryTokenKeys!().all.some((key) => key.id === old.id); attempt += 1) {
      if (attempt > 600) throw new Error('the registry never dropped the revoked key');
      await sleep(100);
    }
    // …then Iwan's token (idle since the rotation) is refused; Evi's and the admin's are not.
    const refused = await registry.call(idle, 'GET', '/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('Token API registry tidak valid');
    expect((await registry.call(busy, 'GET', '/v1/me')).status).toBe(200);
    expect((await registry.call(registry.admin, 'GET', '/v1/me')).status).toBe(200);
    await expect(revokeKey({ database: registry.database, keyDir, actor: OPERATOR }, old.id, 'lagi')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a token row inserted with a hash of the intruder’s choosing opens nothing: the hash needs the key outside the database', async () => {
    const secret = 'a'.repeat(43);
    const [admin] = await registry.database.db.select({ userId: userTokens.userId }).from(userTokens).limit(1);
    await registry.database.db.insert(userTokens).values({ userId: admin!.userId, prefix: 'deadbeef', secretHash: `hmac:${loadRegistryTokenKeys(keyDir).active.id}:${createHash('sha256').update(secret).digest('hex')}` });
    const forged = await registry.call(`phr_deadbeef_${secret}`, 'GET', '/v1/me');
    expect(forged.status).toBe(401);
  });
});
