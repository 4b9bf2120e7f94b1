/**
 * No schema leaks, over the running bus with the demo requester's key (granted residents' names,
 * addresses, permits and health cover, nothing of BKPSDM and not `Penduduk.golonganDarah`): errors
 * suggest no hidden field, name no argument of a field, introspection mixed with data fields is
 * answered from the requester's filtered schema, and the registry shows routing URLs only to those
 * who run or own the subgraphs.
 */
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

describe('no schema leaks', () => {
  let bus: TestBus;
  let apiKey: string;
  let nik: string;

  beforeAll(async () => {
    bus = await startTestBus('penghubung-bocor-');
    apiKey = bus.system.demo!.apiKey;
    nik = bus.system.demo!.sampleNik;
  }, 120_000);

  afterAll(async () => {
    await bus?.close();
  });

  const ask = (query: string, variables?: Record<string, unknown>) =>
    postGraphQL(bus.gatewayUrl, query, { headers: { authorization: `Bearer ${apiKey}` }, ...(variables ? { variables } : {}) });

  it('suggests no field for a mistyped hidden field', async () => {
    const { body } = await ask(`{ penduduk(nik: "${nik}") { golonganDara } }`);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toContain('golonganDarah');
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
  });

  it('suggests no root field of another agency', async () => {
    const { body } = await ask('{ pegawa(nip: "1") { nama } }');
    expect(JSON.stringify(body)).not.toMatch(/pegawai|Did you mean/);
  });

  it('names neither the argument nor its type of a field that is not granted', async () => {
    const { body } = await ask('{ pegawai { nama } }');
    expect(body.errors?.length).toBeGreaterThan(0);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/"nip"|\\"nip\\"|String!/);
  });

  it('answers introspection mixed with data fields from the filtered schema', async () => {
    const { status, body } = await ask(
      'query Campur($nik: String!) { penduduk(nik: $nik) { nama } __type(name: "Penduduk") { fields { name } } __schema { types { name } } }',
      { nik },
    );
    expect(status, JSON.stringify(body)).toBe(200);
    const data = body.data as { penduduk: { nama: string }; __type: { fields: { name: string }[] }; __schema: { types: { name: string }[] } };
    expect(data.penduduk.nama).toBeTruthy();
    const fields = data.__type.fields.map((field) => field.name);
    expect(fields).toContain('nama');
    expect(fields).not.toContain('golonganDarah');
    const types = data.__schema.types.map((type) => type.name);
    expect(types).toContain('Penduduk');
    expect(types).not.toContain('Pegawai');
  });

  it('answers introspection in a fragment at the root, beside data, from the filtered schema', async () => {
    const { body } = await ask(
      'query Campur($nik: String!) { penduduk(nik: $nik) { nama } ...Skema } fragment Skema on Query { __type(name: "Penduduk") { fields { name } } }',
      { nik },
    );
    const fields = (body.data as { __type: { fields: { name: string }[] } }).__type.fields.map((field) => field.name);
    expect(fields).not.toContain('golonganDarah');
  });

  it('shows the supergraph to a requester without the subgraphs\u2019 routing URLs, and to the administrator with them', async () => {
    const demo = bus.system.demo!;
    const asRequester = await fetch(`${bus.registryUrl}/v1/graphs/semua/supergraph`, { headers: { authorization: `Bearer ${demo.requesterToken}` } });
    expect(asRequester.status).toBe(200);
    const hidden = await asRequester.text();
    expect(hidden).toMatch(/@join__graph\(name: "disdukcapil", url: ""\)/);
    expect(hidden).not.toMatch(/127\.0\.0\.1/);
    const asAdmin = await fetch(`${bus.registryUrl}/v1/graphs/semua/supergraph`, { headers: { authorization: `Bearer ${demo.adminToken}` } });
    expect(await asAdmin.text()).toMatch(/@join__graph\(name: "disdukcapil", url: "http:\/\/127\.0\.0\.1:\d+\/graphql"\)/);
  });

  it('shows a subgraph\u2019s versions to a requester without routing URLs, and to its publisher with them', async () => {
    const demo = bus.system.demo!;
    const asRequester = await bus.call<{ subgraph: { routingUrl: string }; versions: { routingUrl: string }[] }>(demo.requesterToken, 'GET', '/v1/subgraphs/disdukcapil/versions');
    expect(asRequester.status).toBe(200);
    expect(asRequester.body.subgraph.routingUrl).toBe('');
    expect(asRequester.body.versions.every((version) => version.routingUrl === '')).toBe(true);
    const single = await bus.call<{ routingUrl: string }>(demo.requesterToken, 'GET', '/v1/subgraphs/disdukcapil/versions/1');
    expect(single.body.routingUrl).toBe('');
    const asPublisher = await bus.call<{ subgraph: { routingUrl: string } }>(demo.publisherTokens['disdukcapil']!, 'GET', '/v1/subgraphs/disdukcapil/versions');
    expect(asPublisher.body.subgraph.routingUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });
});
