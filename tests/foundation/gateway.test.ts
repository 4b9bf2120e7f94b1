import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, type Gateway } from '../../gateway/buildGateway.ts';
import { createStaticSupergraphSource } from '../../lib/feed/supergraphSource.ts';
import { composeGraph } from '../../registry/checks/index.ts';
import { readDemoSchema, startDemoAgencies, type StartedDemoAgencies } from '../../subgraphs/index.ts';
import { postGraphQL } from '../support/graphql.ts';

const RESIDENT_WITH_PERMITS = /* GraphQL */ `
  query PendudukDenganIzin($nik: String!) {
    penduduk(nik: $nik) {
      nama
      alamat { kecamatan }
      izinUsaha { nomor namaUsaha }
      jaminanKesehatan { nomorKartu }
    }
  }
`;

function composeDemo(agencies: StartedDemoAgencies): string {
  const outcome = composeGraph(
    agencies.agencies.map((entry) => ({ name: entry.agency.subgraphName, url: entry.subgraphUrl, sdl: readDemoSchema(entry.agency) })),
  );
  if (!outcome.ok) throw new Error(`demo does not compose: ${JSON.stringify(outcome.errors)}`);
  return outcome.supergraphSdl;
}

describe('gateway over the demo agencies', () => {
  let agencies: StartedDemoAgencies;
  let gateway: Gateway;
  let url: string;
  let ownerNik: string;

  beforeAll(async () => {
    agencies = await startDemoAgencies();
    gateway = await buildGateway({
      source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl: composeDemo(agencies) }]),
    });
    url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    const permits = await postGraphQL<{ daftarIzinUsaha: { pemilik: { nik: string } }[] }>(
      url,
      '{ daftarIzinUsaha(batas: 5) { pemilik { nik } } }',
    );
    ownerNik = permits.body.data!.daftarIzinUsaha[0]!.pemilik.nik;
  });

  afterAll(async () => {
    await gateway?.close();
    await agencies?.close();
  });

  it('joins a resident from Disdukcapil with their permits from DPMPTSP in one query', async () => {
    const response = await postGraphQL<{ penduduk: { nama: string; izinUsaha: { nomor: string }[] } }>(url, RESIDENT_WITH_PERMITS, {
      variables: { nik: ownerNik },
    });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.penduduk.nama).toMatch(/\w+/);
    expect(response.body.data!.penduduk.izinUsaha.length).toBeGreaterThan(0);
  });

  it('resolves the owners of many permits with one call to the population API', async () => {
    const population = agencies.bySlug.disdukcapil!.rest;
    population.resetCalls();
    const response = await postGraphQL<{ daftarIzinUsaha: { pemilik: { nama: string } }[] }>(
      url,
      '{ daftarIzinUsaha(batas: 500) { nomor pemilik { nama } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.daftarIzinUsaha.length).toBeGreaterThan(10);
    expect(population.calls()).toBe(1);
  });

  it('serves the health endpoint with the graphs it has loaded', async () => {
    const response = await fetch(url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', graphs: [{ name: 'semua', version: 1, swaps: 0 }] });
  });

  it('answers an unknown graph with 404, naming no graph to a caller without a key', async () => {
    const response = await postGraphQL(`${url}/tidak-ada`, '{ __typename }');
    expect(response.status).toBe(404);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(response.body.errors?.[0]?.message).not.toContain('semua');
  });

  it('returns the other agencies\u2019 data with an error naming Dinkes when its REST backend is down', async () => {
    const health = agencies.bySlug.dinkes!.rest;
    await health.close();
    const response = await postGraphQL<{ penduduk: { nama: string; izinUsaha: unknown[]; jaminanKesehatan: unknown } }>(
      url,
      RESIDENT_WITH_PERMITS,
      { variables: { nik: ownerNik } },
    );
    expect(response.status).toBe(200);
    expect(response.body.data!.penduduk.nama).toMatch(/\w+/);
    expect(response.body.data!.penduduk.izinUsaha.length).toBeGreaterThan(0);
    expect(response.body.data!.penduduk.jaminanKesehatan).toBeNull();
    const messages = (response.body.errors ?? []).map((error) => error.message).join('\n');
    expect(messages).toMatch(/Dinkes/);
  });
});

describe('gateway shutdown', () => {
  it('lets a request in flight finish when it is closed', async () => {
    const slow = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: parse('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { lambat: String }'),
        resolvers: { Query: { lambat: () => new Promise((resolve) => setTimeout(() => resolve('selesai'), 400)) } },
      }),
    });
    const { url: slowUrl } = await startStandaloneServer(slow, { listen: { port: 0, host: '127.0.0.1' } });
    const sdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { lambat: String }';
    const outcome = composeGraph([{ name: 'lambat', url: slowUrl, sdl }]);
    if (!outcome.ok) throw new Error('slow subgraph does not compose');
    const gateway = await buildGateway({
      source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl: outcome.supergraphSdl }]),
    });
    const url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    try {
      const inFlight = postGraphQL<{ lambat: string }>(url, '{ lambat }');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closing = gateway.close();
      const response = await inFlight;
      await closing;
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ lambat: 'selesai' });
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      await gateway.close();
      await slow.stop();
    }
  });
});
