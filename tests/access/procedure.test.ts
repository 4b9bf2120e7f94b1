/**
 * The access procedure end to end (Perbup Pacitan 138/2023 Pasal 5; Perwali Baubau 32/2024 Pasal 7),
 * over real HTTP against the real registry, with four identities: a requester asks for fields of
 * two agencies → the administrator approves → Disdukcapil's publisher grants part of its share and
 * Dinkes's publisher declines its share → access exists for exactly the approved and granted fields
 * → the requester takes an API key (shown once) → the gateway's grant store authenticates it and
 * serves the grant set → a revocation takes effect on the next lookup → every step is on the trail.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, grants } from '../../drizzle/schema/index.ts';
import { createGrantStore } from '../../lib/feed/grantStore.ts';
import type { GrantStore } from '../../lib/feed/grantStore.ts';
import { GRAPH, daysFromNow, startHarness } from './harness.ts';
import type { CredentialJson, DecisionJson, GrantJson, Harness, ItemJson, RequestJson } from './harness.ts';

const ASKED = [
  'Query.penduduk',
  'Penduduk.nama',
  'Penduduk.kecamatan',
  'Penduduk.tanggalLahir',
  'Query.fasilitasKesehatan',
  'FasilitasKesehatan.nama',
];
const GRANTED_BY_A = ['Penduduk.kecamatan', 'Penduduk.nama', 'Query.penduduk'];

describe('the access procedure', () => {
  let h: Harness;
  let store: GrantStore;

  beforeAll(async () => {
    h = await startHarness();
    store = createGrantStore(h.database, { pollIntervalMs: 0 });
  });
  afterAll(async () => {
    await store.close();
    await h.close();
  });

  it('request → approve → partial grant and decline → API key → grant set → revoke, each step on the trail', async () => {
    // The requester registers its application; it belongs to the requester's agency.
    const registered = await h.call(h.requester, 'POST', '/v1/clients', {
      name: 'SIPD Bappeda',
      contact: 'rina@bappeda.test',
    });
    expect(registered.status).toBe(201);
    const client = registered.body;
    expect(client).toMatchObject({ name: 'SIPD Bappeda', agency: { slug: 'bappeda' }, grantsVersion: 0 });

    // No key before any grant.
    const early = await h.call(h.requester, 'POST', `/v1/clients/${client.id}/credentials`, {
      label: 'produksi',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONFLICT');

    // The request: fields of Disdukcapil and of Dinkes, each attributed to its owner.
    const submitted = await h.call(h.requester, 'POST', '/v1/access-requests', {
      clientId: client.id,
      graph: GRAPH,
      coordinates: ASKED,
      purpose: 'Perencanaan pembangunan puskesmas per kecamatan',
      legalBasis: 'Perbup Pacitan 138/2023 Pasal 5',
      periodStart: daysFromNow(-1),
      periodEnd: daysFromNow(90),
      quotaPerDay: 5000,
    });
    expect(submitted.status).toBe(201);
    const request = submitted.body;
    expect(request.status).toBe('pending');
    const owners = Object.fromEntries(
      request.items.map((item: ItemJson) => [item.coordinate, `${item.agency.slug}/${item.subgraph}`]),
    );
    expect(owners).toEqual({
      'Query.penduduk': 'disdukcapil/dukcapil',
      'Penduduk.nama': 'disdukcapil/dukcapil',
      'Penduduk.kecamatan': 'disdukcapil/dukcapil',
      'Penduduk.tanggalLahir': 'disdukcapil/dukcapil',
      'Query.fasilitasKesehatan': 'dinkes/dinkes',
      'FasilitasKesehatan.nama': 'dinkes/dinkes',
    });

    // The requester sees it; the administrator finds it in the pending queue.
    const mine = await h.call(h.requester, 'GET', '/v1/access-requests');
    expect(mine.body.map((r: RequestJson) => r.id)).toEqual([request.id]);
    const queue = await h.call(h.admin, 'GET', '/v1/access-requests?status=pending');
    expect(queue.status).toBe(200);
    expect(queue.body.map((r: RequestJson) => r.id)).toContain(request.id);

    // The administrator approves, with a reason.
    const approved = await h.call(h.admin, 'POST', `/v1/access-requests/${request.id}/approve`, {
      reason: 'Tujuan sesuai RPJMD; dasar hukum memadai',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.approval).toMatchObject({
      decision: 'approved',
      reason: 'Tujuan sesuai RPJMD; dasar hukum memadai',
    });

    // Each publisher finds the request in its queue, showing only its agency's part.
    const queueA = await h.call(h.publisherA, 'GET', '/v1/access-requests?awaiting=true');
    expect(queueA.body).toHaveLength(1);
    expect(queueA.body[0].items.map((item: ItemJson) => item.coordinate).sort()).toEqual(
      [...GRANTED_BY_A, 'Penduduk.tanggalLahir'].sort(),
    );
    const queueB = await h.call(h.publisherB, 'GET', '/v1/access-requests?awaiting=true');
    expect(queueB.body[0].items.map((item: ItemJson) => item.coordinate).sort()).toEqual([
      'FasilitasKesehatan.nama',
      'Query.fasilitasKesehatan',
    ]);

    // Disdukcapil grants three of its four fields (the date of birth is declined with them).
    const grantedA = await h.call(h.publisherA, 'POST', `/v1/access-requests/${request.id}/grant`, {
      coordinates: GRANTED_BY_A,
      reason: 'Tanggal lahir tidak diperlukan untuk perencanaan',
    });
    expect(grantedA.status).toBe(200);
    const statusA = Object.fromEntries(
      grantedA.body.items.map((item: ItemJson) => [item.coordinate, item.status]),
    );
    expect(statusA).toEqual({
      'Penduduk.kecamatan': 'granted',
      'Penduduk.nama': 'granted',
      'Penduduk.tanggalLahir': 'declined',
      'Query.penduduk': 'granted',
    });
    expect(grantedA.body.grants).toHaveLength(3);
    expect((await h.call(h.publisherA, 'GET', '/v1/access-requests?awaiting=true')).body).toEqual([]);

    // Dinkes declines its part.
    const declinedB = await h.call(h.publisherB, 'POST', `/v1/access-requests/${request.id}/decline`, {
      reason: 'Data fasilitas sedang dimutakhirkan',
    });
    expect(declinedB.status).toBe(200);
    expect(declinedB.body.items.every((item: ItemJson) => item.status === 'declined')).toBe(true);
    expect(declinedB.body.grants).toEqual([]);

    // Access exists for exactly the approved and granted fields.
    const rows = await h.database.db
      .select()
      .from(grants)
      .where(eq(grants.requestId, request.id))
      .orderBy(asc(grants.coordinate));
    expect(rows.map((row) => row.coordinate)).toEqual(GRANTED_BY_A);
    expect(
      rows.every(
        (row) =>
          row.agencyId === h.agencies.dukcapil && row.clientId === client.id && row.quotaPerDay === 5000,
      ),
    ).toBe(true);

    // The requester reads the outcome and every reason.
    const seen = (await h.call(h.requester, 'GET', `/v1/access-requests/${request.id}`)).body;
    expect(seen.approval.reason).toBe('Tujuan sesuai RPJMD; dasar hukum memadai');
    expect(seen.agencyDecisions.map((d: DecisionJson) => [d.agency.slug, d.decision, d.reason])).toEqual([
      ['disdukcapil', 'granted', 'Tanggal lahir tidak diperlukan untuk perencanaan'],
      ['dinkes', 'declined', 'Data fasilitas sedang dimutakhirkan'],
    ]);
    expect(seen.grants.map((g: GrantJson) => g.state)).toEqual(['active', 'active', 'active']);
    const afterGrant = (await h.call(h.requester, 'GET', `/v1/clients/${client.id}`)).body;
    expect(afterGrant.grantsVersion).toBe(1);

    // An API key, shown once; a listing never shows it again.
    const issued = await h.call(h.requester, 'POST', `/v1/clients/${client.id}/credentials`, {
      label: 'produksi',
    });
    expect(issued.status).toBe(201);
    const apiKey: string = issued.body.apiKey;
    expect(apiKey).toMatch(/^phk_[0-9a-f]{8}_[A-Za-z0-9_-]{43,}$/);
    expect(apiKey.split('_')[1]).toBe(issued.body.credential.prefix);
    const second = await h.call(h.requester, 'POST', `/v1/clients/${client.id}/credentials`, {
      label: 'cadangan',
    });
    expect(second.status).toBe(201);
    const listed = await h.call(h.requester, 'GET', `/v1/clients/${client.id}/credentials`);
    expect(listed.body.map((c: CredentialJson) => c.label)).toEqual(['produksi', 'cadangan']);
    const listedText = JSON.stringify(listed.body);
    expect(listedText).not.toContain(apiKey.split('_').slice(2).join('_'));
    expect(listed.body.every((c: CredentialJson) => !('apiKey' in c) && !('secretHash' in c))).toBe(true);

    // The gateway's side: the key authenticates, the grant set is the granted fields.
    const who = await store.authenticate(apiKey);
    expect(who).toEqual({
      clientId: client.id,
      clientName: 'SIPD Bappeda',
      credentialId: issued.body.credential.id,
    });
    const before = await store.grantSet(client.id, GRAPH);
    expect([...before.coordinates].sort()).toEqual(GRANTED_BY_A);
    expect(before.quotaPerDay).toBe(5000);
    expect(before.version.startsWith(`${client.id}:1:${GRAPH}:`)).toBe(true);
    expect((await store.grantSet(client.id, 'graf-lain')).coordinates.size).toBe(0);

    // Revocation by the owning publisher: once announced, the next lookup no longer has the field.
    const changes: string[] = [];
    const stop = await store.subscribe((clientId) => changes.push(clientId));
    const namaGrant = rows.find((row) => row.coordinate === 'Penduduk.nama');
    const revoked = await h.call(h.publisherA, 'POST', `/v1/grants/${namaGrant?.id}/revoke`, {
      reason: 'Aplikasi menampilkan nama di dasbor publik',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      state: 'revoked',
      revokeReason: 'Aplikasi menampilkan nama di dasbor publik',
    });
    // The gateway hears of it (the store keeps the key's lookup for up to a second otherwise).
    await expect.poll(() => changes, { timeout: 30_000 }).toContain(client.id);
    expect(await store.authenticate(apiKey)).toMatchObject({ clientId: client.id });
    const after = await store.grantSet(client.id, GRAPH);
    expect([...after.coordinates].sort()).toEqual(['Penduduk.kecamatan', 'Query.penduduk']);
    expect(after.version).not.toBe(before.version);
    await stop();

    // The trail tells the story in order, with actors and reasons.
    const trail = await h.database.db
      .select()
      .from(adminTrail)
      .where(
        inArray(adminTrail.action, [
          'client.registered',
          'access_request.submitted',
          'access_request.approved',
          'grant.granted',
          'grant.declined',
          'credential.issued',
          'grant.revoked',
        ]),
      )
      .orderBy(asc(adminTrail.seq));
    expect(trail.map((row) => [row.action, row.actorName, row.reason])).toEqual([
      ['client.registered', 'Rina Pemohon', ''],
      ['access_request.submitted', 'Rina Pemohon', 'Perencanaan pembangunan puskesmas per kecamatan'],
      ['access_request.approved', 'Admin Kominfo', 'Tujuan sesuai RPJMD; dasar hukum memadai'],
      ['grant.granted', 'Ani Dukcapil', 'Tanggal lahir tidak diperlukan untuk perencanaan'],
      ['grant.declined', 'Bayu Dinkes', 'Data fasilitas sedang dimutakhirkan'],
      ['credential.issued', 'Rina Pemohon', ''],
      ['credential.issued', 'Rina Pemohon', ''],
      ['grant.revoked', 'Ani Dukcapil', 'Aplikasi menampilkan nama di dasbor publik'],
    ]);
    const approval = trail.find((row) => row.action === 'access_request.approved');
    expect(approval?.before).toEqual({ status: 'pending' });
    expect(approval?.after).toMatchObject({ status: 'approved' });
    const grantStep = trail.find((row) => row.action === 'grant.granted');
    expect(grantStep?.agencyId).toBe(h.agencies.dukcapil);
    expect(grantStep?.after).toMatchObject({ declined: ['Penduduk.tanggalLahir'], grantsVersion: 1 });
    expect(JSON.stringify(trail)).not.toContain(apiKey);
  });
});
