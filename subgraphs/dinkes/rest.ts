/**
 * The Dinkes REST API (demo): health facilities of Kabupaten Pacitan and the JKN (BPJS Kesehatan)
 * membership of residents as the Dinas Kesehatan holds it.
 *
 *   GET /fasilitas-kesehatan?kode=a,b              batch by facility code (up to 500)
 *   GET /fasilitas-kesehatan?kecamatan=…&jenis=PUSKESMAS   (limit, default 100)
 *   GET /fasilitas-kesehatan/:kode                 one facility (400 malformed, 404 unknown)
 *   GET /jaminan-kesehatan?nik=a,b                 JKN membership of residents (batch; non-members absent)
 *   GET /jaminan-kesehatan/:nik                    one resident's membership (404 when none)
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
import { JENIS_FASILITAS_KESEHATAN, KODE_FASKES_PATTERN } from './model.ts';
import type { FasilitasKesehatanRecord, JaminanKesehatanRecord } from './model.ts';

export const DINKES_AGENCY = 'Dinkes';

const NIK = /^\d{16}$/;
const KODE_FORMAT = {
  id: 'kode faskes 4–20 huruf besar/angka',
  en: 'a facility code is 4–20 capital letters/digits',
};
const NIK_FORMAT = { id: 'NIK harus 16 digit angka', en: 'a NIK must be 16 digits' };

export interface DinkesRestOptions {
  /** The secret the subgraph presents (see subgraphs/shared/restServer.ts); random unless given. */
  credential?: string;
  logger?: FastifyServerOptions['logger'];
}

export function buildDinkesRestBackend(options: DinkesRestOptions = {}): RestBackend {
  const faskes = readSeed<FasilitasKesehatanRecord>(
    new URL('./data/fasilitas-kesehatan.json', import.meta.url),
  );
  const jkn = readSeed<JaminanKesehatanRecord>(new URL('./data/jaminan-kesehatan.json', import.meta.url));
  const faskesByKode = new Map(faskes.map((record) => [record.kode, record]));
  const jknByNik = new Map(jkn.map((record) => [record.nik, record]));

  return buildRestServer({ agency: DINKES_AGENCY, logger: options.logger, ...(options.credential === undefined ? {} : { credential: options.credential }) }, (app) => {
    app.get('/fasilitas-kesehatan', async (request) => {
      const query = request.query as Record<string, unknown>;
      const kode = parseIdList(query.kode, 'kode', KODE_FASKES_PATTERN, KODE_FORMAT);
      const kecamatan = optionalText(query.kecamatan, 'kecamatan');
      const jenis = parseEnum(query.jenis, 'jenis', JENIS_FASILITAS_KESEHATAN);
      const limit = parseLimit(query.limit);
      if (kode) return { data: kode.flatMap((value) => faskesByKode.get(value) ?? []) };
      const data = faskes.filter(
        (record) =>
          (kecamatan === undefined || sameText(record.kecamatan, kecamatan)) &&
          (jenis === undefined || record.jenis === jenis),
      );
      return { data: data.slice(0, limit) };
    });

    app.get('/fasilitas-kesehatan/:kode', async (request) => {
      const { kode } = request.params as { kode: string };
      if (!KODE_FASKES_PATTERN.test(kode)) throw badRequest(KODE_FORMAT);
      const record = faskesByKode.get(kode);
      if (!record)
        throw notFound({
          id: 'Fasilitas kesehatan tidak ditemukan',
          en: 'No health facility with that code',
        });
      return record;
    });

    app.get('/jaminan-kesehatan', async (request) => {
      const query = request.query as Record<string, unknown>;
      const niks = parseIdList(query.nik, 'nik', NIK, NIK_FORMAT);
      if (!niks) throw badRequest({ id: 'Parameter nik wajib diisi', en: 'Parameter nik is required' });
      return { data: niks.flatMap((nik) => jknByNik.get(nik) ?? []) };
    });

    app.get('/jaminan-kesehatan/:nik', async (request) => {
      const { nik } = request.params as { nik: string };
      if (!NIK.test(nik)) throw badRequest(NIK_FORMAT);
      const record = jknByNik.get(nik);
      if (!record) {
        throw notFound({
          id: 'Penduduk ini bukan peserta JKN',
          en: 'This resident is not a JKN participant',
        });
      }
      return record;
    });
  });
}
