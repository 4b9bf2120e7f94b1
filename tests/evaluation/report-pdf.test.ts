/**
 * The report's PDF (registry/evaluation/report/pdf.ts) from reports built here, without a database:
 * empty periods, hostile names, tables longer than a page, reproducible bytes. The route over a real
 * registry is tested in signals-export-report.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { GroupRow, Totals } from '../../registry/repositories/AccessLogRepository.ts';
import type { EvaluationReport } from '../../registry/evaluation/report/buildReport.ts';
import type { MisuseSignal } from '../../registry/evaluation/misuseSignals.ts';
import { DEFAULT_SIGNAL_THRESHOLDS } from '../../registry/evaluation/options.ts';
import { wibMidnight } from '../../registry/evaluation/range.ts';
import { renderReportPdf, winAnsiText } from '../../registry/evaluation/report/pdf.ts';
import { pdfText } from '../support/pdfText.ts';

const TIMES = { p50Ms: 12.5, p95Ms: 80.2, p99Ms: 140 };
const NO_TIMES = { p50Ms: null, p95Ms: null, p99Ms: null };

function report(parts: Partial<EvaluationReport> = {}): EvaluationReport {
  const totals: Totals = { requests: 0, fieldAccesses: 0, denied: 0, errors: 0, partial: 0, unauthenticated: 0, clients: 0, ...NO_TIMES };
  return {
    from: wibMidnight('2025-03-01'),
    to: wibMidnight('2025-04-01'),
    generatedAt: new Date('2025-04-01T02:30:00Z'),
    totals,
    days: [],
    agencies: [],
    clients: [],
    fields: [],
    operations: [],
    subgraphs: [],
    signals: [],
    thresholds: DEFAULT_SIGNAL_THRESHOLDS,
    settings: {},
    refusals: { access: 0, quota: 0, rate: 0, limits: 0 },
    clientRefusals: {},
    subgraphAgencies: {},
    fieldDescriptions: {},
    previous: { from: wibMidnight('2025-01-29'), to: wibMidnight('2025-03-01'), totals, refusals: { access: 0, quota: 0, rate: 0, limits: 0 }, agencies: [], fields: [] },
    integrity: { ok: true, checked: 0 },
    ...parts,
  };
}

const client = (key: string, label: string, requests: number): GroupRow => ({ key, label, requests, fieldAccesses: requests * 3, denied: 1, errors: 0, ...TIMES });

function signal(index: number, name: string): MisuseSignal {
  return {
    kind: index % 2 === 0 ? 'volume' : 'denied',
    clientId: `klien-${index}`,
    client: name,
    organization: 'Dinas Sosial',
    day: '2025-03-10',
    message: `Permintaan hari ini (${400 + index}) lebih dari 3× median 30 hari sebelumnya (50); periksa penggunaan aplikasi ini bersama pemiliknya.`,
    messageEn: 'Requests today exceed 3× the median of the 30 days before.',
    evidence: { requests: 400 + index },
  };
}

const HOSTILE = `Portal <script>alert(1)</script> → ≥ 😀 漢字 ${'x'.repeat(500)}`;

function expectValidPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-16).toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
}

describe('the report as PDF', () => {
  it('says there is no data when the period had no requests, on a valid A4 PDF with its page numbers', async () => {
    const pdf = await renderReportPdf(report());
    expectValidPdf(pdf);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const { pages } = pdfText(pdf);
    const lines = pages.flat();
    expect(lines).toContain('Laporan Pemantauan dan Evaluasi Sistem Penghubung Layanan');
    expect(lines).toContain('Periode: 1 Maret 2025 – 31 Maret 2025 (dibandingkan dengan 29 Januari 2025 – 28 Februari 2025)');
    expect(lines).toContain('Disusun: 1 April 2025 pukul 09.30 WIB oleh Dinas Kominfo (Penghubung)');
    expect(lines[lines.indexOf('Jumlah permintaan') + 1]).toBe('0');
    // Every table and the daily chart say so (sections 3 to 8), and the signals table has none.
    expect(lines.filter((line) => line === 'Tidak ada data pada periode ini.')).toHaveLength(6);
    expect(lines).toContain('Tidak ada sinyal pada periode ini.');
    // Nothing to report: the summary says so, and the signature block waits for a hand to fill it.
    expect(lines.join(' ')).toContain('Tidak ada temuan yang memerlukan tindakan');
    expect(lines).toContain('NIP ...............................');
    pages.forEach((page, index) => expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`));
  });

  it('draws hostile names as plain text the standard fonts can show: arrows spelled out, emoji and CJK as "?", long names cut', async () => {
    const pdf = await renderReportPdf(
      report({
        totals: { requests: 12, fieldAccesses: 30, denied: 1, errors: 0, partial: 0, unauthenticated: 0, clients: 1, ...TIMES },
        days: [{ key: '2025-03-10', label: null, requests: 12, ...TIMES }],
        clients: [client('k1', `${HOSTILE}\n\u0000\u200dakhir`, 12)],
        signals: [signal(1, HOSTILE)],
      }),
    );
    expectValidPdf(pdf);
    const lines = pdfText(pdf).pages.flat();
    expect(lines.some((line) => line.includes('\uFFFD'))).toBe(false);
    expect(lines).toContain('Portal <script>alert(1)</script> -> >= ? ??');
    // In the clients table, the 500 characters wrap over the rest of the cell's five lines, the last
    // cut with an ellipsis; the figures follow.
    const name = 'Portal <script>alert(1)</script> -> >= ? ??';
    // In the bar chart the label takes two lines at most, the second cut with an ellipsis.
    const inChart = lines.indexOf(name);
    expect(lines[inChart + 1]).toMatch(/^x+…$/);
    expect(lines[inChart + 2]).toBe('12');
    const start = lines.indexOf(name, inChart + 1);
    expect(lines.slice(start + 1, start + 4).every((line) => /^x+$/.test(line))).toBe(true);
    expect(lines[start + 4]).toMatch(/^x+…$/);
    expect(lines[start + 5]).toBe('12');
    expect(lines.join('\n')).not.toContain('akhir');
  });

  it('continues a long table on the next pages under its repeated header', async () => {
    const signals = Array.from({ length: 60 }, (_, index) => signal(index, `Aplikasi Klien Nomor ${index}`));
    const { pages } = pdfText(await renderReportPdf(report({ signals })));
    const continued = pages.filter((page) => page.includes('9. Sinyal Potensi Penyalahgunaan (lanjutan)'));
    expect(continued.length).toBeGreaterThan(0);
    for (const page of continued) {
      const at = page.indexOf('9. Sinyal Potensi Penyalahgunaan (lanjutan)');
      expect(page.slice(at + 1, at + 5)).toEqual(['Tanggal', 'Aplikasi klien', 'Jenis', 'Uraian']);
    }
    const lines = pages.flat();
    for (let index = 0; index < 60; index += 1) expect(lines).toContain(`Aplikasi Klien Nomor ${index}`);
    expect(lines).toContain('Lonjakan volume');
    expect(lines).toContain('Percobaan akses ditolak');
  });

  it('gives the same bytes for the same report, with its title, author and creation date in the metadata', async () => {
    const busy = report({
      totals: { requests: 1500, fieldAccesses: 4500, denied: 15, errors: 2, partial: 0, unauthenticated: 0, clients: 2, ...TIMES },
      days: [{ key: '2025-03-10', label: null, requests: 1500, ...TIMES }],
      clients: [client('k1', 'SIMPUS Puskesmas', 1000), client('k2', 'Aplikasi Bansos', 500)],
    });
    const first = await renderReportPdf(busy);
    const second = await renderReportPdf(busy);
    expect(first.equals(second)).toBe(true);
    const { info, pages } = pdfText(first);
    expect(info).toMatchObject({
      Title: 'Laporan Pemantauan dan Evaluasi SPLP — 1 Maret 2025 – 31 Maret 2025',
      Author: 'Penghubung',
      CreationDate: 'D:20250401023000Z',
    });
    const lines = pages.flat();
    expect(lines[lines.indexOf('SIMPUS Puskesmas', lines.indexOf('Aplikasi klien')) + 1]).toBe('1.000');
  });
});

describe('text for the standard fonts', () => {
  it('keeps Latin-1 and WinAnsi marks, spells arrows and comparisons, drops invisible marks, and puts "?" for the rest', () => {
    expect(winAnsiText('Sinyal 22.00–05.00 WIB, 3× median “café” …')).toBe('Sinyal 22.00–05.00 WIB, 3× median “café” …');
    expect(winAnsiText('a → b ≥ c ≤ d')).toBe('a -> b >= c <= d');
    expect(winAnsiText('baris\nbaru\ttab\u0000')).toBe('baris baru tab');
    expect(winAnsiText('Őrség Łódź ﬁle')).toBe('Orség Lódz file');
    expect(winAnsiText('👨‍👩‍👧 ok 😀️')).toBe('??? ok ?');
    expect(winAnsiText('漢字')).toBe('??');
  });
});
