/**
 * The Dinkes subgraph: owns `FasilitasKesehatan` and adds `Penduduk.jaminanKesehatan` (JKN/BPJS
 * membership). The memberships of many residents are one `GET /jaminan-kesehatan?nik=…`, their
 * first-level facilities one `GET /fasilitas-kesehatan?kode=…`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type DataLoader from 'dataloader';
import {
  NIK_PATTERN,
  assertIdentifier,
  buildSubgraphServer,
  createKeyedLoader,
  createRestClient,
} from '../shared/index.ts';
import type {
  AgencySubgraphOptions,
  RestClient,
  SubgraphContextBase,
  SubgraphServer,
} from '../shared/index.ts';
import { KODE_FASKES_PATTERN } from './model.ts';
import type { FasilitasKesehatanRecord, JaminanKesehatanRecord, JenisFasilitasKesehatan } from './model.ts';
import { DINKES_AGENCY } from './rest.ts';

export const DINKES_SUBGRAPH = 'dinkes';
export const DINKES_SCHEMA_PATH = fileURLToPath(new URL('./schema.graphql', import.meta.url));

const KODE_MESSAGE = {
  id: 'Kode fasilitas kesehatan terdiri dari 4–20 huruf besar/angka',
  en: 'A health facility code is 4–20 capital letters/digits',
};

export interface DinkesContext extends SubgraphContextBase {
  rest: RestClient;
  loaders: {
    fasilitasKesehatan: DataLoader<string, FasilitasKesehatanRecord | null>;
    jaminanKesehatan: DataLoader<string, JaminanKesehatanRecord | null>;
  };
}

function createLoaders(rest: RestClient): DinkesContext['loaders'] {
  return {
    fasilitasKesehatan: createKeyedLoader(
      (kode: readonly string[]) => rest.getList<FasilitasKesehatanRecord>('/fasilitas-kesehatan', { kode }),
      (record) => record.kode,
    ),
    jaminanKesehatan: createKeyedLoader(
      (niks: readonly string[]) => rest.getList<JaminanKesehatanRecord>('/jaminan-kesehatan', { nik: niks }),
      (record) => record.nik,
    ),
  };
}

const resolvers = {
  Query: {
    fasilitasKesehatan: (_: unknown, args: { kode: string }, context: DinkesContext) =>
      context.loaders.fasilitasKesehatan.load(assertIdentifier(args.kode, KODE_FASKES_PATTERN, KODE_MESSAGE)),
    daftarFasilitasKesehatan: async (
      _: unknown,
      args: { kecamatan?: string | null; jenis?: JenisFasilitasKesehatan | null },
      context: DinkesContext,
    ) => {
      const list = await context.rest.getList<FasilitasKesehatanRecord>('/fasilitas-kesehatan', {
        kecamatan: args.kecamatan,
        jenis: args.jenis,
        limit: 500,
      });
      for (const record of list) context.loaders.fasilitasKesehatan.prime(record.kode, record);
      return list;
    },
  },
  FasilitasKesehatan: {
    __resolveReference: (reference: { kode: string }, context: DinkesContext) =>
      KODE_FASKES_PATTERN.test(reference.kode)
        ? context.loaders.fasilitasKesehatan.load(reference.kode)
        : null,
  },
  JaminanKesehatan: {
    faskesTingkatPertama: (jaminan: JaminanKesehatanRecord, _: unknown, context: DinkesContext) =>
      context.loaders.fasilitasKesehatan.load(jaminan.kodeFaskesTingkatPertama),
  },
  Penduduk: {
    __resolveReference: (reference: { nik: string }) => reference,
    jaminanKesehatan: (penduduk: { nik: string }, _: unknown, context: DinkesContext) =>
      NIK_PATTERN.test(penduduk.nik) ? context.loaders.jaminanKesehatan.load(penduduk.nik) : null,
  },
};

export function buildDinkesSubgraph(options: AgencySubgraphOptions): SubgraphServer {
  const rest = createRestClient({
    agency: DINKES_AGENCY,
    baseUrl: options.restBaseUrl,
    credential: options.restCredential,
    timeoutMs: options.restTimeoutMs,
  });
  return buildSubgraphServer<DinkesContext>({
    name: DINKES_SUBGRAPH,
    agency: DINKES_AGENCY,
    typeDefs: readFileSync(DINKES_SCHEMA_PATH, 'utf8'),
    resolvers,
    createContext: (base) => ({ ...base, rest, loaders: createLoaders(rest) }),
    gatewayTokenVerifier: options.gatewayTokenVerifier,
    logger: options.logger,
    onClose: () => rest.close(),
  });
}
