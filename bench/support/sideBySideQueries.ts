/**
 * The queries of the side-by-side benchmark (bench/sideBySide.bench.ts), each sent by its own client
 * application (the requester a Penghubung variant sees for it). The demo grants of scripts/demoSeed.ts
 * cover every one of them (tests/bench/sideBySideQueries.test.ts).
 */
import { buildSchema, parse } from 'graphql';
import { FieldAuthorizer } from '../../gateway/authorization/core/index.ts';
import type { Requester } from '../../gateway/context.ts';
import type { BenchClient } from './gatewayVariants.ts';

export interface BenchQuery {
  key: string;
  label: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  requester: Requester;
  /** The agency whose subgraph alone answers it (variant `direct`), if one does. */
  direct?: string;
  /** The length of the top-level list it must answer with, if it answers one. */
  listLength?: { field: string; length: number };
}

const requester = (n: number, clientName: string): Requester => ({
  clientId: `0b6f1c1e-0000-4000-8000-00000000000${n}`,
  clientName,
  credentialId: `0b6f1c1e-0000-4000-8000-0000000000c${n}`,
});

export const BENCH_QUERIES: readonly BenchQuery[] = [
  {
    key: 'lookup',
    label: 'single permit lookup (1 agency)',
    operationName: 'CekIzinUsaha',
    query: 'query CekIzinUsaha($nomor: String!) { izinUsaha(nomor: $nomor) { nomor namaUsaha status } }',
    variables: { nomor: 'IZ-3501-2021-00001' },
    requester: requester(3, 'Bench cek izin'),
    direct: 'dpmptsp',
  },
  {
    key: 'join',
    label: 'resident + permits + JKN (3 agencies)',
    operationName: 'PendudukLengkap',
    query:
      'query PendudukLengkap($nik: String!) { penduduk(nik: $nik) { nik nama izinUsaha { nomor namaUsaha status } jaminanKesehatan { jenisPeserta status } } }',
    variables: { nik: '3501040509830001' },
    requester: requester(1, 'Bench layanan terpadu'),
  },
  {
    // The demo has 120 permits: `batas: 100` answers the first 100, each owner fetched from Disdukcapil.
    key: 'list100',
    label: '100 permits, each with its owner (2 agencies)',
    operationName: 'DaftarIzinDenganPemilik',
    query: 'query DaftarIzinDenganPemilik { daftarIzinUsaha(batas: 100) { nomor namaUsaha status pemilik { nama } } }',
    variables: {},
    requester: requester(2, 'Bench perizinan'),
    listLength: { field: 'daftarIzinUsaha', length: 100 },
  },
  {
    // Through the interface `Perizinan` (IzinUsaha and PersetujuanBangunanGedung, both of DPMPTSP), the
    // newest 50 documents, each owner fetched from Disdukcapil.
    key: 'interface',
    label: '50 documents through an interface, with owners (2 agencies)',
    operationName: 'DaftarPerizinan',
    query:
      'query DaftarPerizinan { daftarPerizinan(batas: 50) { __typename nomor tanggalTerbit status pemilik { nama } ' +
      '... on IzinUsaha { namaUsaha } ... on PersetujuanBangunanGedung { namaBangunan fungsiBangunan } } }',
    variables: {},
    requester: requester(4, 'Bench daftar perizinan'),
    listLength: { field: 'daftarPerizinan', length: 50 },
  },
];

export const bodyOf = (query: BenchQuery): string =>
  JSON.stringify({ query: query.query, operationName: query.operationName, variables: query.variables });

/** Each query's client, granted the query's coordinates, then synthetic ones (no type of the schema) up to 10 grants, as bench/accessLog.bench.ts. */
export function clientsFor(apiSchemaSdl: string): BenchClient[] {
  const schema = buildSchema(apiSchemaSdl);
  const authorizer = new FieldAuthorizer();
  return BENCH_QUERIES.map((query) => {
    const { operation } = authorizer.coordinates(schema, {
      documentKey: query.query,
      document: parse(query.query),
      operationName: query.operationName,
      variables: query.variables,
    });
    const coordinates = new Set(operation.coordinates);
    for (let index = 0; coordinates.size < 10; index += 1) coordinates.add(`Sintetis${Math.floor(index / 20)}.field${index % 20}`);
    return { operationName: query.operationName, requester: query.requester, coordinates: [...coordinates] };
  });
}
