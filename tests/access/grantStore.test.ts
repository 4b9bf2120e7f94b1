/**
 * The gateway-facing grant store: API keys authenticate or are refused as unknown, revoked or
 * expired; grant sets follow grant windows by themselves; a cached grant set never outlives a
 * revocation; subscribers hear of changes by notification and, when one is missed, by polling.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, users } from '../../drizzle/schema/index.ts';
import type { Grant } from '../../drizzle/schema/index.ts';
import { createGrantStore, effectiveGrants } from '../../lib/feed/grantStore.ts';
import { GRAPH, daysFromNow, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

const DAY = 86_400_000;

describe('grant store', () => {
  let h: Harness;
  let clientId: string;
  let apiKey: string;
  let credentialId: string;
  let scheduledStart: string;
  let scheduledEnd: string;
  let kecamatanGrantId: string;

  beforeAll(async () => {
    h = await startHarness();
    clientId = (
      await h.call(h.requester, 'POST', '/v1/clients', { name: 'Gateway Uji', contact: 'rina@bappeda.test' })
    ).body.id;
    const ask = async (coordinates: string[]) => {
      const submitted = await h.call(h.requester, 'POST', '/v1/access-requests', {
        clientId,
        graph: GRAPH,
        coordinates,
        purpose: 'Pengujian gateway penghubung',
        legalBasis: 'Perbup Pacitan 138/2023',
        periodStart: daysFromNow(-1),
        periodEnd: daysFromNow(30),
        quotaPerDay: coordinates.length * 100,
      });
      expect(submitted.status).toBe(201);
      await h.call(h.admin, 'POST', `/v1/access-requests/${submitted.body.id}/approve`, { reason: 'Uji' });
      return submitted.body.id as string;
    };
    // Active now: Penduduk.kecamatan (quota 100). Scheduled: Query.penduduk + Penduduk.nama, days 5..10 (quota 200).
    const now = await ask(['Penduduk.kecamatan']);
    const granted = await h.call(h.publisherA, 'POST', `/v1/access-requests/${now}/grant`, {
      reason: 'Boleh',
    });
    kecamatanGrantId = granted.body.grants[0].id;
    const later = await ask(['Query.penduduk', 'Penduduk.nama']);
    scheduledStart = daysFromNow(5);
    scheduledEnd = daysFromNow(10);
    await h.call(h.publisherA, 'POST', `/v1/access-requests/${later}/grant`, {
      reason: 'Nanti',
      startsAt: scheduledStart,
      endsAt: scheduledEnd,
    });
    const issued = await h.call(h.requester, 'POST', `/v1/clients/${clientId}/credentials`, {
      label: 'uji',
      expiresAt: daysFromNow(20),
    });
    apiKey = issued.body.apiKey;
    credentialId = issued.body.credential.id;
  });
  afterAll(async () => {
    await h.close();
  });

  describe('authenticate', () => {
    it('resolves a key to its client and credential', async () => {
      const store = createGrantStore(h.database, { pollIntervalMs: 0 });
      expect(await store.authenticate(apiKey)).toEqual({ clientId, clientName: 'Gateway Uji', credentialId });
      await store.close();
    });

    it('refuses malformed and unknown keys as unknown', async () => {
      const store = createGrantStore(h.database, { pollIntervalMs: 0 });
      expect(await store.authenticate('')).toEqual({ error: 'unknown' });
      expect(await store.authenticate('Bearer abc')).toEqual({ error: 'unknown' });
      expect(await store.authenticate(`phk_00000000_${'A'.repeat(43)}`)).toEqual({ error: 'unknown' });
      expect(await store.authenticate(`${apiKey}x`)).toEqual({ error: 'unknown' });
      await store.close();
    });

    it('refuses a key past its expiry as expired', async () => {
      const store = createGrantStore(h.database, {
        pollIntervalMs: 0,
        now: () => new Date(Date.now() + 21 * DAY),
      });
      expect(await store.authenticate(apiKey)).toEqual({ error: 'expired' });
      await store.close();
    });

    it('refuses a revoked key, and every key of a disabled requester, as revoked', async () => {
      // Keys read on every call (a disabled requester sends no notification; with the default reuse
      // the refusal comes within a second: tests/access/revocationWhileSending.test.ts).
      const store = createGrantStore(h.database, { pollIntervalMs: 0, credentialReuseMs: 0 });
      const spare = await h.call(h.requester, 'POST', `/v1/clients/${clientId}/credentials`, {
        label: 'cadangan',
      });
      await h.call(
        h.requester,
        'POST',
        `/v1/clients/${clientId}/credentials/${spare.body.credential.id}/revoke`,
        { reason: 'Bocor' },
      );
      expect(await store.authenticate(spare.body.apiKey)).toEqual({ error: 'revoked' });

      await h.database.db.update(users).set({ disabled: true }).where(eq(users.id, h.requester.id));
      expect(await store.authenticate(apiKey)).toEqual({ error: 'revoked' });
      await h.database.db.update(users).set({ disabled: false }).where(eq(users.id, h.requester.id));
      expect(await store.authenticate(apiKey)).toMatchObject({ clientId });
      await store.close();
    });
  });

  describe('grant sets over time', () => {
    it('holds only the grants in their window, and says when that changes', async () => {
      const store = createGrantStore(h.database, { pollIntervalMs: 0 });
      const today = await store.grantSet(clientId, GRAPH);
      expect([...today.coordinates]).toEqual(['Penduduk.kecamatan']);
      expect(today.quotaPerDay).toBe(100);
      expect(today.validUntil?.toISOString()).toBe(scheduledStart);
      await store.close();
    });

    it('picks up a scheduled grant when it starts and drops it when it ends, under a new version', async () => {
      let clock = Date.now();
      const store = createGrantStore(h.database, { pollIntervalMs: 0, now: () => new Date(clock) });
      const today = await store.grantSet(clientId, GRAPH);
      clock = Date.parse(scheduledStart) + 1;
      const during = await store.grantSet(clientId, GRAPH);
      expect([...during.coordinates].sort()).toEqual([
        'Penduduk.kecamatan',
        'Penduduk.nama',
        'Query.penduduk',
      ]);
      expect(during.quotaPerDay).toBe(200);
      expect(during.version).not.toBe(today.version);
      expect(during.validUntil?.toISOString()).toBe(scheduledEnd);
      clock = Date.parse(scheduledEnd);
      const after = await store.grantSet(clientId, GRAPH);
      expect([...after.coordinates]).toEqual(['Penduduk.kecamatan']);
      expect(new Set([today.version, during.version, after.version]).size).toBe(3);
      await store.close();
    });

    it('is empty for an unknown client or graph', async () => {
      const store = createGrantStore(h.database, { pollIntervalMs: 0 });
      expect((await store.grantSet('00000000-0000-4000-8000-000000000000', GRAPH)).coordinates.size).toBe(0);
      expect((await store.grantSet(clientId, 'tidak-ada')).coordinates.size).toBe(0);
      await store.close();
    });
  });

  describe('freshness', () => {
    it('never serves a cached set after a revocation, without any notification', async () => {
      // No subscribe(): this store does not LISTEN, and it trusts a version read for a whole minute.
      // With keys read on every call, only the authenticate() of the next request can reveal the
      // revocation — and it does. (The gateway's default reuses a key's read for up to a second.)
      const store = createGrantStore(h.database, { pollIntervalMs: 0, versionReuseMs: 60_000, credentialReuseMs: 0 });
      await store.authenticate(apiKey);
      const first = await store.grantSet(clientId, GRAPH);
      expect(await store.grantSet(clientId, GRAPH)).toBe(first);
      expect(first.coordinates.has('Penduduk.kecamatan')).toBe(true);

      const revoked = await h.call(h.publisherA, 'POST', `/v1/grants/${kecamatanGrantId}/revoke`, {
        reason: 'Uji pencabutan',
      });
      expect(revoked.status).toBe(200);

      await store.authenticate(apiKey);
      const next = await store.grantSet(clientId, GRAPH);
      expect(next.coordinates.has('Penduduk.kecamatan')).toBe(false);
      expect(next.version).not.toBe(first.version);
      await store.close();
    });

    it('tells subscribers of a change as soon as the registry announces it', async () => {
      const store = createGrantStore(h.database, { pollIntervalMs: 0 });
      const changes: string[] = [];
      const stop = await store.subscribe((id) => changes.push(id));
      const spare = await h.call(h.requester, 'POST', `/v1/clients/${clientId}/credentials`, {
        label: 'sementara',
      });
      await h.call(
        h.requester,
        'POST',
        `/v1/clients/${clientId}/credentials/${spare.body.credential.id}/revoke`,
        {},
      );
      await expect.poll(() => changes, { timeout: 30_000 }).toEqual([clientId]);
      await stop();
      await store.close();
    });

    it('re-reads the version on every call when reuse is off', async () => {
      const store = createGrantStore(h.database, { pollIntervalMs: 0, versionReuseMs: 0 });
      const first = await store.grantSet(clientId, GRAPH);
      await h.database.db
        .update(clients)
        .set({ grantsVersion: sql`${clients.grantsVersion} + 1` })
        .where(eq(clients.id, clientId));
      const second = await store.grantSet(clientId, GRAPH);
      expect(second).not.toBe(first);
      expect(second.version).not.toBe(first.version);
      await store.close();
    });

    it('tells subscribers of a change it missed the notification of, by polling', async () => {
      const store = createGrantStore(h.database, { pollIntervalMs: 50 });
      await store.grantSet(clientId, GRAPH);
      const changes: string[] = [];
      const stop = await store.subscribe((id) => changes.push(id));
      // A change without a notification (as if the LISTEN connection had dropped).
      await h.database.db
        .update(clients)
        .set({ grantsVersion: sql`${clients.grantsVersion} + 1` })
        .where(eq(clients.id, clientId));
      await expect.poll(() => changes, { timeout: 30_000 }).toEqual([clientId]);
      await stop();
      await store.close();
    });
  });
});

describe('effective grants', () => {
  const at = new Date('2026-03-01T00:00:00Z');
  const grant = (
    requestId: string,
    coordinate: string,
    startsAt: string,
    endsAt: string,
    quotaPerDay: number | null = null,
  ) =>
    ({ requestId, coordinate, startsAt: new Date(startsAt), endsAt: new Date(endsAt), quotaPerDay }) as Grant;

  it('needs every owner of a shared field to have granted it', () => {
    const one = effectiveGrants(
      [{ grant: grant('r1', 'Penduduk.nik', '2026-01-01', '2026-12-31'), owners: 2 }],
      at,
    );
    expect(one.coordinates.size).toBe(0);
    const both = effectiveGrants(
      [
        { grant: grant('r1', 'Penduduk.nik', '2026-01-01', '2026-12-31'), owners: 2 },
        { grant: grant('r1', 'Penduduk.nik', '2026-02-01', '2026-06-30'), owners: 2 },
      ],
      at,
    );
    expect([...both.coordinates]).toEqual(['Penduduk.nik']);
    expect(both.validUntil?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
  });

  it('takes the largest quota, or none when any grant has none', () => {
    const limited = effectiveGrants(
      [
        { grant: grant('r1', 'A.x', '2026-01-01', '2026-12-31', 100), owners: 1 },
        { grant: grant('r2', 'B.y', '2026-01-01', '2026-12-31', 500), owners: 1 },
      ],
      at,
    );
    expect(limited.quotaPerDay).toBe(500);
    const unlimited = effectiveGrants(
      [
        { grant: grant('r1', 'A.x', '2026-01-01', '2026-12-31', 100), owners: 1 },
        { grant: grant('r2', 'B.y', '2026-01-01', '2026-12-31', null), owners: 1 },
      ],
      at,
    );
    expect(unlimited.quotaPerDay).toBeNull();
    expect(effectiveGrants([], at)).toEqual({
      coordinates: new Set(),
      quotaPerDay: null,
      validUntil: null,
      conditions: new Map(),
    });
  });
});
