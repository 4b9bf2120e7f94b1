/**
 * A daily quota set in the access request is enforced by the gateway: over the running bus (real
 * registry, gateway, subgraphs and REST backends), a client granted 3 requests a day gets 3 answers
 * and then 429 QUOTA_EXCEEDED, with no agency called, every request logged, and other clients
 * unaffected.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../drizzle/schema/index.ts';
import { rollUpAll } from '../../registry/log/rollup.ts';
import type { RunningSystem } from '../../scripts/system.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import type { TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql.ts';

const QUERY = 'query Nama($nik: String!) { penduduk(nik: $nik) { nama } }';
const QUOTA = 3;

describe('daily quota', () => {
  let bus: TestBus;
  let system: RunningSystem;
  let database: TestDatabase;
  let gatewayUrl: string;
  let nik: string;
  let apiKey: string;
  let clientId: string;

  beforeAll(async () => {
    bus = await startTestBus('penghubung-kuota-');
    ({ system, database, gatewayUrl } = bus);
    const call = bus.call.bind(bus);
    nik = system.demo!.sampleNik;
    const admin = system.demo!.adminToken;
    const publisher = system.demo!.publisherTokens.disdukcapil!;
    const requester = (
      await call<{ token: { token: string } }>(admin, 'POST', '/v1/admin/users', {
        name: 'Pengembang Aplikasi Desa',
        email: 'dev@desa-kuota.test',
        role: 'requester',
        organization: 'Desa Sukoharjo',
      })
    ).body.token.token;
    clientId = (await call<{ id: string }>(requester, 'POST', '/v1/clients', { name: 'Sistem Informasi Desa', organization: 'Desa Sukoharjo', contact: 'dev@desa-kuota.test' })).body.id;
    const request = await call<{ id: string }>(requester, 'POST', '/v1/access-requests', {
      clientId,
      graph: 'semua',
      coordinates: ['Query.penduduk', 'Penduduk.nama'],
      purpose: 'Verifikasi nama warga untuk surat pengantar desa',
      legalBasis: 'Perbup Pacitan 138/2023',
      periodStart: new Date(Date.now() - 60_000).toISOString(),
      periodEnd: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      quotaPerDay: QUOTA,
    });
    expect(request.status).toBe(201);
    expect((await call(admin, 'POST', `/v1/access-requests/${request.body.id}/approve`, { reason: 'Sesuai' })).status).toBe(200);
    expect((await call(publisher, 'POST', `/v1/access-requests/${request.body.id}/grant`, { reason: 'Diberikan' })).status).toBe(200);
    const issued = await call<{ apiKey: string }>(requester, 'POST', `/v1/clients/${clientId}/credentials`, { label: 'produksi' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    apiKey = issued.body.apiKey;
  });

  afterAll(async () => {
    await bus?.close();
  });

  it(`answers ${QUOTA} requests, then 429 QUOTA_EXCEEDED without calling the agency, and logs each`, async () => {
    const ask = () => postGraphQL<{ penduduk: { nama: string } | null }>(gatewayUrl, QUERY, { variables: { nik }, headers: { authorization: `Bearer ${apiKey}` } });
    for (let i = 0; i < QUOTA; i += 1) {
      const { status, body } = await ask();
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.data?.penduduk?.nama).toBeTruthy();
    }
    // Rolled up or not, the requests of the day count the same.
    await rollUpAll(database.handle);
    const { status, body } = await ask();
    expect(status).toBe(429);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Kuota harian aplikasi ini pada graph "semua" \(3 permintaan per hari\) sudah habis/),
      extensions: { code: 'QUOTA_EXCEEDED', details: { quotaPerDay: QUOTA, used: QUOTA } },
    });

    // The demo's own client has no quota and is unaffected.
    const demo = await postGraphQL(gatewayUrl, QUERY, { variables: { nik }, headers: { authorization: `Bearer ${system.demo!.apiKey}` } });
    expect(demo.status).toBe(200);

    const rows = await database.handle.db
      .select({ outcome: accessLog.outcome, errorCode: accessLog.errorCode, subgraphNames: accessLog.subgraphNames })
      .from(accessLog)
      .where(eq(accessLog.clientId, clientId))
      .orderBy(asc(accessLog.seq));
    expect(rows).toHaveLength(QUOTA + 1);
    expect(rows.slice(0, QUOTA).every((row) => row.errorCode === null && row.subgraphNames.length > 0)).toBe(true);
    expect(rows[QUOTA]).toMatchObject({ outcome: 'denied', errorCode: 'QUOTA_EXCEEDED', subgraphNames: [] });
  });
});
