/**
 * GET /v1/log/report — the monitoring-and-evaluation report for the head of region, HTML or PDF
 * (A4, drawn in process by pdfkit), in Indonesian or English (`lang`, else `Accept-Language`). The
 * region and signing official come from the configuration; each line can be given for this report.
 */
import { z } from 'zod';
import type { ReportSettings } from '../../../lib/config.ts';
import { requestLanguage } from '../../http/language.ts';
import { defineOperation, rawReply } from '../../http/operation.ts';
import { EVALUATION_ROLES, EVALUATION_TAG, evaluationDepsOf } from '../../evaluation/deps.ts';
import { wibDate } from '../../evaluation/range.ts';
import { buildEvaluationReport } from '../../evaluation/report/buildReport.ts';
import { renderReportHtml } from '../../evaluation/report/html.ts';
import { renderReportPdf } from '../../evaluation/report/pdf.ts';
import { reportQuery } from '../../evaluation/schemas.ts';
import type { ReportQuery } from '../../evaluation/schemas.ts';

/** The lines given with this request, over the configured ones. */
function givenSettings(query: ReportQuery): ReportSettings {
  const defined = <T extends Record<string, string | undefined>>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]?: string };
  return {
    ...defined({ region: query.region, head: query.head, place: query.place }),
    signer: defined({ name: query.signerName, title: query.signerTitle, nip: query.signerNip }),
  };
}

export const getEvaluationReport = defineOperation({
  summary: 'Laporan pemantauan dan evaluasi untuk kepala daerah (monitoring and evaluation report)',
  description:
    'HTML (bawaan) atau PDF (A4, dibuat langsung oleh registry tanpa peramban): ringkasan eksekutif dengan temuan dan rekomendasi dari angka-angkanya, ' +
    'angka utama dibanding periode sebelumnya, grafik, tabel per Perangkat Daerah, aplikasi klien, data, jenis permintaan dan layanan, sinyal potensi ' +
    'penyalahgunaan, catatan metodologi dan blok tanda tangan, dengan nomor halaman. Nama daerah dan pejabat penanda tangan dari konfigurasi ' +
    '(PENGHUBUNG_REGION_NAME, PENGHUBUNG_REPORT_SIGNER_*) atau parameter. Bahasa Indonesia, atau Inggris dengan lang=en / Accept-Language: en.',
  tags: [EVALUATION_TAG],
  roles: EVALUATION_ROLES,
  errors: [403],
  schema: { querystring: reportQuery, response: { 200: z.string().describe('text/html atau application/pdf') }, raw: true },
  async handle(deps, { query, request }) {
    const lang = query.lang ?? requestLanguage(request.headers['accept-language']);
    const report = await buildEvaluationReport(evaluationDepsOf(deps), query, givenSettings(query));
    if (!report.ok) return report;
    const { from, to } = report.value;
    const base = `${lang === 'en' ? 'splp-report' : 'laporan-monev-splp'}_${wibDate(from)}_${wibDate(new Date(to.getTime() - 1))}`;
    if (query.format === 'html') {
      return rawReply({
        status: 200,
        body: renderReportHtml(report.value, lang),
        type: 'text/html; charset=utf-8',
        headers: { 'content-disposition': `inline; filename="${base}.html"` },
      });
    }
    return rawReply({
      status: 200,
      body: await renderReportPdf(report.value, lang),
      type: 'application/pdf',
      headers: { 'content-disposition': `attachment; filename="${base}.pdf"` },
    });
  },
});
