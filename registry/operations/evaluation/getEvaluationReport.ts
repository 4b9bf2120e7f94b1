/**
 * GET /v1/log/report — the monitoring-and-evaluation report for the head of region, HTML or PDF
 * (A4, drawn in process by pdfkit).
 */
import { z } from 'zod';
import { defineOperation, rawReply } from '../../http/operation.ts';
import { EVALUATION_ROLES, EVALUATION_TAG, evaluationDepsOf } from '../../evaluation/deps.ts';
import { wibDate } from '../../evaluation/range.ts';
import { buildEvaluationReport } from '../../evaluation/report/buildReport.ts';
import { renderReportHtml } from '../../evaluation/report/html.ts';
import { renderReportPdf } from '../../evaluation/report/pdf.ts';
import { reportQuery } from '../../evaluation/schemas.ts';

export const getEvaluationReport = defineOperation({
  summary: 'Laporan pemantauan dan evaluasi untuk kepala daerah (monitoring and evaluation report)',
  description:
    'HTML (bawaan) atau PDF (A4, dibuat langsung oleh registry tanpa peramban): ringkasan, grafik, tabel per Perangkat Daerah, aplikasi klien, field, ' +
    'operasi dan subgraph, sinyal potensi penyalahgunaan, dan catatan metodologi, dengan nomor halaman.',
  tags: [EVALUATION_TAG],
  roles: EVALUATION_ROLES,
  errors: [403],
  schema: { querystring: reportQuery, response: { 200: z.string().describe('text/html atau application/pdf') }, raw: true },
  async handle(deps, { query }) {
    const report = await buildEvaluationReport(evaluationDepsOf(deps), query);
    if (!report.ok) return report;
    const { from, to } = report.value;
    const base = `laporan-monev-splp_${wibDate(from)}_${wibDate(new Date(to.getTime() - 1))}`;
    if (query.format === 'html') {
      return rawReply({
        status: 200,
        body: renderReportHtml(report.value),
        type: 'text/html; charset=utf-8',
        headers: { 'content-disposition': `inline; filename="${base}.html"` },
      });
    }
    return rawReply({
      status: 200,
      body: await renderReportPdf(report.value),
      type: 'application/pdf',
      headers: { 'content-disposition': `attachment; filename="${base}.pdf"` },
    });
  },
});
