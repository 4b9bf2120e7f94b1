/**
 * Request and response schemas of the evaluation routes. Every query schema is strict: a filter key
 * the route does not know is refused with 400, never silently ignored (an evaluator who mistypes
 * `clientid` must not get the whole log believing it is one client's). Text filters are bounded in
 * length and reach SQL only as bind parameters.
 */
import { z } from 'zod';
import { accessOutcomes } from '../../drizzle/schema/log.ts';

/** Largest page of `GET /v1/log/records`; a larger `limit` is refused with 400, not clamped. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
/** Largest number of groups `GET /v1/log/stats` returns (days are never cut: at most 367). */
export const MAX_STATS_ROWS = 1000;
/** How many values a repeatable filter (`coordinate`, `outcome`) may carry. */
export const MAX_FILTER_VALUES = 20;

const text = (max: number) => z.string().trim().min(1).max(max);
/** One printed line of the report (region, official). */
const reportLine = (max: number) => text(max).optional();
const instant = z
  .string()
  .trim()
  .min(10)
  .max(40)
  .describe('Tanggal (2025-03-01, dibaca WIB) atau waktu ISO 8601 dengan zona (2025-03-01T08:00:00+07:00)');

/** One value or the key repeated (`coordinate=A&coordinate=B`), as a list. */
function repeatable<T extends z.ZodType>(item: T) {
  return z
    .union([item, z.array(item).min(1).max(MAX_FILTER_VALUES)])
    .transform((value): z.output<T>[] => (Array.isArray(value) ? value : [value]));
}

export const filterShape = {
  from: instant.describe('Awal rentang (inklusif), wajib / start of the range (inclusive), required'),
  to: instant.describe('Akhir rentang (eksklusif; tanggal saja = sampai akhir hari itu WIB), wajib, paling lama 366 hari'),
  clientId: z.uuid().optional().describe('ID aplikasi klien'),
  agency: text(100).optional().describe('Slug PD: permintaan yang memanggil subgraph PD ini'),
  graph: text(100).optional().describe('Nama graf'),
  coordinate: repeatable(text(200)).optional().describe('Koordinat field (Type.field); diulang = semuanya harus ada'),
  outcome: repeatable(z.enum(accessOutcomes)).optional().describe('Hasil: ok, partial, denied, error, unauthenticated; diulang = salah satu'),
  operationName: text(200).optional().describe('Nama operasi GraphQL'),
  operationHash: text(128).optional().describe('Hash operasi'),
  value: text(200)
    .optional()
    .describe('Nilai variabel (mis. NIK): dicari lewat hash pencarian HMAC, nilai aslinya tidak disimpan di log'),
};

export const searchQuery = z
  .object({
    ...filterShape,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE)
      .default(DEFAULT_PAGE_SIZE)
      .describe(`Ukuran halaman, 1–${MAX_PAGE_SIZE} (lebih besar ditolak dengan 400)`),
    cursor: z.string().trim().min(1).max(200).optional().describe('nextCursor dari halaman sebelumnya'),
  })
  .strict();
export type SearchQuery = z.output<typeof searchQuery>;

/** The filters every evaluator view shares (search, export, stats). */
export const filterQuery = z.object(filterShape).strict();
export type FilterQuery = z.output<typeof filterQuery>;

export const exportQuery = z
  .object({
    ...filterShape,
    separator: z.enum([',', ';']).default(',').describe('Pemisah kolom: `;` untuk spreadsheet berpengaturan Indonesia'),
    lang: z.enum(['id', 'en']).optional().describe('Bahasa judul kolom (bawaan: Accept-Language, lalu id)'),
  })
  .strict();

export const statsGroups = ['client', 'agency', 'field', 'day', 'operation', 'subgraph'] as const;
export type StatsGroup = (typeof statsGroups)[number];

export const statsQuery = z
  .object({
    ...filterShape,
    groupBy: z.enum(statsGroups).default('day').describe('Pengelompokan'),
    limit: z.coerce.number().int().min(1).max(MAX_STATS_ROWS).default(100).describe('Jumlah kelompok teratas (hari tidak dipotong)'),
  })
  .strict();
export type StatsQuery = z.output<typeof statsQuery>;

export const signalsQuery = z
  .object({
    from: filterShape.from,
    to: filterShape.to,
    clientId: filterShape.clientId,
  })
  .strict();
export type SignalsQuery = z.output<typeof signalsQuery>;

export const reportQuery = z
  .object({
    from: filterShape.from,
    to: filterShape.to,
    format: z.enum(['html', 'pdf']).default('html'),
    lang: z.enum(['id', 'en']).optional().describe('Bahasa laporan (bawaan: Accept-Language, lalu id)'),
    region: reportLine(120).describe('Nama daerah, mis. Kabupaten Pacitan (bawaan: PENGHUBUNG_REGION_NAME)'),
    head: reportLine(120).describe('Kepala daerah yang dituju, mis. Bupati Pacitan (bawaan: PENGHUBUNG_REGION_HEAD)'),
    place: reportLine(80).describe('Tempat penandatanganan, mis. Pacitan (bawaan: PENGHUBUNG_REPORT_PLACE)'),
    signerName: reportLine(120).describe('Nama pejabat penanda tangan (bawaan: PENGHUBUNG_REPORT_SIGNER_NAME)'),
    signerTitle: reportLine(200).describe('Jabatan penanda tangan (bawaan: PENGHUBUNG_REPORT_SIGNER_TITLE)'),
    signerNip: z
      .string()
      .trim()
      .regex(/^\d{18}$/, 'NIP harus 18 digit')
      .optional()
      .describe('NIP penanda tangan, 18 digit (bawaan: PENGHUBUNG_REPORT_SIGNER_NIP)'),
  })
  .strict();
export type ReportQuery = z.output<typeof reportQuery>;

// ---------------------------------------------------------------------------------------------
// Responses

export const logRecordView = z
  .object({
    seq: z.number(),
    occurredAt: z.string(),
    requestId: z.string(),
    clientId: z.string().nullable(),
    clientName: z.string().nullable(),
    credentialId: z.string().nullable(),
    graph: z.string(),
    operationName: z.string().nullable(),
    operationHash: z.string().nullable(),
    variables: z.unknown().describe('Variabel yang sudah disamarkan'),
    coordinates: z.array(z.string()),
    deniedCoordinates: z.array(z.string()),
    subgraphNames: z.array(z.string()),
    subgraphCalls: z.unknown(),
    outcome: z.enum(accessOutcomes),
    errorCode: z.string().nullable(),
    durationMs: z.number(),
    responseBytes: z.number(),
    clientAddress: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'LogRecord' });

export const logPageView = z
  .object({
    records: z.array(logRecordView),
    nextCursor: z.string().nullable().describe('Kirim sebagai `cursor` untuk halaman berikutnya; null = habis'),
    limit: z.number(),
  })
  .meta({ id: 'LogPage' });

const percentiles = {
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
};

export const statsTotalsView = z.object({
  requests: z.number(),
  fieldAccesses: z.number(),
  denied: z.number(),
  errors: z.number(),
  partial: z.number(),
  unauthenticated: z.number(),
  clients: z.number(),
  ...percentiles,
});

export const statsRowView = z.object({
  key: z.string().nullable().describe('client: ID klien; agency: slug; field: koordinat; day: YYYY-MM-DD (WIB); operation: hash; subgraph: nama'),
  label: z.string().nullable(),
  requests: z.number().describe('Permintaan (subgraph: panggilan)'),
  fieldAccesses: z.number().optional(),
  denied: z.number().optional(),
  errors: z.number().optional(),
  errorRate: z.number().optional(),
  clients: z.number().optional(),
  agency: z.string().nullable().optional(),
  personalData: z.boolean().optional(),
  classification: z.string().nullable().optional(),
  ...percentiles,
});

export const statsView = z
  .object({
    groupBy: z.enum(statsGroups),
    from: z.string(),
    to: z.string(),
    totals: statsTotalsView,
    rows: z.array(statsRowView),
  })
  .meta({ id: 'LogStats' });

export const signalKinds = ['volume', 'denied', 'offHours', 'quota'] as const;
export type SignalKind = (typeof signalKinds)[number];

export const signalView = z.object({
  kind: z.enum(signalKinds),
  clientId: z.string(),
  client: z.string().nullable(),
  organization: z.string().nullable(),
  day: z.string().describe('Tanggal WIB'),
  message: z.string(),
  messageEn: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});

export const signalsView = z
  .object({
    from: z.string(),
    to: z.string(),
    thresholds: z.record(z.string(), z.number()),
    signals: z.array(signalView),
  })
  .meta({ id: 'MisuseSignals' });
