import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, userTokens } from '../../drizzle/schema/index.ts';
import { generateApiKey, parseApiKey } from '../../lib/apiKeys.ts';
import { createGrantStore } from '../../lib/feed/grantStore.ts';
import { generateToken, parseToken } from '../../registry/tokens.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';
import { seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

/*
 * A key and a token issued by the code before the two schemes shared one helper
 * (lib/opaqueToken.ts), with the hashes that code stored for them. Keys and tokens already handed out
 * must keep working, so these must keep authenticating whatever the helper becomes.
 */
const ISSUED_API_KEY = {
  apiKey: 'phk_2f55e527_T2bNKCMnQVhj0UoWDDNYJU94gCTFQOp2mI6o_gG53sI',
  prefix: '2f55e527',
  secretHash: 'f25e947afc60ce5101818267d411f8436c7219d3cd342f7ec8a31568febbf213',
};
const ISSUED_REGISTRY_TOKEN = {
  token: 'phr_d7103981_2KD1Iv3pxnGvdbr1pSPijdGQuvQXYVeusjKGV3jn41E',
  prefix: 'd7103981',
  secretHash: '16814754c8ab8fafe48fc7af4bb1496f3a9c4cab11cf7d502e1157aa7f30849b',
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('opaque keys and tokens (one helper, two stored formats)', () => {
  it('parses a key and a token issued earlier to the hashes stored for them', () => {
    expect(parseApiKey(ISSUED_API_KEY.apiKey)).toEqual({
      prefix: ISSUED_API_KEY.prefix,
      secretHash: ISSUED_API_KEY.secretHash,
    });
    expect(parseToken(ISSUED_REGISTRY_TOKEN.token)).toEqual({
      prefix: ISSUED_REGISTRY_TOKEN.prefix,
      secretHash: ISSUED_REGISTRY_TOKEN.secretHash,
    });
  });

  it('stores the hash of the whole API key, and of only the secret part of a registry token', () => {
    const key = generateApiKey();
    expect(key.apiKey).toMatch(/^phk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.apiKey.split('_')[1]).toBe(key.prefix);
    expect(key.secretHash).toBe(sha256(key.apiKey));
    expect(parseApiKey(key.apiKey)).toEqual({ prefix: key.prefix, secretHash: key.secretHash });

    const token = generateToken();
    expect(token.token).toMatch(/^phr_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const secret = token.token.slice('phr_'.length + 9);
    expect(token.secretHash).toBe(sha256(secret));
    expect(parseToken(token.token)).toEqual({ prefix: token.prefix, secretHash: token.secretHash });
  });

  it('refuses the other kind, a wrong shape and a short secret', () => {
    expect(parseApiKey(ISSUED_REGISTRY_TOKEN.token)).toBeNull();
    expect(parseToken(ISSUED_API_KEY.apiKey)).toBeNull();
    for (const text of ['', 'phk_', 'phk_2f55e527_', 'phk_2F55E527_' + 'a'.repeat(43), 'phk_2f55e527_' + 'a'.repeat(42), 'phk_2f55e527_a b' + 'a'.repeat(43), ' ' + ISSUED_API_KEY.apiKey])
      expect(parseApiKey(text)).toBeNull();
    for (const text of ['', 'phr_d7103981_' + 'a'.repeat(19), 'phr_d7103981_' + 'a'.repeat(129), 'phr_d710398_' + 'a'.repeat(43)])
      expect(parseToken(text)).toBeNull();
    // A registry token's secret may be shorter than an API key's (20 characters and up).
    expect(parseToken('phr_d7103981_' + 'a'.repeat(20))).not.toBeNull();
  });
});

describe('a key and a token issued before the shared helper still authenticate', () => {
  let registry: TestRegistry;
  let world: World;

  beforeAll(async () => {
    registry = await startTestRegistry();
    world = await seed(registry).client('lama').done();
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('at the registry, with the stored hash of the registry token', async () => {
    await registry.database.db.insert(userTokens).values({
      userId: registry.admin.id,
      label: 'issued earlier',
      prefix: ISSUED_REGISTRY_TOKEN.prefix,
      secretHash: ISSUED_REGISTRY_TOKEN.secretHash,
    });
    const me = await registry.call(ISSUED_REGISTRY_TOKEN.token, 'GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.userId).toBe(registry.admin.id);

    const altered = `${ISSUED_REGISTRY_TOKEN.token.slice(0, -1)}${ISSUED_REGISTRY_TOKEN.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await registry.call(altered, 'GET', '/v1/me')).status).toBe(401);
  });

  it('at the gateway’s grant store, with the stored hash of the API key', async () => {
    const client = world.clients['lama']!;
    await registry.database.db.insert(credentials).values({
      clientId: client.id,
      label: 'issued earlier',
      prefix: ISSUED_API_KEY.prefix,
      secretHash: ISSUED_API_KEY.secretHash,
    });
    const store = createGrantStore(registry.database);
    try {
      const found = await store.authenticate(ISSUED_API_KEY.apiKey);
      expect(found).toMatchObject({ clientId: client.id, clientName: 'lama' });
      const altered = `${ISSUED_API_KEY.apiKey.slice(0, -1)}${ISSUED_API_KEY.apiKey.endsWith('A') ? 'B' : 'A'}`;
      expect(await store.authenticate(altered)).toEqual({ error: 'unknown' });
    } finally {
      await store.close();
    }
  });
});
