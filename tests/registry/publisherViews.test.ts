/**
 * What a publisher's console reads besides the access workflow: the agency's subgraphs
 * (GET /v1/subgraphs) and who uses its fields (GET /v1/field-usage), over the running demo bus whose
 * requester holds grants on fields of several agencies and calls the real gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_QUERY } from '../../scripts/demoSeed.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

interface SubgraphRow {
  name: string;
  agency: string;
  routingUrl: string;
  latestVersion: number | null;
  publishedAt: string | null;
  retiredAt: string | null;
}

interface UsageBody {
  agency: { slug: string };
  from: string;
  to: string;
  fields: { coordinate: string; classification: string; personalData: boolean }[];
  usage: { coordinate: string; graph: string; clientId: string | null; client: string | null; requests: number; refusals: number; lastAccessAt: string | null; lastRefusalAt: string | null }[];
  code?: string;
}

let bus: TestBus;
let admin: string;
let disdukcapil: string;
let dinkes: string;
let requester: string;
let evaluator: string;
let clientId: string;

beforeAll(async () => {
  bus = await startTestBus('penghubung-publisher-views-');
  const demo = bus.system.demo!;
  admin = demo.adminToken;
  disdukcapil = demo.publisherTokens.disdukcapil!;
  dinkes = demo.publisherTokens.dinkes!;
  requester = demo.requesterToken;
  evaluator = demo.evaluatorToken;
  clientId = demo.clientId;
  const headers = { authorization: `Bearer ${demo.apiKey}` };
  const allowed = await postGraphQL(bus.gatewayUrl, DEMO_QUERY, { variables: { nik: demo.sampleNik }, headers });
  expect(allowed.status).toBe(200);
  expect(allowed.body.errors).toBeUndefined();
  const refused = await postGraphQL(bus.gatewayUrl, 'query Darah($nik: String!) { penduduk(nik: $nik) { nama golonganDarah } }', {
    variables: { nik: demo.sampleNik },
    headers,
  });
  expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
});

afterAll(async () => {
  await bus?.close();
});

describe('GET /v1/subgraphs', () => {
  it("lists one agency's subgraphs with their newest version; the routing URL only to its own publisher", async () => {
    const own = await bus.call<{ subgraphs: SubgraphRow[] }>(disdukcapil, 'GET', '/v1/subgraphs?agency=disdukcapil');
    expect(own.status).toBe(200);
    expect(own.body.subgraphs.map((row) => row.name)).toEqual(['disdukcapil']);
    const [row] = own.body.subgraphs;
    expect(row!.agency).toBe('disdukcapil');
    expect(row!.latestVersion).toBe(1);
    expect(row!.retiredAt).toBeNull();
    expect(Date.parse(row!.publishedAt ?? '')).not.toBeNaN();
    expect(row!.routingUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);

    const other = await bus.call<{ subgraphs: SubgraphRow[] }>(dinkes, 'GET', '/v1/subgraphs?agency=disdukcapil');
    expect(other.body.subgraphs[0]!.routingUrl).toBe('');

    const all = await bus.call<{ subgraphs: SubgraphRow[] }>(requester, 'GET', '/v1/subgraphs');
    expect(all.body.subgraphs.map((subgraph) => subgraph.agency).sort()).toEqual(['bkpsdm', 'dinkes', 'disdukcapil', 'dpmptsp']);
    expect(all.body.subgraphs.every((subgraph) => subgraph.routingUrl === '')).toBe(true);
  });

  it('answers an unknown agency with an empty list and a malformed slug with 400', async () => {
    const unknown = await bus.call<{ subgraphs: SubgraphRow[] }>(admin, 'GET', '/v1/subgraphs?agency=tidak-ada');
    expect(unknown).toEqual({ status: 200, body: { subgraphs: [] } });
    const bad = await bus.call<{ code: string }>(admin, 'GET', '/v1/subgraphs?agency=Bukan%20Slug');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BAD_REQUEST');
  });
});

describe('GET /v1/field-usage', () => {
  it("shows a publisher who used and who was refused its agency's fields, and nothing of other agencies' fields", async () => {
    const usage = await bus.call<UsageBody>(disdukcapil, 'GET', '/v1/field-usage');
    expect(usage.status).toBe(200);
    expect(usage.body.agency.slug).toBe('disdukcapil');
    expect(Date.parse(usage.body.to) - Date.parse(usage.body.from)).toBe(30 * 86_400_000);
    const coordinates = usage.body.fields.map((field) => field.coordinate);
    expect(coordinates).toEqual(expect.arrayContaining(['Penduduk.nama', 'Penduduk.golonganDarah']));
    expect(coordinates).not.toContain('IzinUsaha.nomor');
    expect(usage.body.fields.find((field) => field.coordinate === 'Penduduk.golonganDarah')?.personalData).toBe(true);

    const nama = usage.body.usage.find((row) => row.coordinate === 'Penduduk.nama' && row.clientId === clientId);
    expect(nama).toMatchObject({ graph: 'semua', client: 'Dasbor Satu Data Pacitan', refusals: 0 });
    expect(nama!.requests).toBeGreaterThanOrEqual(1);
    expect(Date.parse(nama!.lastAccessAt ?? '')).not.toBeNaN();
    const darah = usage.body.usage.find((row) => row.coordinate === 'Penduduk.golonganDarah' && row.clientId === clientId);
    expect(darah).toMatchObject({ requests: 0, refusals: 1, lastAccessAt: null });
    expect(usage.body.usage.some((row) => row.coordinate.startsWith('IzinUsaha.'))).toBe(false);

    // Another agency sees its own fields' use, not Disdukcapil's.
    const other = await bus.call<UsageBody>(dinkes, 'GET', '/v1/field-usage');
    expect(other.body.usage.some((row) => row.coordinate === 'Penduduk.nama')).toBe(false);
    expect(other.body.usage.some((row) => row.coordinate === 'JaminanKesehatan.status' && row.requests >= 1)).toBe(true);
  });

  it('lets an administrator or evaluator name the agency, and a range in WIB dates', async () => {
    const forAdmin = await bus.call<UsageBody>(admin, 'GET', '/v1/field-usage?agency=disdukcapil');
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body.usage.some((row) => row.coordinate === 'Penduduk.nama')).toBe(true);
    const past = await bus.call<UsageBody>(evaluator, 'GET', '/v1/field-usage?agency=disdukcapil&from=2020-01-01&to=2020-01-31');
    expect(past.status).toBe(200);
    expect(past.body.from).toBe('2019-12-31T17:00:00.000Z');
    expect(past.body.to).toBe('2020-01-31T17:00:00.000Z');
    expect(past.body.usage).toEqual([]);
  });

  it('refuses other roles, other agencies, a missing or unknown agency and bad ranges', async () => {
    const cases: [string, string, number, string][] = [
      [requester, '/v1/field-usage', 403, 'FORBIDDEN'],
      [disdukcapil, '/v1/field-usage?agency=dinkes', 403, 'FORBIDDEN'],
      [admin, '/v1/field-usage', 400, 'BAD_REQUEST'],
      [admin, '/v1/field-usage?agency=tidak-ada', 404, 'NOT_FOUND'],
      [disdukcapil, '/v1/field-usage?from=kemarin', 400, 'BAD_REQUEST'],
      [disdukcapil, '/v1/field-usage?from=2026-03-01&to=2026-02-01', 400, 'BAD_REQUEST'],
      [disdukcapil, '/v1/field-usage?from=2020-01-01&to=2026-01-01', 400, 'BAD_REQUEST'],
      [disdukcapil, '/v1/field-usage?graph=semua', 400, 'BAD_REQUEST'],
    ];
    for (const [token, route, status, code] of cases) {
      const answer = await bus.call<{ code: string; message: string; messageEn: string }>(token, 'GET', route);
      expect(answer.status, route).toBe(status);
      expect(answer.body.code, route).toBe(code);
      expect(answer.body.message, route).not.toBe('');
    }
  });
});
