import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse, print } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { createAuthorizationPlugin } from '../../../gateway/authorization/plugin.ts';
import type {
  AuthorizationContext,
  AuthorizationPluginOptions,
  AuthorizationState,
} from '../../../gateway/authorization/plugin.ts';
import type { GrantSet } from '../../../gateway/authorization/core/index.ts';
import { schemaSdl } from './fixtures/index.ts';


interface TestContext extends AuthorizationContext {
  grantSet: GrantSet | null;
}

/** Resolver calls per coordinate: a denied operation must leave this empty. */
const calls = new Map<string, number>();
const called = (coordinate: string): void => {
  calls.set(coordinate, (calls.get(coordinate) ?? 0) + 1);
};
const totalCalls = (): number => [...calls.values()].reduce((sum, count) => sum + count, 0);

const warga = {
  kind: 'Penduduk',
  nik: '3501010101010001',
  nama: 'Siti Rahayu',
  tanggalLahir: '1990-04-17',
  alamat: { jalan: 'Jl. Gatot Subroto 12', rt: '003', rw: '005', kelurahan: 'Ploso', kecamatan: 'Pacitan' },
  izinUsaha: [] as unknown[],
};
const izin = {
  kind: 'IzinUsaha',
  nomor: '503/0042/DPMPTSP/2025',
  namaUsaha: 'Warung Makan Bu Siti',
  kbli: '56102',
  status: 'AKTIF',
  pemilik: warga,
};
warga.izinUsaha = [izin];

const tracked = <T>(coordinate: string, value: (parent: Record<string, unknown>) => T) => {
  return (parent: Record<string, unknown>): T => {
    called(coordinate);
    return value(parent);
  };
};

function executableSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: schemaSdl,
    resolvers: {
      Query: {
        penduduk: tracked('Query.penduduk', () => warga),
        izinUsaha: tracked('Query.izinUsaha', () => izin),
        dokumen: tracked('Query.dokumen', () => izin),
        cari: tracked('Query.cari', () => [warga, izin]),
        instansi: tracked('Query.instansi', () => []),
      },
      Penduduk: {
        nik: tracked('Penduduk.nik', (p) => p['nik']),
        nama: tracked('Penduduk.nama', (p) => p['nama']),
        tanggalLahir: tracked('Penduduk.tanggalLahir', (p) => p['tanggalLahir']),
        alamat: tracked('Penduduk.alamat', (p) => p['alamat']),
      },
      IzinUsaha: {
        nomor: tracked('IzinUsaha.nomor', (p) => p['nomor']),
        namaUsaha: tracked('IzinUsaha.namaUsaha', (p) => p['namaUsaha']),
      },
      Dokumen: { __resolveType: (value: { kind: string }) => value.kind },
      HasilPencarian: { __resolveType: (value: { kind: string }) => value.kind },
    },
  });
}

/** A requester from the permits office: identity and permits, no birth dates, no addresses. */
const perizinan: GrantSet = {
  version: 'kredensial-perizinan:7',
  coordinates: new Set([
    'Query.penduduk',
    'Query.izinUsaha',
    'Query.cari',
    'Penduduk.nik',
    'Penduduk.nama',
    'IzinUsaha.nomor',
    'IzinUsaha.namaUsaha',
  ]),
};

/** Records what later plugins see, and the document Apollo Server ran. */
function observer(seen: {
  states: AuthorizationState[];
  documents: string[];
}): ApolloServerPlugin<TestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const state = requestContext.contextValue.authorization;
          if (state) seen.states.push(state);
          if (requestContext.document) seen.documents.push(print(requestContext.document));
        },
      };
    },
  };
}

async function startServer(options: Partial<AuthorizationPluginOptions<TestContext>> = {}): Promise<{
  server: ApolloServer<TestContext>;
  seen: { states: AuthorizationState[]; documents: string[] };
}> {
  const seen = { states: [] as AuthorizationState[], documents: [] as string[] };
  const server = new ApolloServer<TestContext>({
    schema: executableSchema(),
    plugins: [
      createAuthorizationPlugin<TestContext>({
        getGrantSet: (context) => context.grantSet,
        ...options,
      } as AuthorizationPluginOptions<TestContext>),
      observer(seen),
    ],
  });
  await server.start();
  return { server, seen };
}

function run(
  server: ApolloServer<TestContext>,
  query: string,
  grantSet: GrantSet | null = perizinan,
  extra: { variables?: Record<string, unknown>; operationName?: string } = {},
) {
  return server.executeOperation<Record<string, unknown>>(
    { query, ...extra },
    { contextValue: { grantSet } },
  );
}

function single(response: GraphQLResponse<Record<string, unknown>>) {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('createAuthorizationPlugin (reject mode) in a real ApolloServer', () => {
  let server: ApolloServer<TestContext>;
  let seen: { states: AuthorizationState[]; documents: string[] };

  beforeAll(async () => {
    ({ server, seen } = await startServer());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses an operation with an ungranted field with FORBIDDEN_FIELD before any resolver runs', async () => {
    calls.clear();
    const response = await run(server, '{ penduduk(nik: "3501010101010001") { nama tanggalLahir } }');
    const result = single(response);

    expect(response.http.status).toBe(403);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toBe(
      'Akses ditolak: Anda belum diberi akses ke field Penduduk.tanggalLahir.',
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN_FIELD',
      deniedCoordinates: ['Penduduk.tanggalLahir'],
      messageEn: 'Access denied: you have not been granted the fields Penduduk.tanggalLahir.',
      howToRequest: expect.stringContaining('permohonan akses'),
      howToRequestEn: expect.stringContaining('Request access'),
    });
    expect(result.errors?.[0]?.extensions).not.toHaveProperty('http');
    expect(totalCalls()).toBe(0);
  });

  it('sees through aliases and fragments on union members', async () => {
    calls.clear();
    const aliased = single(await run(server, '{ penduduk(nik: "1") { nama lahir: tanggalLahir } }'));
    expect(aliased.errors?.[0]?.extensions?.['deniedCoordinates']).toEqual(['Penduduk.tanggalLahir']);

    const union = single(
      await run(
        server,
        `{ cari(kata: "Siti") { ... on IzinUsaha { namaUsaha } ...Rinci } }
         fragment Rinci on Penduduk { alamat { kelurahan } }`,
      ),
    );
    expect(union.errors?.[0]?.extensions?.['deniedCoordinates']).toEqual([
      'Alamat.kelurahan',
      'Penduduk.alamat',
    ]);
    expect(totalCalls()).toBe(0);
  });

  it('runs an allowed operation and leaves the decision for later plugins', async () => {
    calls.clear();
    seen.states.length = 0;
    const query = `query Cari($tanpaIzin: Boolean!) {
      penduduk(nik: "3501010101010001") { __typename nik nama tanggalLahir @skip(if: true) }
      izinUsaha(nomor: "503/0042/DPMPTSP/2025") @skip(if: $tanpaIzin) { namaUsaha }
    }`;
    const response = await run(server, query, perizinan, { variables: { tanpaIzin: false } });

    expect(response.http.status).toBeUndefined();
    expect(single(response)).toEqual({
      data: {
        penduduk: { __typename: 'Penduduk', nik: '3501010101010001', nama: 'Siti Rahayu' },
        izinUsaha: { namaUsaha: 'Warung Makan Bu Siti' },
      },
    });
    expect(totalCalls()).toBeGreaterThan(0);
    expect(seen.states).toEqual([
      expect.objectContaining({
        outcome: 'allowed',
        grantSetVersion: 'kredensial-perizinan:7',
        coordinates: [
          'IzinUsaha.namaUsaha',
          'Penduduk.nama',
          'Penduduk.nik',
          'Query.izinUsaha',
          'Query.penduduk',
        ],
        denied: [],
      }),
    ]);
  });

  it('answers introspection from the schema filtered to the requester', async () => {
    const result = single(
      await run(
        server,
        `{ __type(name: "Penduduk") { fields { name } }
           __schema { queryType { fields { name } } } }`,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      __type: { fields: [{ name: 'nik' }, { name: 'nama' }] },
      __schema: { queryType: { fields: [{ name: 'penduduk' }, { name: 'izinUsaha' }, { name: 'cari' }] } },
    });
  });

  it('refuses data to a request without a grant set with UNAUTHENTICATED', async () => {
    calls.clear();
    const response = await run(server, '{ penduduk(nik: "1") { nama } }', null);
    expect(response.http.status).toBe(401);
    expect(single(response).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(totalCalls()).toBe(0);
  });

  it('explains an unknown operation name', async () => {
    const response = await run(server, 'query A { penduduk(nik: "1") { nama } }', perizinan, {
      operationName: 'B',
    });
    expect(response.http.status).toBe(400);
    expect(single(response).errors?.[0]).toMatchObject({
      message: 'Operasi bernama "B" tidak ada dalam dokumen.',
      extensions: { code: 'BAD_REQUEST', messageEn: 'Unknown operation named "B".' },
    });
  });
});

describe('createAuthorizationPlugin (drop denied fields mode)', () => {
  let server: ApolloServer<TestContext>;
  let seen: { states: AuthorizationState[]; documents: string[] };
  const trimmedQueries: string[] = [];

  beforeAll(async () => {
    const schema = executableSchema();
    ({ server, seen } = await startServer({
      mode: 'drop-denied-fields',
      // What the gateway does with its executor: run the trimmed text under its own hash.
      executeTrimmed: async (trimmed, requestContext) => {
        trimmedQueries.push(trimmed.query);
        const result = await execute({
          schema,
          document: trimmed.document,
          variableValues: requestContext.request.variables,
          contextValue: requestContext.contextValue,
        });
        return {
          http: { status: undefined, headers: new HeaderMap() },
          body: { kind: 'single', singleResult: { data: result.data } },
        };
      },
    }));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('runs the operation without the denied fields and never rewrites requestContext.document', async () => {
    calls.clear();
    const query = '{ penduduk(nik: "1") { nama tanggalLahir alamat { jalan } } }';
    const response = await run(server, query);
    const result = single(response);

    expect(result.data).toEqual({ penduduk: { nama: 'Siti Rahayu' } });
    expect(result.extensions?.['authorization']).toMatchObject({
      droppedCoordinates: ['Alamat.jalan', 'Penduduk.alamat', 'Penduduk.tanggalLahir'],
    });
    expect(calls.get('Penduduk.tanggalLahir')).toBeUndefined();
    expect(calls.get('Penduduk.alamat')).toBeUndefined();
    expect(trimmedQueries.at(-1)).toBe(print(parse('{ penduduk(nik: "1") { nama } }')));
    expect(seen.documents.at(-1)).toBe(print(parse(query)));
    expect(seen.states.at(-1)).toMatchObject({ outcome: 'trimmed' });
  });

  it('refuses when nothing granted is left', async () => {
    calls.clear();
    const response = await run(server, '{ penduduk(nik: "1") { tanggalLahir } }');
    expect(response.http.status).toBe(403);
    expect(single(response).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN_FIELD');
    expect(totalCalls()).toBe(0);
  });
});
