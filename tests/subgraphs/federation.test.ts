/**
 * The four subgraphs behind a real federation gateway (@apollo/gateway), each fetch carrying a gateway
 * token signed for that subgraph with exactly the coordinates of that fetch (as gateway/subgraphToken.ts
 * signs them): the cross-agency queries the bus exists for.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  gatewayTokenHeaderValue,
  GATEWAY_TOKEN_HEADER,
} from '../../lib/gatewayToken.ts';
import { generateGatewayKeyPair } from '../support/gatewayKeys.ts';
import type { GatewayTokenSigner } from '../../lib/gatewayToken.ts';
import { demoAgencies, readDemoSchema, startDemoAgencies } from '../../subgraphs/index.ts';
import type { StartedDemoAgencies, StartedDemoAgency } from '../../subgraphs/index.ts';
import { fetchCoordinates } from '../../gateway/subgraphToken.ts';
import { seedData } from './helpers.ts';

interface RequestContext {
  requester: string;
  requestId: string;
  /** Coordinates left out of every fetch's token (to show the subgraph refusing them). */
  withheld: string[];
}

let demo: StartedDemoAgencies;
let server: ApolloServer<RequestContext>;
let apiSchema: GraphQLSchema;
let signer: GatewayTokenSigner;
const agency = (slug: 'disdukcapil' | 'dpmptsp' | 'dinkes'): StartedDemoAgency =>
  demo.bySlug[slug] as StartedDemoAgency;

beforeAll(async () => {
  const keys = await generateGatewayKeyPair();
  signer = createGatewayTokenSigner(keys.privateKey);
  demo = await startDemoAgencies({ gatewayTokenVerifier: createGatewayTokenVerifier(keys.publicKey) });
  const composed = composeServices(
    demo.agencies.map((entry) => ({
      name: entry.agency.subgraphName,
      url: entry.subgraphUrl,
      typeDefs: parse(readDemoSchema(entry.agency)),
    })),
  );
  if (composed.errors) throw new Error(composed.errors.map(String).join('\n'));
  apiSchema = composed.schema.toAPISchema().toGraphQLJSSchema();

  class SignedDataSource extends RemoteGraphQLDataSource<RequestContext> {
    constructor(private readonly subgraph: string, url: string) {
      super({ url });
    }

    override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>): void {
      const withheld = new Set(context.withheld ?? []);
      const token = signer.sign({
        audience: this.subgraph,
        requester: context.requester ?? 'anonim',
        graph: 'semua-tema',
        requestId: context.requestId ?? 'tanpa-id',
        fields: fetchCoordinates(apiSchema, parse(request.query ?? '')).filter((field) => !withheld.has(field)),
      });
      request.http?.headers.set(GATEWAY_TOKEN_HEADER, gatewayTokenHeaderValue(token));
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ name, url }) => new SignedDataSource(name, url ?? ''),
  });
  server = new ApolloServer<RequestContext>({
    gateway,
    plugins: [ApolloServerPluginUsageReportingDisabled()],
  });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  await demo?.close();
});

async function run(query: string, variables: Record<string, unknown> = {}, withheld: string[] = []) {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: { requester: 'app-sipd-bappeda', requestId: `req-${Math.random()}`, withheld } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('cross-agency queries through a federation gateway', () => {
  it('a resident with their family, business permits and BPJS status', async () => {
    const owner = seedData.izinUsaha().find((z) => z.namaUsaha === 'Apotek Sehat Baleharjo')?.nikPemilik;
    const result = await run(
      `query WargaLengkap($nik: String!) {
        penduduk(nik: $nik) {
          nama
          alamat { desa kecamatan }
          izinUsaha { nomor namaUsaha kbli { kode judul } status }
          jaminanKesehatan { jenisPeserta kelasRawat status faskesTingkatPertama { nama } }
        }
      }`,
      { nik: owner },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.penduduk).toEqual({
      nama: 'Arif Budiman',
      alamat: { desa: 'Baleharjo', kecamatan: 'Pacitan' },
      izinUsaha: [
        expect.objectContaining({
          namaUsaha: 'Apotek Sehat Baleharjo',
          kbli: { kode: '47721', judul: 'Perdagangan Eceran Barang Farmasi di Apotek' },
        }),
        expect.objectContaining({ namaUsaha: 'Klinik Pratama Husada Baleharjo' }),
        expect.objectContaining({ namaUsaha: 'Apotek Sehat Arjowinangun' }),
        expect.objectContaining({ namaUsaha: 'Keripik Santoso Baleharjo' }),
        expect.objectContaining({ namaUsaha: 'Batik Mekar Sari Baleharjo' }),
      ],
      jaminanKesehatan: {
        jenisPeserta: 'PPU_PENYELENGGARA_NEGARA',
        kelasRawat: 1,
        status: 'AKTIF',
        faskesTingkatPertama: { nama: 'Klinik Pratama Husada Baleharjo' },
      },
    });
  });

  it('all permits with their owners’ names: exactly one call to the population REST API', async () => {
    agency('disdukcapil').rest.resetCalls();
    agency('dpmptsp').rest.resetCalls();
    const result = await run(`{ daftarIzinUsaha(batas: 500) { nomor namaUsaha pemilik { nama } } }`);
    expect(result.errors).toBeUndefined();
    const permits = (result.data as { daftarIzinUsaha: { namaUsaha: string; pemilik: { nama: string } }[] })
      .daftarIzinUsaha;
    expect(permits).toHaveLength(seedData.izinUsaha().length);
    expect(permits.find((z) => z.namaUsaha === 'Batik Tulis Sekar Pacitan')?.pemilik.nama).toBe(
      'Dewi Lestari',
    );
    expect(agency('disdukcapil').rest.calls('GET /penduduk')).toBe(1);
    expect(agency('disdukcapil').rest.calls()).toBe(1);
    expect(agency('dpmptsp').rest.calls()).toBe(1);
  });

  it('the first 100 permits, each with its owner from Disdukcapil: 100 entities joined across two agencies', async () => {
    const result = await run(`{ daftarIzinUsaha(batas: 100) { nomor pemilik { nama } } }`);
    expect(result.errors).toBeUndefined();
    const permits = (result.data as { daftarIzinUsaha: { nomor: string; pemilik: { nama: string } }[] }).daftarIzinUsaha;
    expect(permits).toHaveLength(100);
    expect(permits.map((z) => z.nomor)).toEqual(seedData.izinUsaha().slice(0, 100).map((z) => z.nomor));
    const names = new Map(seedData.penduduk().map((p) => [p.nik, p.nama]));
    expect(permits.map((z) => z.pemilik.nama)).toEqual(seedData.izinUsaha().slice(0, 100).map((z) => names.get(z.nikPemilik)));
  });

  it('permits and building approvals through the Perizinan interface, newest first, each with its owner', async () => {
    agency('disdukcapil').rest.resetCalls();
    const result = await run(
      `{ daftarPerizinan(batas: 500) {
          __typename nomor tanggalTerbit pemilik { nama }
          ... on IzinUsaha { namaUsaha }
          ... on PersetujuanBangunanGedung { namaBangunan fungsiBangunan }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    type Row = { __typename: string; nomor: string; tanggalTerbit: string; pemilik: { nama: string }; namaUsaha?: string; namaBangunan?: string };
    const rows = (result.data as { daftarPerizinan: Row[] }).daftarPerizinan;
    const names = new Map(seedData.penduduk().map((p) => [p.nik, p.nama]));
    const expected = [
      ...seedData.izinUsaha().map((z) => ({ __typename: 'IzinUsaha', nomor: z.nomor, tanggalTerbit: z.tanggalTerbit, nama: names.get(z.nikPemilik) })),
      ...seedData.persetujuanBangunanGedung().map((z) => ({ __typename: 'PersetujuanBangunanGedung', nomor: z.nomor, tanggalTerbit: z.tanggalTerbit, nama: names.get(z.nikPemilik) })),
    ].sort((a, b) => b.tanggalTerbit.localeCompare(a.tanggalTerbit) || a.nomor.localeCompare(b.nomor));
    expect(rows.map((row) => ({ __typename: row.__typename, nomor: row.nomor, tanggalTerbit: row.tanggalTerbit, nama: row.pemilik.nama }))).toEqual(expected);
    expect(rows.filter((row) => row.__typename === 'PersetujuanBangunanGedung').every((row) => row.namaBangunan && row.namaUsaha === undefined)).toBe(true);
    expect(rows.filter((row) => row.__typename === 'IzinUsaha').every((row) => row.namaUsaha && row.namaBangunan === undefined)).toBe(true);
    // Every owner of both kinds of document in one batched call.
    expect(agency('disdukcapil').rest.calls()).toBe(1);
  });

  it('a building approval whose fields the token leaves out is refused by DPMPTSP, the permits still answer', async () => {
    const result = await run(
      `{ daftarPerizinan(batas: 500) { nomor ... on PersetujuanBangunanGedung { namaBangunan } } }`,
      {},
      ['PersetujuanBangunanGedung.namaBangunan'],
    );
    expect(result.errors?.map((error) => error.extensions?.['code'])).toContain('FORBIDDEN_FIELD');
    expect(result.errors?.every((error) => error.extensions?.['coordinate'] === 'PersetujuanBangunanGedung.namaBangunan' || error.extensions?.['code'] !== 'FORBIDDEN_FIELD')).toBe(true);
  });

  it('employees with their resident record and BPJS status', async () => {
    const result = await run(
      `{ daftarPegawai(unitKerja: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu") {
          nama jabatan penduduk { nama alamat { kecamatan } jaminanKesehatan { status } }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.daftarPegawai).toEqual([
      expect.objectContaining({
        nama: 'Tri Wulandari, S.E.',
        penduduk: {
          nama: 'Tri Wulandari',
          alamat: { kecamatan: 'Tegalombo' },
          jaminanKesehatan: { status: 'AKTIF' },
        },
      }),
      expect.objectContaining({
        nama: 'Teguh Wibowo, S.T., M.M.',
        penduduk: expect.objectContaining({ nama: 'Teguh Wibowo' }),
      }),
    ]);
  });

  it('a token narrower than the operation is refused inside the subgraph (defence in depth)', async () => {
    const query = `{ daftarIzinUsaha(batas: 3) { namaUsaha pemilik { nama tanggalLahir } } }`;
    const result = await run(query, {}, ['Penduduk.tanggalLahir']);
    expect(result.errors).toHaveLength(3);
    expect(result.errors?.[0]).toMatchObject({
      message: 'Akses ke field Penduduk.tanggalLahir tidak diizinkan oleh token gateway',
      path: ['daftarIzinUsaha', 0, 'pemilik', 'tanggalLahir'],
      extensions: {
        code: 'FORBIDDEN_FIELD',
        coordinate: 'Penduduk.tanggalLahir',
        serviceName: 'disdukcapil',
      },
    });
  });

  it('lists every demo agency in the composed graph', () => {
    expect(demo.subgraphs.map((s) => s.name)).toEqual(demoAgencies.map((a) => a.subgraphName));
  });
});
