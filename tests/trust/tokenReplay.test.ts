/**
 * The first move of a dishonest agency, performed as described: Dinkes points its routing URL at a
 * proxy it controls (here with the administrator's leave: the agency runs that host), captures the
 * gateway's token from a normal request, and replays it. The token names Dinkes as its audience and
 * lists only the fields of that one fetch, so every other subgraph refuses it, Dinkes refuses fields
 * and entity types outside it, and it dies within seconds. A token signed by another installation's
 * gateway is refused too. Over the real bus: gateway, registry, subgraphs, REST backends.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayTokenSigner } from '../../lib/gatewayToken.ts';
import { generateGatewayKeyPair } from '../support/gatewayKeys.ts';
import { DEMO_QUERY } from '../../scripts/demoSeed.ts';
import { demoAgencies, readDemoSchema } from '../../subgraphs/index.ts';
import { startTestBus, type TestBus } from '../support/bus.ts';
import { postGraphQL } from '../support/graphql.ts';

const TTL_SECONDS = 2;

/** A pass-through proxy in front of a subgraph that keeps every Authorization header it sees. */
async function startCapturingProxy(target: string): Promise<{ url: string; tokens: string[]; close(): Promise<void> }> {
  const tokens: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = request.headers as IncomingHttpHeaders;
      if (typeof headers.authorization === 'string') tokens.push(headers.authorization.replace(/^Bearer /, ''));
      void fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      }).then(async (upstream) => {
        response.writeHead(upstream.status, { 'content-type': 'application/json' });
        response.end(await upstream.text());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, tokens, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('a gateway token captured at one subgraph opens nothing else', () => {
  let bus: TestBus;
  let proxy: Awaited<ReturnType<typeof startCapturingProxy>>;
  let captured: string;
  let capturedAt: number;
  let disdukcapilUrl: string;
  let dinkesUrl: string;
  let nik: string;
  const post = (url: string, query: string, token: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(url, query, { variables, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    bus = await startTestBus('penghubung-replay-', { PENGHUBUNG_GATEWAY_TOKEN_TTL_SECONDS: String(TTL_SECONDS) });
    const demo = bus.system.demo!;
    nik = demo.sampleNik;
    disdukcapilUrl = bus.system.agencies!.bySlug.disdukcapil!.subgraphUrl;
    dinkesUrl = bus.system.agencies!.bySlug.dinkes!.subgraphUrl;
    proxy = await startCapturingProxy(dinkesUrl);
    const hosts = await bus.call(demo.adminToken, 'PUT', '/v1/admin/agencies/dinkes/routing-hosts', {
      allowed: [new URL(dinkesUrl).host, new URL(proxy.url).host],
    });
    expect(hosts.status).toBe(200);
    const moved = await bus.call(demo.publisherTokens.dinkes!, 'POST', '/v1/subgraphs/publish', {
      name: 'dinkes',
      theme: 'kesehatan',
      routingUrl: proxy.url,
      schema: readDemoSchema(demoAgencies.find((agency) => agency.slug === 'dinkes')!),
    });
    expect(moved.status).toBe(201);
    // A normal request of the demo application: its Dinkes fetch goes through the proxy.
    for (let attempt = 0; attempt < 50 && proxy.tokens.length === 0; attempt++) {
      const answer = await postGraphQL(bus.gatewayUrl, DEMO_QUERY, {
        variables: { nik },
        headers: { authorization: `Bearer ${demo.apiKey}` },
      });
      expect(answer.body.errors).toBeUndefined();
      if (proxy.tokens.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    captured = proxy.tokens[0]!;
    capturedAt = Date.now();
    expect(captured).toBeTruthy();
  });
  afterAll(async () => {
    await proxy?.close();
    await bus?.close();
  });

  it('the captured token names Dinkes and only the fields of its fetch, and lives seconds', () => {
    const payload = JSON.parse(Buffer.from(captured.split('.')[1]!, 'base64url').toString()) as {
      aud: string;
      fields: string[];
      exp: number;
      iat: number;
    };
    expect(payload.aud).toBe('dinkes');
    expect(payload.exp - payload.iat).toBe(TTL_SECONDS);
    expect(payload.fields).toEqual(
      expect.arrayContaining(['Query._entities', 'Penduduk.jaminanKesehatan', 'JaminanKesehatan.status']),
    );
    expect(payload.fields.filter((field) => ['Penduduk.nama', 'Penduduk.alamat', 'Query.penduduk', 'IzinUsaha.nomor'].includes(field))).toEqual([]);
  });

  it('replayed to Disdukcapil: 401, the resident is not returned', async () => {
    const replay = await post(
      disdukcapilUrl,
      'query ($nik: String!) { penduduk(nik: $nik) { nik nama alamat { desa kecamatan } } }',
      captured,
      { nik },
    );
    expect(replay.status).toBe(401);
    expect(replay.body.data).toBeUndefined();
    expect(replay.body.errors?.[0]).toMatchObject({
      message: 'Klaim token gateway tidak sah',
      extensions: { code: 'UNAUTHENTICATED', details: { reason: 'claims', claim: 'aud' } },
    });
    const entities = await post(
      disdukcapilUrl,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Penduduk { nik nama golonganDarah } } }',
      captured,
      { r: [{ __typename: 'Penduduk', nik }] },
    );
    expect(entities.status).toBe(401);
    expect(entities.body.data).toBeUndefined();
  });

  it('replayed to Dinkes for _entities of a type the token does not name: refused', async () => {
    const replay = await post(
      dinkesUrl,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on FasilitasKesehatan { nama } } }',
      captured,
      { r: [{ __typename: 'FasilitasKesehatan', kode: '3501015' }] },
    );
    expect(replay.body.data).toEqual({ _entities: [null] });
    expect(replay.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', coordinate: 'FasilitasKesehatan.__resolveReference' });
  });

  it('replayed to Dinkes for fields outside its list: refused field by field', async () => {
    const replay = await post(
      dinkesUrl,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Penduduk { jaminanKesehatan { status nomorKartu } } } }',
      captured,
      { r: [{ __typename: 'Penduduk', nik }] },
    );
    const forbidden = (replay.body.errors ?? []).map((error) => error.extensions?.['coordinate']);
    expect(forbidden).toEqual(['JaminanKesehatan.nomorKartu']);
    const entity = (replay.body.data as { _entities: { jaminanKesehatan: Record<string, unknown> | null }[] } | null)?._entities[0];
    expect(entity?.jaminanKesehatan?.['nomorKartu'] ?? null).toBeNull();
    const root = await post(dinkesUrl, '{ daftarFasilitasKesehatan { nama } }', captured);
    expect(root.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', coordinate: 'Query.daftarFasilitasKesehatan' });
  });

  it('a token signed by another installation’s gateway: 401', async () => {
    const foreign = createGatewayTokenSigner((await generateGatewayKeyPair()).privateKey).sign({
      audience: 'disdukcapil',
      requester: 'aplikasi-lain',
      graph: 'semua',
      requestId: 'r-1',
      fields: ['Query.penduduk', 'Penduduk.nama'],
    });
    const replay = await post(disdukcapilUrl, 'query ($nik: String!) { penduduk(nik: $nik) { nama } }', foreign, { nik });
    expect(replay.status).toBe(401);
    expect(replay.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'unknown-key' } });
  });

  it('the agencies’ REST backends answer only their subgraph: no credential, 401; the secret is a 0600 file of the data folder', async () => {
    const disdukcapil = bus.system.agencies!.bySlug.disdukcapil!;
    const direct = await fetch(`${disdukcapil.restUrl}/penduduk`);
    expect(direct.status).toBe(401);
    const body = (await direct.json()) as { code: string; message: string };
    expect(body.code).toBe('UNAUTHENTICATED');
    expect(body.message).toContain('hanya melayani subgraph-nya sendiri');
    const file = path.join(bus.dataDir, 'keys', 'rest-disdukcapil.secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secret = (await readFile(file, 'utf8')).trim();
    const withSecret = await fetch(`${disdukcapil.restUrl}/penduduk/${nik}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(withSecret.status).toBe(200);
  });

  it('replayed at Dinkes after it expired: 401', async () => {
    // Lifetime plus the subgraphs' clock tolerance (5 s), with a margin.
    const wait = capturedAt + (TTL_SECONDS + 6) * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const replay = await post(
      dinkesUrl,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Penduduk { jaminanKesehatan { status } } } }',
      captured,
      { r: [{ __typename: 'Penduduk', nik }] },
    );
    expect(replay.status).toBe(401);
    expect(replay.body.errors?.[0]).toMatchObject({ message: 'Token gateway sudah kedaluwarsa', extensions: { code: 'UNAUTHENTICATED' } });
  }, 30_000);
});
