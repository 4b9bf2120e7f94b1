/**
 * The DPMPTSP REST API (demo): business permits issued in Kabupaten Pacitan (OSS risk-based
 * licensing, KBLI 2020 codes).
 *
 *   GET /izin-usaha?nomor=a,b                 batch by permit number (up to 500)
 *   GET /izin-usaha?pemilik=nik,nik           every permit of these owners (batch, up to 500)
 *   GET /izin-usaha?kecamatan=…&kbli=…&status=AKTIF   (limit, default 100)
 *   GET /izin-usaha/:nomor                    one permit (400 malformed, 404 unknown)
 *   GET /persetujuan-bangunan-gedung?nomor=a,b   batch by SK number (up to 500)
 *   GET /persetujuan-bangunan-gedung?kecamatan=…&status=AKTIF   (limit, default 100)
 *   GET /persetujuan-bangunan-gedung/:nomor   one building approval (400 malformed, 404 unknown)
 */
import type { FastifyServerOptions } from 'fastify';
import {
  badRequest,
  buildRestServer,
  notFound,
  optionalText,
  parseEnum,
  parseIdList,
  parseLimit,
  readSeed,
  sameText,
} from '../shared/restServer.ts';
import type { RestBackend } from '../shared/restServer.ts';
import { NOMOR_IZIN_PATTERN, NOMOR_PBG_PATTERN, STATUS_IZIN } from './model.ts';
import type { IzinUsahaRecord, PersetujuanBangunanGedungRecord } from './model.ts';

export const DPMPTSP_AGENCY = 'DPMPTSP';

const NIK = /^\d{16}$/;
const KBLI = /^\d{5}$/;
const NOMOR_FORMAT = {
  id: 'nomor izin berbentuk IZ-KKKK-TTTT-NNNNN',
  en: 'a permit number looks like IZ-KKKK-YYYY-NNNNN',
};
const NOMOR_PBG_FORMAT = {
  id: 'nomor PBG berbentuk SK-PBG-KKKKKK-DDMMTTTT-NN',
  en: 'a building approval number looks like SK-PBG-KKKKKK-DDMMYYYY-NN',
};
const NIK_FORMAT = { id: 'NIK harus 16 digit angka', en: 'a NIK must be 16 digits' };

export interface DpmptspRestOptions {
  /** The secret the subgraph presents (see subgraphs/shared/restServer.ts); random unless given. */
  credential?: string;
  logger?: FastifyServerOptions['logger'];
}

export function buildDpmptspRestBackend(options: DpmptspRestOptions = {}): RestBackend {
  const izin = readSeed<IzinUsahaRecord>(new URL('./data/izin-usaha.json', import.meta.url));
  const byNomor = new Map(izin.map((record) => [record.nomor, record]));
  const pbg = readSeed<PersetujuanBangunanGedungRecord>(new URL('./data/persetujuan-bangunan-gedung.json', import.meta.url));
  const pbgByNomor = new Map(pbg.map((record) => [record.nomor, record]));

  return buildRestServer({ agency: DPMPTSP_AGENCY, logger: options.logger, ...(options.credential === undefined ? {} : { credential: options.credential }) }, (app) => {
    app.get('/izin-usaha', async (request) => {
      const query = request.query as Record<string, unknown>;
      const nomor = parseIdList(query.nomor, 'nomor', NOMOR_IZIN_PATTERN, NOMOR_FORMAT);
      const pemilik = parseIdList(query.pemilik, 'pemilik', NIK, NIK_FORMAT);
      const kecamatan = optionalText(query.kecamatan, 'kecamatan');
      const kbli = optionalText(query.kbli, 'kbli');
      const status = parseEnum(query.status, 'status', STATUS_IZIN);
      const limit = parseLimit(query.limit);
      if (kbli !== undefined && !KBLI.test(kbli)) {
        throw badRequest({ id: 'Kode KBLI harus 5 digit angka', en: 'A KBLI code must be 5 digits' });
      }
      if (nomor && pemilik) {
        throw badRequest({
          id: 'Pakai nomor atau pemilik, bukan keduanya',
          en: 'Use nomor or pemilik, not both',
        });
      }
      if (nomor) return { data: nomor.flatMap((value) => byNomor.get(value) ?? []) };
      if (pemilik) {
        const wanted = new Set(pemilik);
        return { data: izin.filter((record) => wanted.has(record.nikPemilik)) };
      }
      const data = izin.filter(
        (record) =>
          (kecamatan === undefined || sameText(record.lokasi.kecamatan, kecamatan)) &&
          (kbli === undefined || record.kbli.kode === kbli) &&
          (status === undefined || record.status === status),
      );
      return { data: data.slice(0, limit) };
    });

    app.get('/izin-usaha/:nomor', async (request) => {
      const { nomor } = request.params as { nomor: string };
      if (!NOMOR_IZIN_PATTERN.test(nomor)) throw badRequest(NOMOR_FORMAT);
      const record = byNomor.get(nomor);
      if (!record)
        throw notFound({ id: 'Izin usaha tidak ditemukan', en: 'No business permit with that number' });
      return record;
    });

    app.get('/persetujuan-bangunan-gedung', async (request) => {
      const query = request.query as Record<string, unknown>;
      const nomor = parseIdList(query.nomor, 'nomor', NOMOR_PBG_PATTERN, NOMOR_PBG_FORMAT);
      const kecamatan = optionalText(query.kecamatan, 'kecamatan');
      const status = parseEnum(query.status, 'status', STATUS_IZIN);
      const limit = parseLimit(query.limit);
      if (nomor) return { data: nomor.flatMap((value) => pbgByNomor.get(value) ?? []) };
      const data = pbg.filter(
        (record) =>
          (kecamatan === undefined || sameText(record.lokasi.kecamatan, kecamatan)) &&
          (status === undefined || record.status === status),
      );
      return { data: data.slice(0, limit) };
    });

    app.get('/persetujuan-bangunan-gedung/:nomor', async (request) => {
      const { nomor } = request.params as { nomor: string };
      if (!NOMOR_PBG_PATTERN.test(nomor)) throw badRequest(NOMOR_PBG_FORMAT);
      const record = pbgByNomor.get(nomor);
      if (!record)
        throw notFound({ id: 'Persetujuan bangunan gedung tidak ditemukan', en: 'No building approval with that number' });
      return record;
    });
  });
}
