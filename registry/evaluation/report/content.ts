/**
 * What the monitoring-and-evaluation report says, decided once for both renderers: the headings, the
 * summary, the tables (as plain-text cells), the charts' bars and the notes, in Indonesian. html.ts
 * turns it into one HTML page, pdf.ts into an A4 PDF; neither chooses a figure or a word of its own,
 * so the two always show the same report. Nothing here is escaped: each renderer makes the text safe
 * for its own format.
 */
import type { GroupRow } from '../../repositories/AccessLogRepository.ts';
import type { EvaluationReport } from './buildReport.ts';
import { WIB_OFFSET_MS } from '../range.ts';
import { formatNumber } from './charts.ts';
import type { Bar } from './charts.ts';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `1 Maret 2025` (WIB). */
export function formatDateId(instant: Date): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`;
}

/** `2025-03-01` → `1 Maret 2025`. */
export function formatDayId(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** `1 Maret 2025 pukul 08.30 WIB`. */
export function formatDateTimeId(instant: Date): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  const time = wib.toISOString().slice(11, 16).replace(':', '.');
  return `${formatDateId(instant)} pukul ${time} WIB`;
}

/** The report's period as people read it: `1 Februari 2025 – 14 Februari 2025` (`to` is exclusive). */
export function formatPeriodId(from: Date, to: Date): string {
  return `${formatDateId(from)} – ${formatDateId(new Date(to.getTime() - 1))}`;
}

const ms = (value: number | null): string => (value === null ? '–' : `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })} ms`);
const pct = (part: number, whole: number): string => (whole === 0 ? '–' : `${((part / whole) * 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`);

/** Said wherever a table or chart has nothing to show. */
export const NO_DATA = 'Tidak ada data pada periode ini.';

export interface Cell {
  text: string;
  /** An identifier (field coordinate, operation hash): shown in a monospaced font. */
  code?: boolean;
  /** A second, smaller line under the text (the client's organization). */
  detail?: string;
}

export interface TableBlock {
  kind: 'table';
  headers: readonly string[];
  rows: Cell[][];
  /** Columns from this index on are figures: right-aligned, never wrapped. */
  numericFrom: number;
}

export interface ChartBlock {
  /** `columns`: one column per day, over time; `bars`: one horizontal bar per category, as given. */
  kind: 'columns' | 'bars';
  title: string;
  bars: Bar[];
  /** Labels whose bar is drawn in the accent colour (days with a misuse signal). */
  highlight?: ReadonlySet<string>;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** `note`: smaller explanatory text; `empty`: the "no data" remark. */
  style: 'plain' | 'note' | 'empty';
}

export type ReportBlock = TableBlock | ChartBlock | ParagraphBlock;

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportContent {
  title: string;
  /** The document's title (HTML `<title>`, PDF metadata). */
  documentTitle: string;
  /** Lines under the title: addressee, period, when and by whom it was drawn up. */
  meta: string[];
  period: string;
  sections: ReportSection[];
}

const SIGNAL_KIND: Record<string, string> = {
  volume: 'Lonjakan volume',
  denied: 'Percobaan akses ditolak',
  offHours: 'Akses di luar jam kerja',
  quota: 'Melampaui kuota',
};

const text = (value: string): Cell => ({ text: value });
const label = (row: GroupRow, fallback: string): string => row.label ?? row.key ?? fallback;
const clientLabel = (row: GroupRow): string => (row.key === null ? 'Tanpa kredensial sah' : label(row, '-'));
const empty: ParagraphBlock = { kind: 'paragraph', text: NO_DATA, style: 'empty' };

function table(headers: readonly string[], rows: Cell[][], numericFrom = 1): TableBlock {
  return { kind: 'table', headers, rows, numericFrom };
}

/** A horizontal bar chart, left out when there is nothing to draw (the table under it says so). */
function bars(title: string, rows: readonly GroupRow[], labelOf: (row: GroupRow) => string): ChartBlock[] {
  return rows.length === 0 ? [] : [{ kind: 'bars', title, bars: rows.map((row) => ({ label: labelOf(row), value: row.requests })) }];
}

export function reportContent(report: EvaluationReport): ReportContent {
  const { totals } = report;
  const period = formatPeriodId(report.from, report.to);
  const signalDays = new Set(report.signals.map((signal) => signal.day));
  const busiest = [...report.days].sort((a, b) => b.requests - a.requests)[0];

  const summary = table(
    ['Indikator', 'Nilai'],
    [
      ['Jumlah permintaan', formatNumber(totals.requests)],
      ['Akses field (data yang dilayani)', formatNumber(totals.fieldAccesses)],
      ['Permintaan ditolak (tanpa hak akses)', `${formatNumber(totals.denied)} (${pct(totals.denied, totals.requests)})`],
      ['Permintaan gagal (kesalahan layanan)', `${formatNumber(totals.errors)} (${pct(totals.errors, totals.requests)})`],
      ['Permintaan terlayani sebagian', formatNumber(totals.partial)],
      ['Permintaan tanpa kredensial sah', formatNumber(totals.unauthenticated)],
      ['Aplikasi klien aktif', formatNumber(totals.clients)],
      ['Waktu respons median (p50)', ms(totals.p50Ms)],
      ['Waktu respons p95 / p99', `${ms(totals.p95Ms)} / ${ms(totals.p99Ms)}`],
      ['Sinyal potensi penyalahgunaan', formatNumber(report.signals.length)],
    ].map((row) => row.map(text)),
  );

  const daily: ReportBlock[] =
    report.days.length === 0
      ? [empty]
      : [{ kind: 'columns', title: 'Permintaan harian', bars: report.days.map((row) => ({ label: row.key ?? '', value: row.requests })), highlight: signalDays }];
  if (busiest) {
    daily.push({
      kind: 'paragraph',
      style: 'plain',
      text:
        `Hari tersibuk: ${formatDayId(busiest.key ?? '')} dengan ${formatNumber(busiest.requests)} permintaan.` +
        (signalDays.size > 0 ? ' Batang merah menandai hari dengan sinyal potensi penyalahgunaan.' : ''),
    });
  }

  const agencyRows = report.agencies.map((row) =>
    [
      label(row, '-'),
      formatNumber(row.requests),
      formatNumber(row.fieldAccesses ?? 0),
      formatNumber(row.denied ?? 0),
      formatNumber(row.errors ?? 0),
      formatNumber(row.clients ?? 0),
      ms(row.p95Ms),
    ].map(text),
  );

  const clientRows = report.clients.map((row) =>
    [clientLabel(row), formatNumber(row.requests), formatNumber(row.fieldAccesses ?? 0), formatNumber(row.denied ?? 0), formatNumber(row.errors ?? 0), ms(row.p95Ms)].map(text),
  );

  const fieldRows = report.fields.map((row) => [
    { text: row.key ?? '', code: true },
    text(row.agency ?? '-'),
    text(row.classification ?? '-'),
    text(row.personalData ? 'Ya' : 'Tidak'),
    text(formatNumber(row.requests)),
    text(formatNumber(row.denied ?? 0)),
    text(formatNumber(row.clients ?? 0)),
  ]);

  const operationRows = report.operations.map((row) => [
    text(row.label ?? '(tanpa nama)'),
    { text: (row.key ?? '-').slice(0, 12), code: true },
    ...[formatNumber(row.requests), formatNumber(row.clients ?? 0), formatNumber(row.denied ?? 0), ms(row.p50Ms), ms(row.p95Ms)].map(text),
  ]);

  const subgraphRows = report.subgraphs.map((row) =>
    [row.key ?? '-', formatNumber(row.requests), formatNumber(row.errors ?? 0), pct(row.errors ?? 0, row.requests), ms(row.p50Ms), ms(row.p95Ms), ms(row.p99Ms)].map(text),
  );

  const signalRows = report.signals.map((signal) => [
    text(formatDayId(signal.day)),
    { text: signal.client ?? signal.clientId, ...(signal.organization ? { detail: signal.organization } : {}) },
    text(SIGNAL_KIND[signal.kind] ?? signal.kind),
    text(signal.message),
  ]);

  return {
    title: 'Laporan Pemantauan dan Evaluasi Sistem Penghubung Layanan Pemerintah (SPLP)',
    documentTitle: `Laporan Pemantauan dan Evaluasi SPLP — ${period}`,
    meta: ['Kepada Yth. Bupati/Wali Kota', `Periode: ${period}`, `Disusun: ${formatDateTimeId(report.generatedAt)} oleh Penghubung (Dinas Kominfo)`],
    period,
    sections: [
      { heading: '1. Ringkasan', blocks: [summary] },
      { heading: '2. Tren Permintaan Harian', blocks: daily },
      {
        heading: '3. Penggunaan Data per Perangkat Daerah',
        blocks: [
          ...bars('Permintaan per Perangkat Daerah', report.agencies, (row) => label(row, '-')),
          table(['Perangkat Daerah', 'Permintaan', 'Akses field', 'Ditolak', 'Gagal', 'Aplikasi klien', 'p95'], agencyRows),
        ],
      },
      {
        heading: '4. Penggunaan per Aplikasi Klien',
        blocks: [
          ...bars('Permintaan per aplikasi klien', report.clients, clientLabel),
          table(['Aplikasi klien', 'Permintaan', 'Akses field', 'Ditolak', 'Gagal', 'p95'], clientRows),
        ],
      },
      {
        heading: '5. Field yang Paling Sering Diakses',
        blocks: [table(['Field', 'Perangkat Daerah', 'Klasifikasi', 'Data pribadi', 'Diakses', 'Ditolak', 'Aplikasi klien'], fieldRows, 4)],
      },
      {
        heading: '6. Operasi Teratas',
        blocks: [table(['Operasi', 'Hash', 'Permintaan', 'Aplikasi klien', 'Ditolak', 'p50', 'p95'], operationRows, 2)],
      },
      {
        heading: '7. Tingkat Kesalahan dan Waktu Respons per Subgraph',
        blocks: [
          ...bars('Panggilan per subgraph', report.subgraphs, (row) => row.key ?? '-'),
          table(['Subgraph', 'Panggilan', 'Gagal', 'Tingkat kesalahan', 'p50', 'p95', 'p99'], subgraphRows),
        ],
      },
      {
        heading: '8. Sinyal Potensi Penyalahgunaan',
        blocks: [
          {
            kind: 'paragraph',
            style: 'note',
            text:
              `Aplikasi klien yang perilakunya menyimpang tajam dari riwayatnya sendiri (lebih dari ${formatNumber(report.thresholds.factor)}× median ` +
              `${formatNumber(report.thresholds.historyDays)} hari sebelumnya: volume harian, percobaan akses yang ditolak, porsi akses pukul 22.00–05.00 WIB), ` +
              'atau melampaui kuota harian yang disetujui. Sinyal adalah bahan pemeriksaan, bukan kesimpulan.',
          },
          table(['Tanggal', 'Aplikasi klien', 'Jenis', 'Uraian'], signalRows, 4),
        ],
      },
      {
        heading: '9. Catatan Metodologi',
        blocks: [
          {
            kind: 'paragraph',
            style: 'note',
            text:
              'Angka diambil dari log akses Penghubung: setiap permintaan ke gateway dicatat sebelum jawabannya dikirim, dalam rantai hash dengan titik periksa ' +
              'bertanda tangan, sehingga keutuhannya dapat diverifikasi. Hari dihitung menurut WIB. "Akses field" adalah jumlah field yang dilayani pada ' +
              'permintaan yang berhasil (seluruhnya atau sebagian); "ditolak" adalah permintaan yang meminta field tanpa hak akses dan tidak diteruskan ke ' +
              'Perangkat Daerah. Nilai variabel seperti NIK disamarkan di log. Laporan ini disusun untuk pemantauan dan evaluasi SPLP kepada kepala daerah ' +
              '(mis. Perbup Pacitan 138/2023 Pasal 8; Perwali Baubau 32/2024 Pasal 9 ayat (3)).',
          },
        ],
      },
    ],
  };
}
