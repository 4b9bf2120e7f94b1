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

/** Function of a building (PP 16/2021 Pasal 4). */
export type FungsiBangunan = 'HUNIAN' | 'KEAGAMAAN' | 'USAHA' | 'SOSIAL_BUDAYA' | 'KHUSUS';

/** Persetujuan Bangunan Gedung (PP 16/2021), issued through the same one-stop office. */
export interface PersetujuanBangunanGedungRecord {
  /** SK number, e.g. SK-PBG-350104-01012022-01 (district code, issue date, sequence). */
  nomor: string;
  namaBangunan: string;
  fungsiBangunan: FungsiBangunan;
  /** Floor area in m². */
  luasBangunan: number;
  jumlahLantai: number;
  lokasi: { alamat: string; desa: string; kecamatan: string };
  tanggalTerbit: string;
  status: StatusIzin;
  /** NIK of the owner (a resident, Disdukcapil). */
  nikPemilik: string;
}

export const NOMOR_PBG_PATTERN = /^SK-PBG-\d{6}-\d{8}-\d{2}$/;
