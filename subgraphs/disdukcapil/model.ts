/** Records of the Disdukcapil REST API (the JSON it serves, which is also its seed data). */
export interface AlamatRecord {
  jalan: string;
  rt: string;
  rw: string;
  desa: string;
  kecamatan: string;
  kabupaten: string;
  provinsi: string;
  kodePos: string;
  kodeWilayah: string;
}

export type JenisKelamin = 'LAKI_LAKI' | 'PEREMPUAN';
export type StatusPerkawinan = 'BELUM_KAWIN' | 'KAWIN' | 'CERAI_HIDUP' | 'CERAI_MATI';
export type HubunganKeluarga =
  | 'KEPALA_KELUARGA'
  | 'SUAMI'
  | 'ISTRI'
  | 'ANAK'
  | 'MENANTU'
  | 'CUCU'
  | 'ORANG_TUA'
  | 'MERTUA'
  | 'FAMILI_LAIN';

export interface PendudukRecord {
  nik: string;
  nomorKk: string;
  nama: string;
  jenisKelamin: JenisKelamin;
  tempatLahir: string;
  tanggalLahir: string;
  agama: string;
  statusPerkawinan: StatusPerkawinan;
  pekerjaan: string;
  pendidikanTerakhir: string | null;
  golonganDarah: string | null;
  kewarganegaraan: string;
  hubunganKeluarga: HubunganKeluarga;
  namaAyah: string | null;
  namaIbu: string | null;
  alamat: AlamatRecord;
}

export interface KartuKeluargaRecord {
  nomorKk: string;
  nikKepalaKeluarga: string;
  /** NIKs of every member, head first. */
  anggota: string[];
  alamat: AlamatRecord;
  tanggalTerbit: string;
}
