/**
 * The gateway's masking of errors, over real HTTP: a subgraph whose resolver fails with a message
 * naming a database host and user, behind a gateway built as production builds it (`maskError` as
 * the error formatter, the masking plugin logging what it hides). The client reads INTERNAL and a
 * request id; the operator's log has the detail under the same id. Our own codes pass unchanged.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, type Gateway } from '../../gateway/buildGateway.ts';
import { maskError } from '../../gateway/errorMasking/formatError.ts';
import { createErrorMaskingPlugin } from '../../gateway/errorMasking/plugin.ts';
import { REQUEST_VALUE } from '../../gateway/errorMasking/redact.ts';
import { createStaticSupergraphSource } from '../../lib/feed/supergraphSource.ts';
import { composeGraph } from '../../registry/checks/index.ts';
import { postGraphQL } from '../support/graphql.ts';

const LEAK = 'connection to postgres://penghubung:rahasia@db.internal:5432 failed';

describe('masked errors at the gateway', () => {
  let subgraph: { url: string; stop(): Promise<void> };
  let gateway: Gateway;
  let url: string;
  const logged: { message: string; requestId: string; description: string }[] = [];
  // A second gateway with Fastify's request log on, written here.
  let logging: Gateway;
  let loggingUrl: string;
  const serverLog: string[] = [];

  beforeAll(async () => {
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { rusak: String, ditolak: String, cari(nik: String!, nama: String!): String }`;
    const server = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: parse(sdl),
        resolvers: {
          Query: {
            rusak: () => {
              throw new Error(LEAK);
            },
            // An internal error quoting the request and a credential, as a careless agency backend does.
            cari: (_: unknown, args: { nik: string; nama: string }) => {
              throw new Error(`tidak ada baris untuk nik=${args.nik} nama=${args.nama}; koneksi postgres://penghubung:rahasia@db.internal:5432, Authorization: Bearer eyJhbGciOi.rahasia, kunci phk_0a1b2c3d_rahasiaSekali, password=rahasia2`);
            },
            ditolak: () => {
              throw new GraphQLError('Backend dinas tidak tersedia.', { extensions: { code: 'UPSTREAM_ERROR', messageEn: 'The agency backend is unavailable.' } });
            },
          },
        },
      }),
    });
    const { url: subgraphUrl } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    subgraph = { url: subgraphUrl, stop: () => server.stop() };
    const composed = composeGraph([{ name: 'uji', url: subgraphUrl, sdl }]);
    if (!composed.ok) throw new Error('does not compose');
    gateway = await buildGateway({
      source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl: composed.supergraphSdl }]),
      serverOptions: () => ({ formatError: maskError }),
      plugins: () => [createErrorMaskingPlugin({ log: (message, detail) => logged.push({ message, ...detail }) })],
    });
    url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    logging = await buildGateway({
      source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl: composed.supergraphSdl }]),
      serverOptions: () => ({ formatError: maskError }),
      logger: { level: 'info', stream: { write: (line) => serverLog.push(line) } },
    });
    loggingUrl = `${await logging.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  });

  afterAll(async () => {
    await logging?.close();
    await gateway?.close();
    await subgraph?.stop();
  });

  it('answers an unexpected error as INTERNAL with the request id, and logs its detail under that id', async () => {
    const { headers, body } = await postGraphQL(url, '{ rusak }');
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/postgres|rahasia|db\.internal|5432/);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL', requestId: headers.get('x-request-id') });
    const entry = logged.find((item) => item.requestId === headers.get('x-request-id'));
    expect(entry).toBeDefined();
    expect(entry!.description).toContain('db.internal');
  });

  it('logs a masked error without the request\u2019s values, its identifiers or credentials, from variables and from literals alike', async () => {
    const nik = '3501040509830001';
    const sent = [
      await postGraphQL(url, 'query Cari($nik: String!, $nama: String!) { cari(nik: $nik, nama: $nama) }', { variables: { nik, nama: 'Siti Aminah' } }),
      await postGraphQL(url, `{ cari(nik: "${nik}", nama: "Siti Aminah") }`),
    ];
    for (const { headers, body } of sent) {
      expect(body.errors?.[0]?.extensions?.['code']).toBe('INTERNAL');
      const entry = logged.find((item) => item.requestId === headers.get('x-request-id'));
      expect(entry, JSON.stringify(logged)).toBeDefined();
      const line = entry!.description;
      // The fault stays readable: its kind and where it happened.
      expect(line).toContain('tidak ada baris untuk nik=');
      expect(line).toContain('db.internal:5432');
      expect(line).toContain(REQUEST_VALUE);
      for (const secret of [nik, 'Siti Aminah', 'rahasia', 'eyJhbGciOi', 'phk_0a1b2c3d']) expect(line).not.toContain(secret);
    }
  });

  it('lets our own codes through with their message', async () => {
    const { body } = await postGraphQL(url, '{ ditolak }');
    expect(body.errors?.[0]).toMatchObject({
      message: 'Backend dinas tidak tersedia.',
      extensions: { code: 'UPSTREAM_ERROR', messageEn: 'The agency backend is unavailable.' },
    });
  });

  it('logs a GET request by its path, without the query string that carries the document and its variables', async () => {
    const nik = '3501040509830001';
    const target = new URL(loggingUrl);
    target.searchParams.set('query', `{ cari(nik: "${nik}", nama: "Siti Aminah") }`);
    target.searchParams.set('variables', JSON.stringify({ cadangan: nik }));
    const response = await fetch(target, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    const text = serverLog.join('');
    expect(text).toContain('"url":"/graphql?[disamarkan]"');
    expect(text).not.toContain(nik);
    expect(text).not.toContain('Siti');
  });
});
