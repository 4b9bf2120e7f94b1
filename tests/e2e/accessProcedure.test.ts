/**
 * The whole procedure of Perbup Pacitan 138/2023 Pasal 5 over HTTP, against the running bus (real
 * registry, gateway, subgraphs and REST backends), with four distinct identities: a requester, the
 * administrator, and the publishers of Disdukcapil and DPMPTSP.
 */
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, adminTrail } from '../../drizzle/schema/index.ts';
import { loadOrCreateOperatorKey } from '../../lib/ledger/index.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import type { RunningSystem } from '../../scripts/system.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

const ALLOWED = 'query Boleh($nik: String!) { penduduk(nik: $nik) { nama izinUsaha { nomor } } }';
const WITH_DENIED = 'query Terlarang($nik: String!) { penduduk(nik: $nik) { nama tanggalLahir } }';

describe('access procedure: request → approval → partial grant → enforcement → revocation', () => {
  let system: RunningSystem;
  let dataDir: string;
  let gatewayUrl: string;
  let nik: string;
  let admin: string;
  let publisherDisdukcapil: string;
  let publisherDpmptsp: string;
  let requester: string;
  let apiKey: string;
  let requestId: string;
  let clientId: string;

  let bus: TestBus;
  let call: TestBus['call'];

  beforeAll(async () => {
    bus = await startTestBus('penghubung-e2e-');
    ({ system, dataDir, gatewayUrl } = bus);
    call = bus.call.bind(bus);
    admin = system.demo!.adminToken;
    publisherDisdukcapil = system.demo!.publisherTokens.disdukcapil!;
    publisherDpmptsp = system.demo!.publisherTokens.dpmptsp!;
    nik = system.demo!.sampleNik;
    const created = await call<{ token: { token: string } }>(admin, 'POST', '/v1/admin/users', {
      name: 'Pengembang Aplikasi Kecamatan',
      email: 'dev@kecamatan-pacitan.test',
      role: 'requester',
      organization: 'Kecamatan Pacitan',
    });
    expect(created.status).toBe(201);
    requester = created.body.token.token;
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('runs the procedure end to end, enforces exactly what was granted, and records every step', async () => {
    // 1. The requester registers its application and asks for six fields of two agencies.
    const client = await call<{ id: string }>(requester, 'POST', '/v1/clients', {
      name: 'Aplikasi Layanan Kecamatan',
      organization: 'Kecamatan Pacitan',
      contact: 'dev@kecamatan-pacitan.test',
    });
    expect(client.status).toBe(201);
    clientId = client.body.id;
    const now = Date.now();
    const request = await call<{ id: string; status: string }>(requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: 'semua',
      coordinates: ['Query.penduduk', 'Penduduk.nama', 'Penduduk.tanggalLahir', 'Penduduk.izinUsaha', 'IzinUsaha.nomor', 'IzinUsaha.modalUsaha'],
      purpose: 'Verifikasi pemohon surat keterangan usaha di kecamatan',
      legalBasis: 'Perbup Pacitan 138/2023',
      periodStart: new Date(now - 60_000).toISOString(),
      periodEnd: new Date(now + 30 * 86_400_000).toISOString(),
    });
    expect(request.status).toBe(201);
    expect(request.body.status).toBe('pending');
    requestId = request.body.id;

    // A publisher may not approve; a requester may not grant.
    expect((await call(publisherDisdukcapil, 'POST', `/v1/access-requests/${requestId}/approve`, { reason: 'x' })).status).toBe(403);
    expect((await call(requester, 'POST', `/v1/access-requests/${requestId}/grant`, { reason: 'x' })).status).toBe(403);
    // Granting before approval is refused.
    expect((await call(publisherDisdukcapil, 'POST', `/v1/access-requests/${requestId}/grant`, { reason: 'terlalu dini' })).status).toBe(409);

    // 2. The administrator approves.
    expect((await call(admin, 'POST', `/v1/access-requests/${requestId}/approve`, { reason: 'Dasar hukum dan tujuan sesuai' })).status).toBe(200);

    // 3. Each publisher grants part of its own share; neither may grant the other's fields.
    expect(
      (await call(publisherDisdukcapil, 'POST', `/v1/access-requests/${requestId}/grant`, { coordinates: ['IzinUsaha.nomor'], reason: 'bukan milik kami' })).status,
    ).toBe(403);
    expect(
      (await call(publisherDisdukcapil, 'POST', `/v1/access-requests/${requestId}/grant`, {
        coordinates: ['Query.penduduk', 'Penduduk.nama'],
        reason: 'Tanggal lahir tidak diperlukan untuk verifikasi',
      })).status,
    ).toBe(200);
    expect(
      (await call(publisherDpmptsp, 'POST', `/v1/access-requests/${requestId}/grant`, {
        coordinates: ['Penduduk.izinUsaha', 'IzinUsaha.nomor'],
        reason: 'Modal usaha bersifat terbatas',
      })).status,
    ).toBe(200);

    // 4. With a grant active, the requester creates an API key, shown once.
    const credential = await call<{ apiKey: string }>(requester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'produksi' });
    expect(credential.status).toBe(201);
    apiKey = credential.body.apiKey;
    const listed = await call<unknown[]>(requester, 'GET', `/v1/clients/${clientId}/credentials`);
    expect(JSON.stringify(listed.body)).not.toContain(apiKey);

    const headers = { authorization: `Bearer ${apiKey}` };
    const population = system.agencies!.bySlug.disdukcapil!.rest;

    // 5. Granted fields return data, joined across the two agencies.
    const allowed = await postGraphQL<{ penduduk: { nama: string; izinUsaha: { nomor: string }[] } }>(gatewayUrl, ALLOWED, {
      variables: { nik },
      headers,
    });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data!.penduduk.nama).toMatch(/\w+/);
    expect(allowed.body.data!.penduduk.izinUsaha.length).toBeGreaterThan(0);

    // 6. A field that was asked for but declined is refused, and no agency API is called.
    population.resetCalls();
    const denied = await postGraphQL(gatewayUrl, WITH_DENIED, { variables: { nik }, headers });
    expect(denied.status).toBe(403);
    expect(denied.body.data ?? null).toBeNull();
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_FIELD');
    expect(denied.body.errors?.[0]?.extensions?.deniedCoordinates).toEqual(['Penduduk.tanggalLahir']);
    expect(population.calls()).toBe(0);

    // An alias does not hide a denied field either.
    const aliased = await postGraphQL(gatewayUrl, '{ penduduk(nik: "x") { nama lahir: tanggalLahir } }', { headers });
    expect(aliased.body.errors?.[0]?.extensions?.deniedCoordinates).toEqual(['Penduduk.tanggalLahir']);
    expect(population.calls()).toBe(0);

    // The grants are for the graph `semua`: the same key on another graph opens nothing there.
    const otherGraph = await postGraphQL(`${gatewayUrl}/kependudukan`, ALLOWED.replace(' izinUsaha { nomor }', ''), {
      variables: { nik },
      headers,
    });
    expect(otherGraph.status).toBe(403);
    expect(otherGraph.body.errors?.[0]?.extensions?.deniedCoordinates).toEqual(['Penduduk.nama', 'Query.penduduk']);
    expect(population.calls()).toBe(0);

    // Introspection shows this requester only what it may query, so tools autocomplete what works.
    const introspection = await postGraphQL<{ __type: { fields: { name: string }[] } | null; __schema: { queryType: { fields: { name: string }[] } } }>(
      gatewayUrl,
      '{ __type(name: "Penduduk") { fields { name } } __schema { queryType { fields { name } } } }',
      { headers },
    );
    expect(introspection.body.data!.__type!.fields.map((field) => field.name).sort()).toEqual(['izinUsaha', 'nama']);
    expect(introspection.body.data!.__schema.queryType.fields.map((field) => field.name)).toEqual(['penduduk']);

    // Opting in per request, the denied field is left out and the rest is answered, with an error
    // naming what was dropped; the denied field is still never fetched.
    const dropped = await postGraphQL<{ penduduk: Record<string, unknown> }>(gatewayUrl, WITH_DENIED, {
      variables: { nik },
      headers: { ...headers, 'x-penghubung-denied-fields': 'drop' },
    });
    expect(dropped.status).toBe(200);
    expect(Object.keys(dropped.body.data!.penduduk)).toEqual(['nama']);
    expect(dropped.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_FIELD');
    expect(dropped.body.errors?.[0]?.extensions?.deniedCoordinates).toEqual(['Penduduk.tanggalLahir']);

    // 7. DPMPTSP revokes its grant on IzinUsaha.nomor; the gateway refuses the field as soon as it
    // hears of it (the notification; at the latest its one-second reuse of a key's lookup).
    const grants = await call<{ id: string; coordinate: string }[]>(publisherDpmptsp, 'GET', `/v1/grants?clientId=${clientId}`);
    const permitNumber = grants.body.find((grant) => grant.coordinate === 'IzinUsaha.nomor');
    expect(permitNumber).toBeDefined();
    expect((await call(publisherDisdukcapil, 'POST', `/v1/grants/${permitNumber!.id}/revoke`, { reason: 'bukan milik kami' })).status).toBe(403);
    expect((await call(publisherDpmptsp, 'POST', `/v1/grants/${permitNumber!.id}/revoke`, { reason: 'Masa uji coba selesai' })).status).toBe(200);
    const afterRevocation: number[] = [];
    const refusedBy = Date.now() + 2_000;
    let afterRevoke: Awaited<ReturnType<typeof postGraphQL>>;
    do {
      afterRevoke = await postGraphQL(gatewayUrl, ALLOWED, { variables: { nik }, headers });
      afterRevocation.push(afterRevoke.status);
    } while (afterRevoke.status !== 403 && Date.now() < refusedBy);
    expect(afterRevoke.status).toBe(403);
    expect(afterRevoke.body.errors?.[0]?.extensions?.deniedCoordinates).toEqual(['IzinUsaha.nomor']);

    // 8. The administrative trail shows every step, in order, with its actor and reason.
    // (The demo seed's own procedure comes before this client's registration.)
    const trail = await system.database.db.select().from(adminTrail).orderBy(asc(adminTrail.seq));
    const first = trail.findIndex((row) => row.action === 'client.registered' && row.subjectId === clientId);
    const ours = trail.slice(first).map((row) => `${row.action}:${row.actorRole}`);
    expect(ours).toEqual([
      'client.registered:requester',
      'access_request.submitted:requester',
      'access_request.approved:administrator',
      'grant.granted:publisher',
      'grant.granted:publisher',
      'credential.issued:requester',
      'grant.revoked:publisher',
    ]);
    const revocation = trail.find((row) => row.action === 'grant.revoked');
    expect(revocation?.reason).toBe('Masa uji coba selesai');

    // 9. Every gateway request of this client left one access-log row, with its decision, and both
    // hash chains verify against the operator's key.
    const rows = await system.database.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.clientId, clientId))
      .orderBy(asc(accessLog.seq));
    const revocationOutcomes = afterRevocation.map((status) => (status === 403 ? 'denied' : 'ok'));
    expect(rows.map((row) => row.outcome)).toEqual(['ok', 'denied', 'denied', 'denied', 'ok', 'partial', ...revocationOutcomes]);
    expect(rows[1]!.deniedCoordinates).toEqual(['Penduduk.tanggalLahir']);
    expect(rows[1]!.subgraphNames).toEqual([]);
    expect(rows[0]!.subgraphNames.sort()).toEqual(['disdukcapil', 'dpmptsp']);
    expect(JSON.stringify(rows[0]!.variables)).not.toContain(nik);
    const operatorKey = loadOrCreateOperatorKey(path.join(dataDir, 'keys'));
    for (const chain of ['access', 'trail'] as const) {
      const verification = await verifyLedger(system.database, operatorKey.publicKey, { chain });
      expect(verification.ok, JSON.stringify(verification.firstProblem)).toBe(true);
    }
  });

  it('answers 401 for a missing, unknown or revoked key', async () => {
    expect((await postGraphQL(gatewayUrl, ALLOWED, { variables: { nik } })).status).toBe(401);
    expect((await postGraphQL(gatewayUrl, ALLOWED, { variables: { nik }, headers: { authorization: 'Bearer phk_00000000_salah' } })).status).toBe(401);
    const keys = await call<{ id: string }[]>(requester, 'GET', `/v1/clients/${clientId}/credentials`);
    const keyId = keys.body[0]!.id;
    expect((await call(requester, 'POST', `/v1/clients/${clientId}/credentials/${keyId}/revoke`, { reason: 'kunci bocor' })).status).toBe(200);
    // Refused as soon as the gateway hears of it (within 2 s: tests/access/revocationWhileSending.test.ts).
    await expect
      .poll(async () => (await postGraphQL(gatewayUrl, ALLOWED, { variables: { nik }, headers: { authorization: `Bearer ${apiKey}` } })).status, { timeout: 2_000, interval: 50 })
      .toBe(401);
    const revoked = await postGraphQL(gatewayUrl, ALLOWED, { variables: { nik }, headers: { authorization: `Bearer ${apiKey}` } });
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
