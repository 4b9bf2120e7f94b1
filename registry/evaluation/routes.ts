/**
 * The evaluator's routes (monitoring and evaluation through the access log: Perbup Pacitan 138/2023
 * Pasal 8, Perwali Baubau 32/2024 Pasal 9(3); supervision against misuse: Pacitan Pasal 7(2),
 * Baubau Pasal 8(5)). Evaluator or administrator only: any other role gets 403, before its query is
 * even validated, so a requester learns nothing about the filters from error messages.
 *
 *   GET /v1/log/records      search, keyset pages of at most 500, newest first
 *   GET /v1/log/stats        totals and groups (client, agency, field, day, operation, subgraph)
 *   GET /v1/log/signals      misuse signals with their evidence
 *   GET /v1/log/export.csv   a filtered view as CSV, streamed, at most the row cap (1,000,000)
 *   GET /v1/log/report       the report for the head of region, HTML or PDF (A4, drawn in process by pdfkit)
 *
 * Every route needs `from` and `to` (at most 366 days apart) and refuses unknown query keys.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RegistryDeps } from '../deps.ts';
import { requireActor } from '../http/actor.ts';
import { defineOperation, errorBody, registerOperation, reply } from '../http/operation.ts';
import type { EvaluationDeps } from './deps.ts';
import { buildEvaluationReport } from './operations/buildEvaluationReport.ts';
import { detectMisuseSignals } from './operations/detectMisuseSignals.ts';
import { exportLogCsv } from './operations/exportLogCsv.ts';
import { getLogStats } from './operations/getLogStats.ts';
import { searchLogRecords } from './operations/searchLogRecords.ts';
import { resolveEvaluationOptions } from './options.ts';
import { wibDate } from './range.ts';
import type { EvaluationOptions } from './options.ts';
import { renderReportHtml } from './report/html.ts';
import { renderReportPdf } from './report/pdf.ts';
import { exportQuery, logPageView, reportQuery, searchQuery, signalsQuery, statsQuery, statsView, signalsView } from './schemas.ts';
import type { FilterQuery, ReportQuery } from './schemas.ts';

const TAG = 'evaluasi';
const ROLES = ['evaluator', 'administrator'] as const;

function evaluationOperations(deps: EvaluationDeps) {
  return {
    searchRecords: defineOperation({
      summary: 'Mencari log akses (search the access log)',
      description:
        'Filter: rentang from/to (wajib, ≤ 366 hari), clientId, agency (slug PD), graph, coordinate (diulang = semua), outcome (diulang = salah satu), ' +
        'operationName, operationHash, value (nilai variabel seperti NIK, dicari lewat hash HMAC). Halaman keyset, terbaru dulu; limit 1–500 (lebih besar: 400). ' +
        'Key yang tidak dikenal ditolak dengan 400.',
      tags: [TAG],
      errors: [403, 503],
      schema: { querystring: searchQuery, response: { 200: logPageView } },
      async handle(_deps, { query, request }) {
        requireActor(request, ...ROLES);
        const result = await searchLogRecords(deps, query);
        return result.ok ? reply(200, result.value) : result;
      },
    }),
    stats: defineOperation({
      summary: 'Statistik log akses (access log aggregates)',
      description:
        'Jumlah permintaan, akses field, penolakan, kesalahan dan persentil waktu respons (p50/p95/p99), per client, agency, field, day (WIB), operation atau subgraph; ' +
        'menerima filter yang sama dengan pencarian.',
      tags: [TAG],
      errors: [403, 503],
      schema: { querystring: statsQuery, response: { 200: statsView } },
      async handle(_deps, { query, request }) {
        requireActor(request, ...ROLES);
        const result = await getLogStats(deps, query);
        return result.ok ? reply(200, result.value) : result;
      },
    }),
    signals: defineOperation({
      summary: 'Sinyal potensi penyalahgunaan (misuse signals)',
      description:
        'Per aplikasi klien dan hari (WIB): lonjakan volume, percobaan ditolak, dan porsi akses 22.00–05.00 WIB lebih dari 3× median 30 hari sebelumnya ' +
        '(dengan jumlah minimum), serta pelampauan kuota harian pemberian akses; masing-masing dengan angka buktinya. Hari dinilai utuh.',
      tags: [TAG],
      errors: [403],
      schema: { querystring: signalsQuery, response: { 200: signalsView } },
      async handle(_deps, { query, request }) {
        requireActor(request, ...ROLES);
        const result = await detectMisuseSignals(deps, query);
        return result.ok ? reply(200, { ...result.value, thresholds: { ...result.value.thresholds } }) : result;
      },
    }),
  };
}

/**
 * Registers the evaluation routes. Settings (lookup secret, row cap, thresholds) come from
 * `options`, else from the registry configuration (see options.ts).
 */
export async function registerEvaluationRoutes(app: FastifyInstance, deps: RegistryDeps, options: EvaluationOptions = {}): Promise<void> {
  const evaluationDeps: EvaluationDeps = {
    database: deps.database,
    now: deps.now,
    logger: deps.logger,
    evaluation: resolveEvaluationOptions(deps, options),
  };
  await app.register(async (scope) => {
    // Roles first: a requester or publisher gets 403 whatever its query says.
    scope.addHook('preValidation', async (request) => {
      requireActor(request, ...ROLES);
    });
    const operations = evaluationOperations(evaluationDeps);
    registerOperation(scope, deps, { method: 'GET', url: '/v1/log/records', operation: operations.searchRecords });
    registerOperation(scope, deps, { method: 'GET', url: '/v1/log/stats', operation: operations.stats });
    registerOperation(scope, deps, { method: 'GET', url: '/v1/log/signals', operation: operations.signals });
    registerExport(scope, evaluationDeps);
    registerReport(scope, evaluationDeps);
  });
}

const commonErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 500: errorBody };

function registerExport(app: FastifyInstance, deps: EvaluationDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: 'GET',
    url: '/v1/log/export.csv',
    schema: {
      summary: 'Ekspor log akses sebagai CSV (export the access log as CSV)',
      description:
        'Tampilan yang difilter seperti pencarian, dialirkan (streamed), terbaru dulu, paling banyak 1.000.000 baris: tampilan yang lebih besar ditolak (400) ' +
        'dengan pesan untuk mempersempit rentang atau filter. Sel yang diawali = + - @ diberi apostrof (CSV injection).',
      tags: [TAG],
      security: [{ bearerAuth: [] }],
      querystring: exportQuery,
      response: { 200: z.string().describe('text/csv'), ...commonErrors, 503: errorBody },
    },
    handler: async (request: FastifyRequest, response: FastifyReply) => {
      requireActor(request, ...ROLES);
      const { separator, lang, ...filters } = request.query as FilterQuery & { separator: ',' | ';'; lang?: 'id' | 'en' };
      const language = lang ?? (/^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'id');
      const result = await exportLogCsv(deps, filters, { separator, lang: language });
      if (!result.ok) throw result.error;
      const stream = Readable.from(result.value.lines, { objectMode: false });
      stream.on('error', (error) => request.log.error({ err: error }, 'access log CSV export failed midway'));
      return response
        .code(200)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${result.value.filename}"`)
        .header('x-row-count', String(result.value.rows))
        .send(stream);
    },
  });
}

function registerReport(app: FastifyInstance, deps: EvaluationDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: 'GET',
    url: '/v1/log/report',
    schema: {
      summary: 'Laporan pemantauan dan evaluasi untuk kepala daerah (monitoring and evaluation report)',
      description:
        'HTML (bawaan) atau PDF (A4, dibuat langsung oleh registry tanpa peramban): ringkasan, grafik, tabel per Perangkat Daerah, aplikasi klien, field, ' +
        'operasi dan subgraph, sinyal potensi penyalahgunaan, dan catatan metodologi, dengan nomor halaman.',
      tags: [TAG],
      security: [{ bearerAuth: [] }],
      querystring: reportQuery,
      response: { 200: z.string().describe('text/html atau application/pdf'), ...commonErrors },
    },
    handler: async (request: FastifyRequest, response: FastifyReply) => {
      requireActor(request, ...ROLES);
      const query = request.query as ReportQuery;
      const report = await buildEvaluationReport(deps, query);
      if (!report.ok) throw report.error;
      const { from, to } = report.value;
      const base = `laporan-monev-splp_${wibDate(from)}_${wibDate(new Date(to.getTime() - 1))}`;
      if (query.format === 'html') {
        const html = renderReportHtml(report.value);
        return response.code(200).type('text/html; charset=utf-8').header('content-disposition', `inline; filename="${base}.html"`).send(html);
      }
      const pdf = await renderReportPdf(report.value);
      return response.code(200).type('application/pdf').header('content-disposition', `attachment; filename="${base}.pdf"`).send(pdf);
    },
  });
}
