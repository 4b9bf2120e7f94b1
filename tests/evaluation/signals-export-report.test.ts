import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLogRows } from '../support/generateLogRows.ts';
import { wibMidnight } from '../../registry/evaluation/range.ts';
import { DENIED_DAY, END_DAY, EXPORT_ROW_CAP, NIGHT_DAY, SPIKE_DAY, query, startEvaluationBench } from './fixture.ts';
import type { EvaluationBench } from './fixture.ts';
import { pdfText } from '../support/pdfText.ts';

let bench: EvaluationBench;

beforeAll(async () => {
  bench = await startEvaluationBench();
});
afterAll(async () => {
  await bench?.close();
});

interface Signal {
  kind: string;
  clientId: string;
  client: string | null;
  day: string;
  message: string;
  evidence: Record<string, number | string | null>;
}

describe('GET /v1/log/signals', () => {
  let signals: Signal[];
  beforeAll(async () => {
    const response = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/signals${query({ from: '2025-02-01', to: '2025-02-14' })}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    signals = response.body.signals;
  });

  it('flags the generated volume spike against the client’s own 30-day median, with its evidence', () => {
    const spike = signals.filter((signal) => signal.clientId === bench.clientId('lonjakan') && signal.kind === 'volume');
    expect(spike.map((signal) => signal.day)).toEqual([SPIKE_DAY]);
    const evidence = spike[0]!.evidence;
    expect(evidence['requests'] as number).toBeGreaterThan(3 * (evidence['medianPrevious'] as number));
    expect(evidence['medianPrevious'] as number).toBeGreaterThan(10);
    expect(evidence['historyDays']).toBe(30);
    expect(spike[0]!.message).toContain('median');
  });

  it('flags the same day as over the approved daily quota', () => {
    const quota = signals.filter((signal) => signal.clientId === bench.clientId('lonjakan') && signal.kind === 'quota');
    expect(quota.map((signal) => signal.day)).toEqual([SPIKE_DAY]);
    expect(quota[0]!.evidence).toMatchObject({ quotaPerDay: 150, coordinate: 'Query.penduduk', graph: 'kependudukan' });
    expect(quota[0]!.evidence['requests'] as number).toBeGreaterThan(150);
  });

  it('flags a burst of denied attempts and a night of off-hours access', () => {
    const denied = signals.filter((signal) => signal.clientId === bench.clientId('penjajak'));
    expect(denied.map((signal) => [signal.kind, signal.day])).toEqual([['denied', DENIED_DAY]]);
    expect(denied[0]!.evidence['denied'] as number).toBeGreaterThanOrEqual(60);

    const night = signals.filter((signal) => signal.clientId === bench.clientId('malam'));
    expect(night.map((signal) => [signal.kind, signal.day])).toEqual([['offHours', NIGHT_DAY]]);
    expect(night[0]!.evidence['share'] as number).toBeGreaterThan(0.2);
    expect(night[0]!.message).toContain('22.00–05.00 WIB');
  });

  it('does not flag the steady client on any day', () => {
    expect(signals.filter((signal) => signal.clientId === bench.clientId('tetap'))).toEqual([]);
    // volume + quota (lonjakan), denied (penjajak), offHours (malam): nothing else.
    expect(signals).toHaveLength(4);
  });

  it('can be asked about one client', async () => {
    const response = await bench.registry.call(
      bench.evaluator,
      'GET',
      `/v1/log/signals${query({ from: '2025-02-01', to: '2025-02-14', clientId: bench.clientId('tetap') })}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.signals).toEqual([]);
    expect(response.body.thresholds).toMatchObject({ factor: 3, historyDays: 30 });
  });
});

describe('GET /v1/log/export.csv', () => {
  it('streams a filtered view as CSV, one line per record, newest first', async () => {
    const clientId = bench.clientId('penjajak');
    const response = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/export.csv${query({ from: '2025-02-08', to: '2025-02-12', clientId, lang: 'en' })}`);
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/csv');
    const lines = (response.body as string).trimEnd().split('\r\n');
    const expected = bench.rows
      .filter((row) => row.clientId === clientId && row.occurredAt >= wibMidnight('2025-02-08') && row.occurredAt < wibMidnight('2025-02-13'))
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.seq - a.seq);
    expect(lines[0]).toBe(
      'seq,occurred_at,occurred_at_wib,request_id,client_id,client_name,credential_id,graph,operation_name,operation_hash,outcome,error_code,duration_ms,response_bytes,client_address,coordinates,denied_coordinates,subgraph_names,subgraph_calls,variables_masked,hash',
    );
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(expected.map((row) => row.seq));
    expect(lines[1]).toContain('SIMPEG Inspektorat');
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const template = bench.rows.find((row) => row.clientId !== null)!;
    await insertLogRows(bench.registry.database.db, [
      { ...template, seq: 800_001, occurredAt: new Date('2025-03-03T02:00:00Z'), operationName: '=HYPERLINK("http://x.invalid","klik")', variables: { catatan: '+1, "dikutip"' } },
    ]);
    const response = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/export.csv${query({ from: '2025-03-03', to: '2025-03-03' })}`);
    expect(response.status).toBe(200);
    const line = (response.body as string).split('\r\n')[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://x.invalid"",""klik"")"`);
    expect(line).toContain('"{""catatan"":""+1, \\""dikutip\\""""}"');
  });

  it('refuses a view larger than the row cap with a message saying to narrow it', async () => {
    const response = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/export.csv${query({ from: '2025-01-01', to: END_DAY })}`);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual({ rowCap: EXPORT_ROW_CAP });
    expect(response.body.message).toContain('Persempit');
    expect(response.body.messageEn).toContain('Narrow the time range');
  });

  it('refuses unknown keys and unbounded ranges like the search', async () => {
    expect((await bench.registry.call(bench.evaluator, 'GET', `/v1/log/export.csv${query({ from: '2025-02-01', to: '2025-02-02', format: 'xlsx' })}`)).status).toBe(400);
    expect((await bench.registry.call(bench.evaluator, 'GET', `/v1/log/export.csv${query({ from: '2023-01-01', to: '2025-02-02' })}`)).status).toBe(400);
  });
});

/** The report's lines under its title and its section headings, in order. */
const HEADINGS = [
  'Kepada Yth. Bupati/Wali Kota',
  'Periode: 1 Februari 2025 – 14 Februari 2025 (dibandingkan dengan 18 Januari 2025 – 31 Januari 2025)',
  '1. Ringkasan Eksekutif',
  '2. Angka Utama',
  '3. Tren Permintaan Harian',
  '4. Penggunaan Data per Perangkat Daerah',
  '5. Penggunaan per Aplikasi Klien',
  '6. Data yang Paling Sering Diakses',
  '7. Jenis Permintaan Terbanyak',
  '8. Keandalan Layanan Perangkat Daerah',
  '9. Sinyal Potensi Penyalahgunaan',
  '10. Catatan Metodologi',
  'Pengesahan',
];

describe('GET /v1/log/report', () => {
  it('renders the Indonesian report for the head of region with the figures, tables and SVG charts', async () => {
    const range = { from: '2025-02-01', to: '2025-02-14' };
    const response = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/report${query(range)}`);
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/html');
    const html = response.body as string;
    const stats = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/stats${query({ ...range, groupBy: 'agency' })}`);
    const totals = stats.body.totals;
    for (const heading of ['Laporan Pemantauan dan Evaluasi Sistem Penghubung Layanan Pemerintah (SPLP)', ...HEADINGS]) {
      expect(html, heading).toContain(heading);
    }
    expect(totals.requests).toBeGreaterThan(1000);
    expect(html).toContain(`<td>Jumlah permintaan</td><td class="num">${totals.requests.toLocaleString('id-ID')}</td>`);
    // The generated log is a real hash chain: intact, and the summary derives its findings from the figures.
    expect(html).toContain('Log akses periode ini utuh');
    expect(html).toContain('Terdapat 4 sinyal potensi penyalahgunaan dari 3 aplikasi klien.');
    // Plain words, not coordinates or engineering terms.
    expect(html).not.toMatch(/p50|p95|p99|[Ss]ubgraph|median|Penduduk\.nik|Query\.penduduk/);
    expect(html).toContain('Kuota harian terlampaui: ');
    expect(html).toContain('<td>NIK<br><small>data Penduduk</small></td>');
    expect(html).toContain(totals.fieldAccesses.toLocaleString('id-ID'));
    const dukcapil = stats.body.rows.find((row: { key: string }) => row.key === 'disdukcapil');
    expect(html).toContain(`<td>Dinas Kependudukan dan Pencatatan Sipil</td><td class="num">${dukcapil.requests.toLocaleString('id-ID')}</td>`);
    expect(html).toContain('<svg');
    // Chart labels are HTML text that wraps, never SVG text a box can clip: every label is there in full.
    expect(html).not.toContain('<text');
    expect(html).toContain('<div class="bar-label">Portal Perizinan &lt;script&gt;alert(1)&lt;/script&gt; (DPMPTSP)</div>');
    expect(html).toContain('<div class="bar-label">Layanan Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu</div>');
    expect(html).toContain('Lonjakan volume');
    expect(html).toContain('Melampaui kuota');
    // The client named with a script tag is shown, escaped, never run.
    expect(html).toContain('Portal Perizinan &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('renders the same report as an A4 PDF: headings, figures, every table, page numbers', async () => {
    const range = { from: '2025-02-01', to: '2025-02-14' };
    const response = await fetch(`${bench.registry.url}/v1/log/report${query({ ...range, format: 'pdf' })}`, {
      headers: { authorization: `Bearer ${bench.evaluator.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="laporan-monev-splp_2025-02-01_2025-02-14.pdf"');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-16).toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);

    const { pages, info } = pdfText(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`));
    expect(info).toMatchObject({ Title: 'Laporan Pemantauan dan Evaluasi SPLP — 1 Februari 2025 – 14 Februari 2025', Author: 'Penghubung' });
    const lines = pages.flat();
    for (const heading of HEADINGS) {
      expect(lines, heading).toContain(heading);
    }

    const stats = async (groupBy: string) => (await bench.registry.call(bench.evaluator, 'GET', `/v1/log/stats${query({ ...range, groupBy })}`)).body;
    const agencies = await stats('agency');
    expect(lines[lines.indexOf('Jumlah permintaan') + 1]).toBe(agencies.totals.requests.toLocaleString('id-ID'));
    expect(lines[lines.indexOf('Data yang dilayani (jumlah isian data)') + 1]).toBe(agencies.totals.fieldAccesses.toLocaleString('id-ID'));
    // Each name is followed by its count in the bar chart and again in the table.
    const after = (name: string): string[] => lines.flatMap((line, index) => (line === name ? [lines[index + 1]!] : []));
    const dukcapil = agencies.rows.find((row: { key: string }) => row.key === 'disdukcapil');
    // (then the data table names the agency owning each field, followed by its classification)
    expect(after('Dinas Kependudukan dan Pencatatan Sipil').slice(0, 2)).toEqual([dukcapil.requests.toLocaleString('id-ID'), dukcapil.requests.toLocaleString('id-ID')]);
    const clients = await stats('client');
    const simpeg = clients.rows.find((row: { key: string }) => row.key === bench.clientId('penjajak'));
    expect(simpeg.label).toBe('SIMPEG Inspektorat (Inspektorat)');
    expect(after(simpeg.label)).toEqual([simpeg.requests.toLocaleString('id-ID'), simpeg.requests.toLocaleString('id-ID')]);
    // The client named with a script tag is plain text in a PDF: drawn as it is.
    expect(lines).toContain('Portal Perizinan <script>alert(1)</script> (DPMPTSP)');
    expect(lines).toContain('Lonjakan volume');
    expect(lines).toContain('Melampaui kuota');
  });

  it('refuses an unknown format and an inverted range', async () => {
    expect((await bench.registry.call(bench.evaluator, 'GET', `/v1/log/report${query({ from: '2025-02-01', to: '2025-02-14', format: 'docx' })}`)).status).toBe(400);
    expect((await bench.registry.call(bench.evaluator, 'GET', `/v1/log/report${query({ from: '2025-02-14', to: '2025-02-01' })}`)).status).toBe(400);
    // The signing official's NIP has 18 digits; a line of the report is one bounded line.
    const badNip = await bench.registry.call(bench.evaluator, 'GET', `/v1/log/report${query({ from: '2025-02-01', to: '2025-02-14', signerNip: '1978-01' })}`);
    expect(badNip.status).toBe(400);
    expect(JSON.stringify(badNip.body)).toContain('NIP');
    expect((await bench.registry.call(bench.evaluator, 'GET', `/v1/log/report${query({ from: '2025-02-01', to: '2025-02-14', region: 'x'.repeat(121) })}`)).status).toBe(400);
    expect((await bench.registry.call(bench.evaluator, 'GET', `/v1/log/report${query({ from: '2025-02-01', to: '2025-02-14', lang: 'fr' })}`)).status).toBe(400);
  });
});
