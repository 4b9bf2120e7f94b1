/** Records of the BKPSDM REST API (the JSON it serves, which is also its seed data). */
export type JenisKepegawaian = 'PNS' | 'PPPK';
export type JenisJabatan = 'STRUKTURAL' | 'FUNGSIONAL' | 'PELAKSANA';
export type StatusPegawai = 'AKTIF' | 'CUTI' | 'PENSIUN';

export interface PegawaiRecord {
  /** Nomor Induk Pegawai, 18 digits: birth date, appointment month, sex, sequence. */
  nip: string;
  /** The employee's resident record at Disdukcapil. */
  nik: string;
  /** Name with academic titles, as in the appointment decree. */
  nama: string;
  jenisKepegawaian: JenisKepegawaian;
  golongan: string;
  pangkat: string | null;
  jabatan: string;
  jenisJabatan: JenisJabatan;
  unitKerja: string;
  tmtPengangkatan: string;
  pendidikanTerakhir: string | null;
  emailDinas: string;
  status: StatusPegawai;
}

export const JENIS_KEPEGAWAIAN: readonly JenisKepegawaian[] = ['PNS', 'PPPK'];
