/**
 * The Disdukcapil subgraph: owns the `Penduduk` and `KartuKeluarga` entities and wraps the
 * Disdukcapil REST API. Every REST call is batched per GraphQL request: resolving the residents of a
 * hundred representations (`_entities`) or a family's members is one `GET /penduduk?nik=…`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type DataLoader from 'dataloader';
import {
  NIK_PATTERN,
  NOMOR_KK_PATTERN,
  assertIdentifier,
  badInput,
  buildSubgraphServer,
  createKeyedLoader,
  createRestClient,
  loadAll,
} from '../shared/index.ts';
import type {
  AgencySubgraphOptions,
  RestClient,
  SubgraphContextBase,
  SubgraphServer,
} from '../shared/index.ts';
import type { KartuKeluargaRecord, PendudukRecord } from './model.ts';
import { DISDUKCAPIL_AGENCY } from './rest.ts';

export const DISDUKCAPIL_SUBGRAPH = 'disdukcapil';
export const DISDUKCAPIL_SCHEMA_PATH = fileURLToPath(new URL('./schema.graphql', import.meta.url));

const NIK_MESSAGE = { id: 'NIK harus 16 digit angka', en: 'A NIK must be 16 digits' };
const NOMOR_KK_MESSAGE = {
  id: 'Nomor KK harus 16 digit angka',
  en: 'A family card number must be 16 digits',
};

export interface DisdukcapilContext extends SubgraphContextBase {
  rest: RestClient;
  loaders: {
    penduduk: DataLoader<string, PendudukRecord | null>;
    kartuKeluarga: DataLoader<string, KartuKeluargaRecord | null>;
  };
}

function createLoaders(rest: RestClient): DisdukcapilContext['loaders'] {
  return {
    penduduk: createKeyedLoader(
      (niks: readonly string[]) => rest.getList<PendudukRecord>('/penduduk', { nik: niks }),
      (record) => record.nik,
    ),
    kartuKeluarga: createKeyedLoader(
      (nomor: readonly string[]) => rest.getList<KartuKeluargaRecord>('/kartu-keluarga', { nomor }),
      (record) => record.nomorKk,
    ),
  };
}

const resolvers = {
  Query: {
    penduduk: (_: unknown, args: { nik: string }, context: DisdukcapilContext) =>
      context.loaders.penduduk.load(assertIdentifier(args.nik, NIK_PATTERN, NIK_MESSAGE)),
    kartuKeluarga: (_: unknown, args: { nomorKk: string }, context: DisdukcapilContext) =>
      context.loaders.kartuKeluarga.load(assertIdentifier(args.nomorKk, NOMOR_KK_PATTERN, NOMOR_KK_MESSAGE)),
    daftarPenduduk: async (
      _: unknown,
      args: { kecamatan?: string | null; desa?: string | null; batas: number },
      context: DisdukcapilContext,
    ) => {
      if (!Number.isInteger(args.batas) || args.batas < 1 || args.batas > 500) {
        throw badInput({ id: 'batas harus antara 1 dan 500', en: 'batas must be between 1 and 500' });
      }
      const list = await context.rest.getList<PendudukRecord>('/penduduk', {
        kecamatan: args.kecamatan,
        desa: args.desa,
        limit: args.batas,
      });
      for (const record of list) context.loaders.penduduk.prime(record.nik, record);
      return list;
    },
  },
  Penduduk: {
    // A malformed key cannot name a resident: null, without asking the REST API.
    __resolveReference: (reference: { nik: string }, context: DisdukcapilContext) =>
      NIK_PATTERN.test(reference.nik) ? context.loaders.penduduk.load(reference.nik) : null,
    kartuKeluarga: (penduduk: PendudukRecord, _: unknown, context: DisdukcapilContext) =>
      context.loaders.kartuKeluarga.load(penduduk.nomorKk),
  },
  KartuKeluarga: {
    __resolveReference: (reference: { nomorKk: string }, context: DisdukcapilContext) =>
      NOMOR_KK_PATTERN.test(reference.nomorKk) ? context.loaders.kartuKeluarga.load(reference.nomorKk) : null,
    kepalaKeluarga: (kk: KartuKeluargaRecord, _: unknown, context: DisdukcapilContext) =>
      context.loaders.penduduk.load(kk.nikKepalaKeluarga),
    anggota: async (kk: KartuKeluargaRecord, _: unknown, context: DisdukcapilContext) =>
      (await loadAll(context.loaders.penduduk, kk.anggota)).filter((member) => member !== null),
  },
};

export function buildDisdukcapilSubgraph(options: AgencySubgraphOptions): SubgraphServer {
  const rest = createRestClient({
    agency: DISDUKCAPIL_AGENCY,
    baseUrl: options.restBaseUrl,
    credential: options.restCredential,
    timeoutMs: options.restTimeoutMs,
  });
  return buildSubgraphServer<DisdukcapilContext>({
    name: DISDUKCAPIL_SUBGRAPH,
    agency: DISDUKCAPIL_AGENCY,
    typeDefs: readFileSync(DISDUKCAPIL_SCHEMA_PATH, 'utf8'),
    resolvers,
    createContext: (base) => ({ ...base, rest, loaders: createLoaders(rest) }),
    gatewayTokenVerifier: options.gatewayTokenVerifier,
    logger: options.logger,
    onClose: () => rest.close(),
  });
}
