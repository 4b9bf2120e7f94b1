/**
 * The Disdukcapil REST API (demo): residents and family cards of Kabupaten Pacitan.
 *
 *   GET /penduduk?nik=a,b,c               batch by NIK (up to 500), found records only
 *   GET /penduduk?nomorKk=a,b             members of family cards
 *   GET /penduduk?kecamatan=…&desa=…      residents of a place (limit, default 100)
 *   GET /penduduk/:nik                    one resident (400 malformed NIK, 404 unknown)
 *   GET /kartu-keluarga?nomor=a,b         batch of family cards
 *   GET /kartu-keluarga/:nomor            one family card
 *
 * Lists answer `{ data: [...] }`; errors answer `{ code, message, messageEn }`.
 */
import type { FastifyServerOptions } from 'fastify';
import {
  badRequest,
  buildRestServer,
  notFound,
  optionalText,
  parseIdList,
  parseLimit,
  readSeed,
  sameText,
} from '../shared/restServer.ts';
import type { RestBackend } from '../shared/restServer.ts';
import type { KartuKeluargaRecord, PendudukRecord } from './model.ts';

export const DISDUKCAPIL_AGENCY = 'Disdukcapil';

const NIK = /^\d{16}$/;
const NIK_FORMAT = { id: 'NIK harus 16 digit angka', en: 'a NIK must be 16 digits' };
const NOMOR_KK_FORMAT = { id: 'nomor KK harus 16 digit angka', en: 'a family card number must be 16 digits' };

export interface DisdukcapilRestOptions {
  /** The secret the subgraph presents (see subgraphs/shared/restServer.ts); random unless given. */
  credential?: string;
  logger?: FastifyServerOptions['logger'];
}

export function buildDisdukcapilRestBackend(options: DisdukcapilRestOptions = {}): RestBackend {
  const penduduk = readSeed<PendudukRecord>(new URL('./data/penduduk.json', import.meta.url));
  const kartuKeluarga = readSeed<KartuKeluargaRecord>(new URL('./data/kartu-keluarga.json', import.meta.url));
  const pendudukByNik = new Map(penduduk.map((record) => [record.nik, record]));
  const kkByNomor = new Map(kartuKeluarga.map((record) => [record.nomorKk, record]));

  return buildRestServer({ agency: DISDUKCAPIL_AGENCY, logger: options.logger, ...(options.credential === undefined ? {} : { credential: options.credential }) }, (app) => {
    app.get('/penduduk', async (request) => {
      const query = request.query as Record<string, unknown>;
      const niks = parseIdList(query.nik, 'nik', NIK, NIK_FORMAT);
      const nomorKk = parseIdList(query.nomorKk, 'nomorKk', NIK, NOMOR_KK_FORMAT);
      const kecamatan = optionalText(query.kecamatan, 'kecamatan');
      const desa = optionalText(query.desa, 'desa');
      const limit = parseLimit(query.limit);
      if (niks && nomorKk)
        throw badRequest({
          id: 'Pakai nik atau nomorKk, bukan keduanya',
          en: 'Use nik or nomorKk, not both',
        });
      if (niks) return { data: niks.flatMap((nik) => pendudukByNik.get(nik) ?? []) };
      if (nomorKk) {
        const wanted = new Set(nomorKk);
        return { data: penduduk.filter((record) => wanted.has(record.nomorKk)) };
      }
      const data = penduduk.filter(
        (record) =>
          (kecamatan === undefined || sameText(record.alamat.kecamatan, kecamatan)) &&
          (desa === undefined || sameText(record.alamat.desa, desa)),
      );
      return { data: data.slice(0, limit) };
    });

    app.get('/penduduk/:nik', async (request) => {
      const { nik } = request.params as { nik: string };
      if (!NIK.test(nik)) throw badRequest(NIK_FORMAT);
      const record = pendudukByNik.get(nik);
      if (!record)
        throw notFound({
          id: 'Penduduk dengan NIK tersebut tidak ditemukan',
          en: 'No resident with that NIK',
        });
      return record;
    });

    app.get('/kartu-keluarga', async (request) => {
      const query = request.query as Record<string, unknown>;
      const nomor = parseIdList(query.nomor, 'nomor', NIK, NOMOR_KK_FORMAT);
      if (!nomor) throw badRequest({ id: 'Parameter nomor wajib diisi', en: 'Parameter nomor is required' });
      return { data: nomor.flatMap((value) => kkByNomor.get(value) ?? []) };
    });

    app.get('/kartu-keluarga/:nomor', async (request) => {
      const { nomor } = request.params as { nomor: string };
      if (!NIK.test(nomor)) throw badRequest(NOMOR_KK_FORMAT);
      const record = kkByNomor.get(nomor);
      if (!record)
        throw notFound({ id: 'Kartu keluarga tidak ditemukan', en: 'No family card with that number' });
      return record;
    });
  });
}
