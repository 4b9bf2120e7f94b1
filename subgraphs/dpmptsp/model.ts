/** Records of the DPMPTSP REST API (the JSON it serves, which is also its seed data). */

/** Risk level of a business under risk-based licensing (PP 5/2021). */
export type TingkatRisiko = 'RENDAH' | 'MENENGAH_RENDAH' | 'MENENGAH_TINGGI' | 'TINGGI';
/** What the OSS issues for that risk: NIB only, NIB + standard certificate, or NIB + licence. */
export type JenisPerizinan = 'NIB' | 'SERTIFIKAT_STANDAR' | 'IZIN';
export type SkalaUsaha = 'MIKRO' | 'KECIL' | 'MENENGAH' | 'BESAR';
export type StatusIzin = 'AKTIF' | 'DICABUT' | 'KEDALUWARSA';

export const STATUS_IZIN: readonly StatusIzin[] = ['AKTIF', 'DICABUT', 'KEDALUWARSA'];

export interface IzinUsahaRecord {
  /** Permit number, e.g. IZ-3501-2023-00015. */
  nomor: string;
  /** Nomor Induk Berusaha of the owner (13 digits, one per business actor). */
  nib: string;
  namaUsaha: string;
  /** Klasifikasi Baku Lapangan Usaha Indonesia 2020. */
  kbli: { kode: string; judul: string };
  jenisPerizinan: JenisPerizinan;
  tingkatRisiko: TingkatRisiko;
  skalaUsaha: SkalaUsaha;
  lokasi: { alamat: string; desa: string; kecamatan: string };
  /** Capital in rupiah. */
  modalUsaha: number;
  jumlahTenagaKerja: number;
  tanggalTerbit: string;
  berlakuSampai: string | null;
  status: StatusIzin;
  /** NIK of the owner (a resident, Disdukcapil). */
  nikPemilik: string;
}

export const NOMOR_IZIN_PATTERN = /^IZ-\d{4}-\d{4}-\d{5}$/;
