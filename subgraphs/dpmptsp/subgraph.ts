/**
 * The DPMPTSP subgraph: owns `IzinUsaha` and `PersetujuanBangunanGedung` (both `Perizinan`), points
 * each to its owner (`Penduduk`, resolved by Disdukcapil through the gateway) and adds
 * `Penduduk.izinUsaha`. The permits of many residents are one `GET /izin-usaha?pemilik=…` per request.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type DataLoader from 'dataloader';
import {
  NIK_PATTERN,
  assertIdentifier,
  badInput,
  buildSubgraphServer,
  createGroupedLoader,
  createKeyedLoader,
  createRestClient,
} from '../shared/index.ts';
import type {
  AgencySubgraphOptions,
  RestClient,
  SubgraphContextBase,
  SubgraphServer,
} from '../shared/index.ts';
import { NOMOR_IZIN_PATTERN, NOMOR_PBG_PATTERN } from './model.ts';
import type { IzinUsahaRecord, PersetujuanBangunanGedungRecord, StatusIzin } from './model.ts';
import { DPMPTSP_AGENCY } from './rest.ts';

export const DPMPTSP_SUBGRAPH = 'dpmptsp';
export const DPMPTSP_SCHEMA_PATH = fileURLToPath(new URL('./schema.graphql', import.meta.url));

const NOMOR_MESSAGE = {
  id: 'Nomor izin usaha berbentuk IZ-KKKK-TTTT-NNNNN',
  en: 'A permit number looks like IZ-KKKK-YYYY-NNNNN',
};

const NOMOR_PBG_MESSAGE = {
  id: 'Nomor PBG berbentuk SK-PBG-KKKKKK-DDMMTTTT-NN',
  en: 'A building approval number looks like SK-PBG-KKKKKK-DDMMYYYY-NN',
};
const BATAS_MESSAGE = { id: 'batas harus antara 1 dan 500', en: 'batas must be between 1 and 500' };

type Perizinan = IzinUsahaRecord | PersetujuanBangunanGedungRecord;

export interface DpmptspContext extends SubgraphContextBase {
  rest: RestClient;
  loaders: {
    izinUsaha: DataLoader<string, IzinUsahaRecord | null>;
    izinUsahaByPemilik: DataLoader<string, IzinUsahaRecord[]>;
    persetujuanBangunanGedung: DataLoader<string, PersetujuanBangunanGedungRecord | null>;
  };
}

function createLoaders(rest: RestClient): DpmptspContext['loaders'] {
  return {
    izinUsaha: createKeyedLoader(
      (nomor: readonly string[]) => rest.getList<IzinUsahaRecord>('/izin-usaha', { nomor }),
      (record) => record.nomor,
    ),
    izinUsahaByPemilik: createGroupedLoader(
      (pemilik: readonly string[]) => rest.getList<IzinUsahaRecord>('/izin-usaha', { pemilik }),
      (record) => record.nikPemilik,
    ),
    persetujuanBangunanGedung: createKeyedLoader(
      (nomor: readonly string[]) => rest.getList<PersetujuanBangunanGedungRecord>('/persetujuan-bangunan-gedung', { nomor }),
      (record) => record.nomor,
    ),
  };
}

const resolvers = {
  Query: {
    izinUsaha: (_: unknown, args: { nomor: string }, context: DpmptspContext) =>
      context.loaders.izinUsaha.load(assertIdentifier(args.nomor, NOMOR_IZIN_PATTERN, NOMOR_MESSAGE)),
    daftarIzinUsaha: async (
      _: unknown,
      args: { kecamatan?: string | null; kbli?: string | null; status?: StatusIzin | null; batas: number },
      context: DpmptspContext,
    ) => {
      if (!Number.isInteger(args.batas) || args.batas < 1 || args.batas > 500) {
        throw badInput(BATAS_MESSAGE);
      }
      if (args.kbli != null && !/^\d{5}$/.test(args.kbli)) {
        throw badInput({ id: 'Kode KBLI harus 5 digit angka', en: 'A KBLI code must be 5 digits' });
      }
      const list = await context.rest.getList<IzinUsahaRecord>('/izin-usaha', {
        kecamatan: args.kecamatan,
        kbli: args.kbli,
        status: args.status,
        limit: args.batas,
      });
      for (const record of list) context.loaders.izinUsaha.prime(record.nomor, record);
      return list;
    },
    persetujuanBangunanGedung: (_: unknown, args: { nomor: string }, context: DpmptspContext) =>
      context.loaders.persetujuanBangunanGedung.load(assertIdentifier(args.nomor, NOMOR_PBG_PATTERN, NOMOR_PBG_MESSAGE)),
    // Both kinds of document (up to 500 of each, the demo has fewer), newest first, cut to `batas`.
    daftarPerizinan: async (_: unknown, args: { kecamatan?: string | null; batas: number }, context: DpmptspContext) => {
      if (!Number.isInteger(args.batas) || args.batas < 1 || args.batas > 500) throw badInput(BATAS_MESSAGE);
      const query = { kecamatan: args.kecamatan, limit: 500 };
      const [izin, pbg] = await Promise.all([
        context.rest.getList<IzinUsahaRecord>('/izin-usaha', query),
        context.rest.getList<PersetujuanBangunanGedungRecord>('/persetujuan-bangunan-gedung', query),
      ]);
      const all: Perizinan[] = [...izin, ...pbg];
      all.sort((a, b) => b.tanggalTerbit.localeCompare(a.tanggalTerbit) || a.nomor.localeCompare(b.nomor));
      return all.slice(0, args.batas);
    },
  },
  Perizinan: {
    __resolveType: (record: Perizinan) => ('fungsiBangunan' in record ? 'PersetujuanBangunanGedung' : 'IzinUsaha'),
  },
  PersetujuanBangunanGedung: {
    pemilik: (pbg: PersetujuanBangunanGedungRecord) => ({ __typename: 'Penduduk', nik: pbg.nikPemilik }),
  },
  IzinUsaha: {
    __resolveReference: (reference: { nomor: string }, context: DpmptspContext) =>
      NOMOR_IZIN_PATTERN.test(reference.nomor) ? context.loaders.izinUsaha.load(reference.nomor) : null,
    pemilik: (izin: IzinUsahaRecord) => ({ __typename: 'Penduduk', nik: izin.nikPemilik }),
  },
  Penduduk: {
    // Any resident may own permits: the reference itself is the resident here.
    __resolveReference: (reference: { nik: string }) => reference,
    izinUsaha: (penduduk: { nik: string }, _: unknown, context: DpmptspContext) =>
      NIK_PATTERN.test(penduduk.nik) ? context.loaders.izinUsahaByPemilik.load(penduduk.nik) : [],
  },
};

export function buildDpmptspSubgraph(options: AgencySubgraphOptions): SubgraphServer {
  const rest = createRestClient({
    agency: DPMPTSP_AGENCY,
    baseUrl: options.restBaseUrl,
    credential: options.restCredential,
    timeoutMs: options.restTimeoutMs,
  });
  return buildSubgraphServer<DpmptspContext>({
    name: DPMPTSP_SUBGRAPH,
    agency: DPMPTSP_AGENCY,
    typeDefs: readFileSync(DPMPTSP_SCHEMA_PATH, 'utf8'),
    resolvers,
    createContext: (base) => ({ ...base, rest, loaders: createLoaders(rest) }),
    gatewayTokenVerifier: options.gatewayTokenVerifier,
    logger: options.logger,
    onClose: () => rest.close(),
  });
}
