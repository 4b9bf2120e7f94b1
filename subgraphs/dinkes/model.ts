/** Records of the Dinkes REST API (the JSON it serves, which is also its seed data). */
export type JenisFasilitasKesehatan = 'RUMAH_SAKIT' | 'PUSKESMAS' | 'KLINIK_PRATAMA' | 'KLINIK_UTAMA';
/** FKTP: first-level facility (puskesmas, klinik pratama); FKRTL: referral facility. */
export type TingkatLayanan = 'FKTP' | 'FKRTL';
/** JKN participant segment: PBI (premium paid by the state budget or the region), PPU, PBPU, BP. */
export type JenisPesertaJkn =
  'PBI_APBN' | 'PBI_APBD' | 'PPU_PENYELENGGARA_NEGARA' | 'PPU_BADAN_USAHA' | 'PBPU' | 'BUKAN_PEKERJA';
export type StatusKepesertaan = 'AKTIF' | 'TIDAK_AKTIF';

export const JENIS_FASILITAS_KESEHATAN: readonly JenisFasilitasKesehatan[] = [
  'RUMAH_SAKIT',
  'PUSKESMAS',
  'KLINIK_PRATAMA',
  'KLINIK_UTAMA',
];

export interface FasilitasKesehatanRecord {
  /** Facility code (Kemenkes / BPJS), e.g. P3501040101 for a puskesmas, 3501015 for a hospital. */
  kode: string;
  nama: string;
  jenis: JenisFasilitasKesehatan;
  tingkat: TingkatLayanan;
  /** Hospital class (A–D) or puskesmas kind (Rawat Inap / Non Rawat Inap). */
  kelas: string | null;
  alamat: string;
  desa: string;
  kecamatan: string;
  telepon: string | null;
  kerjaSamaBpjs: boolean;
  jumlahTempatTidur: number;
}

export interface JaminanKesehatanRecord {
  /** JKN-KIS card number, 13 digits. */
  nomorKartu: string;
  nik: string;
  jenisPeserta: JenisPesertaJkn;
  kelasRawat: number;
  status: StatusKepesertaan;
  kodeFaskesTingkatPertama: string;
  tanggalMulai: string;
}

export const KODE_FASKES_PATTERN = /^[A-Z0-9]{4,20}$/;
