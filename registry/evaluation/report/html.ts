/**
 * The monitoring-and-evaluation report as one self-contained HTML page in Indonesian, for the
 * Bupati/Wali Kota: a summary, then tables with simple inline SVG bar charts, then the misuse signals
 * and a note on method. Every value from the log or the registry is escaped.
 */
import type { GroupRow } from '../AccessLogRepository.ts';
import type { EvaluationReport } from '../operations/buildEvaluationReport.ts';
import { WIB_OFFSET_MS } from '../range.ts';
import { columnChart, escapeHtml, formatNumber, horizontalBarChart } from './charts.ts';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `1 Maret 2025` (WIB). */
export function formatDateId(instant: Date): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`;
}

function formatDayId(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

function formatDateTimeId(instant: Date): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  const time = wib.toISOString().slice(11, 16).replace(':', '.');
  return `${formatDateId(instant)} pukul ${time} WIB`;
}

const ms = (value: number | null): string => (value === null ? '–' : `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })} ms`);
const pct = (part: number, whole: number): string => (whole === 0 ? '–' : `${((part / whole) * 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`);

function table(headers: readonly string[], rows: readonly (readonly string[])[], numericFrom = 1): string {
  if (rows.length === 0) return '<p class="empty">Tidak ada data pada periode ini.</p>';
  const head = headers.map((header, index) => `<th${index >= numericFrom ? ' class="num"' : ''}>${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${index >= numericFrom ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const label = (row: GroupRow, fallback: string): string => escapeHtml(row.label ?? row.key ?? fallback);

const SIGNAL_KIND: Record<string, string> = {
  volume: 'Lonjakan volume',
  denied: 'Percobaan akses ditolak',
  offHours: 'Akses di luar jam kerja',
  quota: 'Melampaui kuota',
};

export function renderReportHtml(report: EvaluationReport): string {
  const { totals } = report;
  const period = `${formatDateId(report.from)} – ${formatDateId(new Date(report.to.getTime() - 1))}`;
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
    ].map(([name, value]) => [escapeHtml(name), escapeHtml(value)]),
  );

  const dayChart = columnChart(
    'Permintaan harian',
    report.days.map((row) => ({ label: row.key ?? '', value: row.requests })),
    { highlight: signalDays },
  );

  const agencyRows = report.agencies.map((row) => [
    label(row, '-'),
    formatNumber(row.requests),
    formatNumber(row.fieldAccesses ?? 0),
    formatNumber(row.denied ?? 0),
    formatNumber(row.errors ?? 0),
    formatNumber(row.clients ?? 0),
    ms(row.p95Ms),
  ]);

  const clientRows = report.clients.map((row) => [
    row.key === null ? 'Tanpa kredensial sah' : label(row, '-'),
    formatNumber(row.requests),
    formatNumber(row.fieldAccesses ?? 0),
    formatNumber(row.denied ?? 0),
    formatNumber(row.errors ?? 0),
    ms(row.p95Ms),
  ]);

  const fieldRows = report.fields.map((row) => [
    `<code>${escapeHtml(row.key)}</code>`,
    escapeHtml(row.agency ?? '-'),
    escapeHtml(row.classification ?? '-'),
    row.personalData ? 'Ya' : 'Tidak',
    formatNumber(row.requests),
    formatNumber(row.denied ?? 0),
    formatNumber(row.clients ?? 0),
  ]);

  const operationRows = report.operations.map((row) => [
    escapeHtml(row.label ?? '(tanpa nama)'),
    `<code>${escapeHtml((row.key ?? '-').slice(0, 12))}</code>`,
    formatNumber(row.requests),
    formatNumber(row.clients ?? 0),
    formatNumber(row.denied ?? 0),
    ms(row.p50Ms),
    ms(row.p95Ms),
  ]);

  const subgraphRows = report.subgraphs.map((row) => [
    escapeHtml(row.key ?? '-'),
    formatNumber(row.requests),
    formatNumber(row.errors ?? 0),
    pct(row.errors ?? 0, row.requests),
    ms(row.p50Ms),
    ms(row.p95Ms),
    ms(row.p99Ms),
  ]);

  const signalRows = report.signals.map((signal) => [
    escapeHtml(formatDayId(signal.day)),
    escapeHtml(signal.client ?? signal.clientId) + (signal.organization ? `<br><small>${escapeHtml(signal.organization)}</small>` : ''),
    escapeHtml(SIGNAL_KIND[signal.kind] ?? signal.kind),
    escapeHtml(signal.message),
  ]);

  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Laporan Pemantauan dan Evaluasi SPLP — ${escapeHtml(period)}</title>
<style>
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #1b1f24; max-width: 780px; margin: 0 auto; }
  h1 { font-size: 17pt; margin-bottom: 4px; }
  h2 { font-size: 13pt; margin-top: 26px; border-bottom: 1px solid #d0d7de; padding-bottom: 3px; page-break-after: avoid; }
  .meta { color: #57606a; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 9.5pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #f0f3f6; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  .chart { display: block; margin: 8px 0; max-width: 100%; height: auto; }
  .empty { color: #57606a; font-style: italic; }
  .note { font-size: 9.5pt; color: #3d444d; }
  code { font-size: 9pt; }
</style>
</head>
<body>
<header>
<h1>Laporan Pemantauan dan Evaluasi Sistem Penghubung Layanan Pemerintah (SPLP)</h1>
<p class="meta">Kepada Yth. Bupati/Wali Kota<br>Periode: ${escapeHtml(period)}<br>Disusun: ${escapeHtml(formatDateTimeId(report.generatedAt))} oleh Penghubung (Dinas Kominfo)</p>
</header>

<h2>1. Ringkasan</h2>
${summary}

<h2>2. Tren Permintaan Harian</h2>
${report.days.length === 0 ? '<p class="empty">Tidak ada data pada periode ini.</p>' : dayChart}
${busiest ? `<p>Hari tersibuk: ${escapeHtml(formatDayId(busiest.key ?? ''))} dengan ${formatNumber(busiest.requests)} permintaan.${signalDays.size > 0 ? ' Batang merah menandai hari dengan sinyal potensi penyalahgunaan.' : ''}</p>` : ''}

<h2>3. Penggunaan Data per Perangkat Daerah</h2>
${report.agencies.length === 0 ? '' : horizontalBarChart('Permintaan per Perangkat Daerah', report.agencies.map((row) => ({ label: row.label ?? row.key ?? '-', value: row.requests })))}
${table(['Perangkat Daerah', 'Permintaan', 'Akses field', 'Ditolak', 'Gagal', 'Aplikasi klien', 'p95'], agencyRows)}

<h2>4. Penggunaan per Aplikasi Klien</h2>
${report.clients.length === 0 ? '' : horizontalBarChart('Permintaan per aplikasi klien', report.clients.map((row) => ({ label: row.key === null ? 'Tanpa kredensial sah' : (row.label ?? row.key), value: row.requests })))}
${table(['Aplikasi klien', 'Permintaan', 'Akses field', 'Ditolak', 'Gagal', 'p95'], clientRows)}

<h2>5. Field yang Paling Sering Diakses</h2>
${table(['Field', 'Perangkat Daerah', 'Klasifikasi', 'Data pribadi', 'Diakses', 'Ditolak', 'Aplikasi klien'], fieldRows, 4)}

<h2>6. Operasi Teratas</h2>
${table(['Operasi', 'Hash', 'Permintaan', 'Aplikasi klien', 'Ditolak', 'p50', 'p95'], operationRows, 2)}

<h2>7. Tingkat Kesalahan dan Waktu Respons per Subgraph</h2>
${report.subgraphs.length === 0 ? '' : horizontalBarChart('Panggilan per subgraph', report.subgraphs.map((row) => ({ label: row.key ?? '-', value: row.requests })))}
${table(['Subgraph', 'Panggilan', 'Gagal', 'Tingkat kesalahan', 'p50', 'p95', 'p99'], subgraphRows)}

<h2>8. Sinyal Potensi Penyalahgunaan</h2>
<p class="note">Aplikasi klien yang perilakunya menyimpang tajam dari riwayatnya sendiri (lebih dari ${formatNumber(report.thresholds.factor)}× median ${formatNumber(report.thresholds.historyDays)} hari sebelumnya: volume harian, percobaan akses yang ditolak, porsi akses pukul 22.00–05.00 WIB), atau melampaui kuota harian yang disetujui. Sinyal adalah bahan pemeriksaan, bukan kesimpulan.</p>
${table(['Tanggal', 'Aplikasi klien', 'Jenis', 'Uraian'], signalRows, 4)}

<h2>9. Catatan Metodologi</h2>
<p class="note">Angka diambil dari log akses Penghubung: setiap permintaan ke gateway dicatat sebelum jawabannya dikirim, dalam rantai hash dengan titik periksa bertanda tangan, sehingga keutuhannya dapat diverifikasi. Hari dihitung menurut WIB. "Akses field" adalah jumlah field yang dilayani pada permintaan yang berhasil (seluruhnya atau sebagian); "ditolak" adalah permintaan yang meminta field tanpa hak akses dan tidak diteruskan ke Perangkat Daerah. Nilai variabel seperti NIK disamarkan di log. Laporan ini disusun untuk pemantauan dan evaluasi SPLP kepada kepala daerah (mis. Perbup Pacitan 138/2023 Pasal 8; Perwali Baubau 32/2024 Pasal 9 ayat (3)).</p>
</body>
</html>
`;
}
