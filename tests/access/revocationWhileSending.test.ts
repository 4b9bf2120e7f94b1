/**
 * The gateway keeps API keys and grant versions in memory (lib/feed/grantStore.ts), so a request
 * costs no database round trip for them; a revocation must still stop a client that keeps sending
 * within 2 s: at once through the notification the registry sends, and within the reuse window
 * (1 s) when no notification comes (a missed one, or a requester disabled, which sends none).
 */
import { generateKeyPairSync } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, users } from '../../drizzle/schema/index.ts';
import { buildPenghubungGateway, type PenghubungGateway } from '../../gateway/assemble.ts';
import { DEFAULT_OPERATION_LIMITS } from '../../lib/config.ts';
import { GRANTS_CHANNEL } from '../../lib/feed/channels.ts';
import { createGrantStore } from '../../lib/feed/grantStore.ts';
import { GRAPH, daysFromNow, startHarness, type Harness, type Identity } from './harness.ts';

/** The bound the gateway promises between a revocation and the first refusal. */
const REVOCATION_BOUND_MS = 2_000;
const QUERY = JSON.stringify({ query: '{ penduduk(nik: "3501040509830001") { nama } }' });

describe('revocation while a client keeps sending', () => {
  let h: Harness;
  let gateway: PenghubungGateway;
  let gatewayUrl: string;

  /** A client of `requester` with Query.penduduk and Penduduk.nama granted, and an API key. */
  async function grantedClient(name: string, requester: Identity = h.requester) {
    const clientId = (await h.call(requester, 'POST', '/v1/clients', { name, contact: 'uji@bappeda.test' })).body.id as string;
    const submitted = await h.call(requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: GRAPH,
      coordinates: ['Query.penduduk', 'Penduduk.nama'],
      purpose: 'Pengujian pencabutan',
      legalBasis: 'Perbup Pacitan 138/2023',
      periodStart: daysFromNow(-1),
      periodEnd: daysFromNow(30),
    });
    expect(submitted.status).toBe(201);
    await h.call(h.admin, 'POST', `/v1/access-requests/${submitted.body.id}/approve`, { reason: 'Uji' });
    const granted = await h.call(h.publisherA, 'POST', `/v1/access-requests/${submitted.body.id}/grant`, { reason: 'Boleh' });
    expect(granted.status).toBe(200);
    const issued = await h.call(requester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'uji' });
    expect(issued.status).toBe(201);
    return {
      clientId,
      apiKey: issued.body.apiKey as string,
      credentialId: issued.body.credential.id as string,
      grantIds: (granted.body.grants as { id: string }[]).map((grant) => grant.id),
    };
  }

  const send = async (apiKey: string) => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: QUERY,
    });
    await response.arrayBuffer();
    return response.status;
  };

  /**
   * Sends back to back while `revoke` runs; resolves to the time from the end of `revoke` to the
   * first answer with `refusedStatus`, after checking that every answer before `revoke` was not a
   * refusal (the subgraph is not running: an accepted request is answered without its data, not 401/403).
   */
  async function delayUntilRefused(apiKey: string, refusedStatus: number, revoke: () => Promise<void>): Promise<number> {
    for (let index = 0; index < 5; index += 1) expect([401, 403]).not.toContain(await send(apiKey));
    let revokedAt: number | null = null;
    let refusedAt: number | null = null;
    let stop = false;
    const loop = (async () => {
      while (!stop) {
        const status = await send(apiKey);
        if (revokedAt !== null && status === refusedStatus) {
          refusedAt = performance.now();
          return;
        }
      }
    })();
    // The client is sending before the revocation is committed, and keeps sending after it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await revoke();
    revokedAt = performance.now();
    const cap = setTimeout(() => (stop = true), 15_000);
    await loop;
    clearTimeout(cap);
    expect(refusedAt, 'never refused').not.toBeNull();
    // Stays refused.
    for (let index = 0; index < 3; index += 1) expect(await send(apiKey)).toBe(refusedStatus);
    return refusedAt! - revokedAt;
  }

  beforeAll(async () => {
    h = await startHarness();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    gateway = await buildPenghubungGateway({
      database: h.database,
      signingKey: { privateKey, publicKey },
      // The safety-net poll is far away: what stops the client is the notification or the reuse window.
      pollMs: 600_000,
      accessLog: { lookupSecret: 'uji', failMode: 'closed' },
      // The client sends as fast as it can: on an idle machine that passes the per-key rate limit
      // (tested elsewhere), which would answer 429 before the revocation is seen.
      limitsFor: () => ({ ...DEFAULT_OPERATION_LIMITS, ratePerSecond: 1e9, ratePerMinute: 1e12, maxConcurrent: 1e6 }),
    });
    gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await h?.close();
  });

  it('a key revoked in the registry is refused (401) within 2 s', async () => {
    const client = await grantedClient('Revoke key');
    const delay = await delayUntilRefused(client.apiKey, 401, async () => {
      const revoked = await h.call(h.requester, 'POST', `/v1/clients/${client.clientId}/credentials/${client.credentialId}/revoke`, { reason: 'Bocor' });
      expect(revoked.status).toBe(200);
    });
    expect(delay, `refused ${Math.round(delay)} ms after the revocation`).toBeLessThan(REVOCATION_BOUND_MS);
  });

  it('a grant revoked in the registry is refused (403) within 2 s', async () => {
    const client = await grantedClient('Revoke grant');
    const delay = await delayUntilRefused(client.apiKey, 403, async () => {
      const revoked = await h.call(h.publisherA, 'POST', `/v1/grants/${client.grantIds[0]}/revoke`, { reason: 'Tidak lagi diperlukan' });
      expect(revoked.status).toBe(200);
    });
    expect(delay, `refused ${Math.round(delay)} ms after the revocation`).toBeLessThan(REVOCATION_BOUND_MS);
  });

  it('a key revoked without a notification is refused (401) within 2 s', async () => {
    const client = await grantedClient('Missed notification');
    const delay = await delayUntilRefused(client.apiKey, 401, async () => {
      await h.database.db.update(credentials).set({ revokedAt: sql`now()` }).where(eq(credentials.id, client.credentialId));
    });
    expect(delay, `refused ${Math.round(delay)} ms after the revocation`).toBeLessThan(REVOCATION_BOUND_MS);
  });

  it('the keys of a disabled requester (no notification) are refused (401) within 2 s', async () => {
    const client = await grantedClient('Disabled requester', h.otherRequester);
    const delay = await delayUntilRefused(client.apiKey, 401, async () => {
      await h.database.db.update(users).set({ disabled: true }).where(eq(users.id, h.otherRequester.id));
    });
    await h.database.db.update(users).set({ disabled: false }).where(eq(users.id, h.otherRequester.id));
    expect(delay, `refused ${Math.round(delay)} ms after the requester was disabled`).toBeLessThan(REVOCATION_BOUND_MS);
  });

  it('a key is read from the database once per reuse window, and dropped at once by a notification about its client', async () => {
    const client = await grantedClient('Cached key');
    const store = createGrantStore(h.database, { pollIntervalMs: 0, credentialReuseMs: 600_000, versionReuseMs: 600_000 });
    const changed: string[] = [];
    const unsubscribe = await store.subscribe((clientId) => changed.push(clientId));
    try {
      expect(await store.authenticate(client.apiKey)).toMatchObject({ clientId: client.clientId });
      // Revoked in the database without a notification: the cached key is still served (no round trip)…
      await h.database.db.update(credentials).set({ revokedAt: sql`now()` }).where(eq(credentials.id, client.credentialId));
      expect(await store.authenticate(client.apiKey)).toMatchObject({ clientId: client.clientId });
      // …until a notification about its client arrives.
      await h.database.notify(GRANTS_CHANNEL, client.clientId);
      const deadline = Date.now() + 15_000;
      while (!changed.includes(client.clientId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(changed).toContain(client.clientId);
      expect(await store.authenticate(client.apiKey)).toEqual({ error: 'revoked' });
    } finally {
      await unsubscribe();
      await store.close();
    }
  });
});
