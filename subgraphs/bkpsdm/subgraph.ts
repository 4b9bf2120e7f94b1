/**
 * The BKPSDM subgraph: owns the `Pegawai` entity and points each employee to their `Penduduk`
 * record (resolved by Disdukcapil through the gateway; no call here).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type DataLoader from 'dataloader';
import {
  NIP_PATTERN,
  assertIdentifier,
  badInput,
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
import type { JenisKepegawaian, PegawaiRecord } from './model.ts';
import { BKPSDM_AGENCY } from './rest.ts';

export const BKPSDM_SUBGRAPH = 'bkpsdm';
export const BKPSDM_SCHEMA_PATH = fileURLToPath(new URL('./schema.graphql', import.meta.url));

const NIP_MESSAGE = { id: 'NIP harus 18 digit angka', en: 'A NIP must be 18 digits' };

export interface BkpsdmContext extends SubgraphContextBase {
  rest: RestClient;
  loaders: { pegawai: DataLoader<string, PegawaiRecord | null> };
}

const resolvers = {
  Query: {
    pegawai: (_: unknown, args: { nip: string }, context: BkpsdmContext) =>
      context.loaders.pegawai.load(assertIdentifier(args.nip, NIP_PATTERN, NIP_MESSAGE)),
    daftarPegawai: async (
      _: unknown,
      args: { unitKerja?: string | null; jenisKepegawaian?: JenisKepegawaian | null; batas: number },
      context: BkpsdmContext,
    ) => {
      if (!Number.isInteger(args.batas) || args.batas < 1 || args.batas > 500) {
        throw badInput({ id: 'batas harus antara 1 dan 500', en: 'batas must be between 1 and 500' });
      }
      const list = await context.rest.getList<PegawaiRecord>('/pegawai', {
        unitKerja: args.unitKerja,
        jenisKepegawaian: args.jenisKepegawaian,
        limit: args.batas,
      });
      for (const record of list) context.loaders.pegawai.prime(record.nip, record);
      return list;
    },
  },
  Pegawai: {
    __resolveReference: (reference: { nip: string }, context: BkpsdmContext) =>
      NIP_PATTERN.test(reference.nip) ? context.loaders.pegawai.load(reference.nip) : null,
    penduduk: (pegawai: PegawaiRecord) => ({ __typename: 'Penduduk', nik: pegawai.nik }),
  },
};

export function buildBkpsdmSubgraph(options: AgencySubgraphOptions): SubgraphServer {
  const rest = createRestClient({
    agency: BKPSDM_AGENCY,
    baseUrl: options.restBaseUrl,
    credential: options.restCredential,
    timeoutMs: options.restTimeoutMs,
  });
  return buildSubgraphServer<BkpsdmContext>({
    name: BKPSDM_SUBGRAPH,
    agency: BKPSDM_AGENCY,
    typeDefs: readFileSync(BKPSDM_SCHEMA_PATH, 'utf8'),
    resolvers,
    createContext: (base) => ({
      ...base,
      rest,
      loaders: {
        pegawai: createKeyedLoader(
          (nips: readonly string[]) => rest.getList<PegawaiRecord>('/pegawai', { nip: nips }),
          (record) => record.nip,
        ),
      },
    }),
    gatewayTokenVerifier: options.gatewayTokenVerifier,
    logger: options.logger,
    onClose: () => rest.close(),
  });
}
