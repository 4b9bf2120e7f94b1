/** Helpers shared by the subgraph suites: a GraphQL POST over real HTTP, and seed data facts. */
import { readFileSync } from 'node:fs';
import { TypeInfo, parse, visit, visitWithTypeInfo, getNamedType, isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: TData | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string } = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<TData>['body'],
  };
}

/** GETs JSON from a REST backend; `credential` is the secret the backend expects from its subgraph. */
export async function getJson(url: string, credential?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, credential ? { headers: { authorization: `Bearer ${credential}` } } : {});
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function seed<T>(path: string): T[] {
  return JSON.parse(readFileSync(new URL(`../../subgraphs/${path}`, import.meta.url), 'utf8')) as T[];
}

export const seedData = {
  penduduk: () =>
    seed<{ nik: string; nama: string; nomorKk: string; alamat: { kecamatan: string } }>(
      'disdukcapil/data/penduduk.json',
    ),
  kartuKeluarga: () => seed<{ nomorKk: string; anggota: string[] }>('disdukcapil/data/kartu-keluarga.json'),
  pegawai: () =>
    seed<{ nip: string; nik: string; nama: string; unitKerja: string }>('bkpsdm/data/pegawai.json'),
  izinUsaha: () =>
    seed<{ nomor: string; namaUsaha: string; nikPemilik: string; status: string; tanggalTerbit: string }>(
      'dpmptsp/data/izin-usaha.json',
    ),
  persetujuanBangunanGedung: () =>
    seed<{ nomor: string; namaBangunan: string; nikPemilik: string; status: string; tanggalTerbit: string; lokasi: { kecamatan: string } }>(
      'dpmptsp/data/persetujuan-bangunan-gedung.json',
    ),
  fasilitasKesehatan: () => seed<{ kode: string; nama: string }>('dinkes/data/fasilitas-kesehatan.json'),
  jaminanKesehatan: () =>
    seed<{ nik: string; nomorKartu: string; status: string }>('dinkes/data/jaminan-kesehatan.json'),
};

/**
 * The field coordinates of an operation (`Type.field`), as the gateway computes them for the token.
 * Simplified for tests: no fragments spread over abstract types, no @skip/@include.
 */
export function fieldCoordinates(schema: GraphQLSchema, query: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && isObjectType(getNamedType(parent)) && !node.name.value.startsWith('__')) {
          coordinates.add(`${parent.name}.${node.name.value}`);
        }
      },
    }),
  );
  return [...coordinates];
}
