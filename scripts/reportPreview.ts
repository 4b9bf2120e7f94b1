/**
 * The picture of the report for the head of region shown in the README: a registry on a throwaway
 * embedded database, two months of generated access-log traffic for the demo's four agencies (a real
 * hash chain, with a volume spike over a quota, a burst of refused attempts and a night of off-hours
 * access in the second month), the directory's descriptions of the fields, then the PDF report of the
 * second month from the registry's own route, and its first page as PNG through poppler's `pdftoppm`.
 *
 *   npm run report:preview            → docs/laporan-contoh.png (and docs/laporan-contoh.pdf, not committed)
 *
 * Needs `pdftoppm` (Debian/Ubuntu: `apt-get install poppler-utils`).
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type { RegistryConfig } from '../registry/deps.ts';
import { wibMidnight } from '../registry/evaluation/range.ts';
import { DEFAULT_WORLD, generateLogRows, insertLogRows, seedLogWorld } from '../tests/support/generateLogRows.ts';
import type { Anomaly, WorldSpec } from '../tests/support/generateLogRows.ts';
import { startTestRegistry, testConfig } from '../tests/support/registry.ts';

const OUT_DIR = path.resolve(process.argv[2] ?? 'docs');
const SECRET = 'kunci-hash-pencarian-contoh-laporan';
const FROM = '2026-10-01';
const REPORT_FROM = '2026-11-01';
const END = '2026-12-01'; // exclusive

const WORLD: WorldSpec = {
  ...DEFAULT_WORLD,
  clients: [
    { key: 'simpus', name: 'SIMPUS Puskesmas', organization: 'Dinas Kesehatan', operations: ['StatusLayananKesehatan', 'DaftarFaskes'], dailyRequests: 90, offHoursShare: 0.04, deniedShare: 0.01, errorShare: 0.01 },
    {
      key: 'bansos',
      name: 'Aplikasi Bansos',
      organization: 'Dinas Sosial',
      operations: ['CariPenduduk', 'KeluargaPenduduk'],
      dailyRequests: 70,
      offHoursShare: 0.02,
      deniedShare: 0.02,
      errorShare: 0.005,
      quota: { graph: 'kependudukan', coordinate: 'Query.penduduk', perDay: 100 },
    },
    { key: 'simpeg', name: 'SIMPEG Inspektorat', organization: 'Inspektorat', operations: ['DataPegawai'], dailyRequests: 25, offHoursShare: 0.01, deniedShare: 0.01, errorShare: 0.005 },
    { key: 'oss', name: 'Portal Perizinan', organization: 'DPMPTSP', operations: ['CekIzin', 'PemohonIzin'], dailyRequests: 40, offHoursShare: 0.03, deniedShare: 0.01, errorShare: 0.01 },
  ],
};

const ANOMALIES: Anomaly[] = [
  { client: 'bansos', day: '2026-11-16', kind: 'volume', factor: 4 },
  { client: 'simpeg', day: '2026-11-18', kind: 'denied', count: 60 },
  { client: 'oss', day: '2026-11-24', kind: 'offHours', count: 40 },
];

/** What the service directory says of each field (as the agencies' schemas describe them). */
const DESCRIPTIONS: Record<string, string> = {
  'Query.penduduk': 'Pencarian penduduk dengan NIK',
  'Penduduk.nik': 'Nomor Induk Kependudukan, 16 digit',
  'Penduduk.nama': 'Nama lengkap sesuai KTP-el',
  'Penduduk.alamat': 'Alamat tempat tinggal',
  'Penduduk.tanggalLahir': 'Tanggal lahir (YYYY-MM-DD)',
  'Query.keluarga': 'Pencarian kartu keluarga dengan nomor KK',
  'Keluarga.anggota': 'Anggota keluarga',
  'Query.pegawai': 'Pegawai dengan NIP (18 digit); null bila tidak terdaftar',
  'Pegawai.nip': 'Nomor Induk Pegawai, 18 digit',
  'Pegawai.nama': 'Nama lengkap dengan gelar',
  'Pegawai.jabatan': 'Jabatan pegawai',
  'Pegawai.gaji': 'Gaji pokok pegawai',
  'Query.izin': 'Izin dengan nomornya',
  'Izin.nomor': 'Nomor izin',
  'Izin.jenis': 'Jenis izin',
  'Izin.status': 'Status izin',
  'Izin.pemohon': 'Pemohon izin (data kependudukan)',
  'Query.fasilitasKesehatan': 'Fasilitas kesehatan dengan kodenya',
  'FasilitasKesehatan.nama': 'Nama fasilitas kesehatan',
  'Penduduk.statusJkn': 'Status kepesertaan JKN',
  'Penduduk.statusVaksinasi': 'Status vaksinasi penduduk',
};

async function main(): Promise<void> {
  const config = {
    ...testConfig,
    evaluation: { logLookupSecret: SECRET },
    report: {
      region: 'Kabupaten Pacitan',
      head: 'Bupati Pacitan',
      place: 'Pacitan',
      signer: { name: 'Drs. Budi Santoso, M.Si.', title: 'Kepala Dinas Komunikasi dan Informatika Kabupaten Pacitan', nip: '197801012005011003' },
    },
  } as RegistryConfig;
  // The registry's clock stands at the report's drawing-up, so the picture is the same on every run.
  const registry = await startTestRegistry({ config, now: () => new Date('2026-12-01T02:00:00Z') });
  try {
    const db = registry.database.db;
    const world = await seedLogWorld(db, WORLD, { from: wibMidnight(FROM), to: wibMidnight(END) });
    for (const [coordinate, description] of Object.entries(DESCRIPTIONS)) {
      await db.execute(sql`update field_metadata set description = ${description} where coordinate = ${coordinate}`);
    }
    const rows = generateLogRows({ world, from: wibMidnight(FROM), to: wibMidnight(END), secret: SECRET, seed: 11, anomalies: ANOMALIES, identifierPool: 500, chained: true });
    const count = await insertLogRows(db, rows);
    const response = await fetch(`${registry.url}/v1/log/report?from=${REPORT_FROM}&to=2026-11-30&format=pdf`, {
      headers: { authorization: `Bearer ${registry.admin.token}` },
    });
    if (response.status !== 200) throw new Error(`report: HTTP ${response.status} ${await response.text()}`);
    await mkdir(OUT_DIR, { recursive: true });
    const pdf = path.join(OUT_DIR, 'laporan-contoh.pdf');
    await writeFile(pdf, Buffer.from(await response.arrayBuffer()));
    await promisify(execFile)('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT_DIR, 'laporan-contoh')]);
    process.stdout.write(`${count} catatan log dibuat; halaman pertama laporan: ${path.join(OUT_DIR, 'laporan-contoh.png')}\n`);
  } finally {
    await registry.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
