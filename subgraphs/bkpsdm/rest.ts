/**
 * The BKPSDM REST API (demo): civil servants (PNS and PPPK) of the Pemerintah Kabupaten Pacitan.
 *
 *   GET /pegawai?nip=a,b,c                  batch by NIP (18 digits, up to 500)
 *   GET /pegawai?nik=a,b                    employees who are these residents
 *   GET /pegawai?unitKerja=…&jenisKepegawaian=PNS|PPPK   (limit, default 100)
 *   GET /pegawai/:nip                       one employee (400 malformed NIP, 404 unknown)
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
import { JENIS_KEPEGAWAIAN } from './model.ts';
import type { PegawaiRecord } from './model.ts';

export const BKPSDM_AGENCY = 'BKPSDM';

const NIP = /^\d{18}$/;
const NIK = /^\d{16}$/;
const NIP_FORMAT = { id: 'NIP harus 18 digit angka', en: 'a NIP must be 18 digits' };
const NIK_FORMAT = { id: 'NIK harus 16 digit angka', en: 'a NIK must be 16 digits' };

export interface BkpsdmRestOptions {
  /** The secret the subgraph presents (see subgraphs/shared/restServer.ts); random unless given. */
  credential?: string;
  logger?: FastifyServerOptions['logger'];
}

export function buildBkpsdmRestBackend(options: BkpsdmRestOptions = {}): RestBackend {
  const pegawai = readSeed<PegawaiRecord>(new URL('./data/pegawai.json', import.meta.url));
  const byNip = new Map(pegawai.map((record) => [record.nip, record]));

  return buildRestServer({ agency: BKPSDM_AGENCY, logger: options.logger, ...(options.credential === undefined ? {} : { credential: options.credential }) }, (app) => {
    app.get('/pegawai', async (request) => {
      const query = request.query as Record<string, unknown>;
      const nips = parseIdList(query.nip, 'nip', NIP, NIP_FORMAT);
      const niks = parseIdList(query.nik, 'nik', NIK, NIK_FORMAT);
      const unitKerja = optionalText(query.unitKerja, 'unitKerja');
      const jenis = parseEnum(query.jenisKepegawaian, 'jenisKepegawaian', JENIS_KEPEGAWAIAN);
      const limit = parseLimit(query.limit);
      if (nips && niks)
        throw badRequest({ id: 'Pakai nip atau nik, bukan keduanya', en: 'Use nip or nik, not both' });
      if (nips) return { data: nips.flatMap((nip) => byNip.get(nip) ?? []) };
      if (niks) {
        const wanted = new Set(niks);
        return { data: pegawai.filter((record) => wanted.has(record.nik)) };
      }
      const data = pegawai.filter(
        (record) =>
          (unitKerja === undefined || sameText(record.unitKerja, unitKerja)) &&
          (jenis === undefined || record.jenisKepegawaian === jenis),
      );
      return { data: data.slice(0, limit) };
    });

    app.get('/pegawai/:nip', async (request) => {
      const { nip } = request.params as { nip: string };
      if (!NIP.test(nip)) throw badRequest(NIP_FORMAT);
      const record = byNip.get(nip);
      if (!record)
        throw notFound({
          id: 'Pegawai dengan NIP tersebut tidak ditemukan',
          en: 'No employee with that NIP',
        });
      return record;
    });
  });
}
