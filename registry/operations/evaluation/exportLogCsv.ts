/**
 * GET /v1/log/export.csv — a filtered view as CSV, streamed, at most the row cap (1,000,000): a
 * larger view is refused with a message saying to narrow it.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { requestLanguage } from '../../http/language.ts';
import { defineOperation, rawReply } from '../../http/operation.ts';
import { logCsv } from '../../evaluation/csvExport.ts';
import { EVALUATION_ROLES, EVALUATION_TAG, evaluationDepsOf } from '../../evaluation/deps.ts';
import { exportQuery } from '../../evaluation/schemas.ts';

export const exportLogCsv = defineOperation({
  summary: 'Ekspor log akses sebagai CSV (export the access log as CSV)',
  description:
    'Tampilan yang difilter seperti pencarian, dialirkan (streamed), terbaru dulu, paling banyak 1.000.000 baris: tampilan yang lebih besar ditolak (400) ' +
    'dengan pesan untuk mempersempit rentang atau filter. Sel yang diawali = + - @ diberi apostrof (CSV injection).',
  tags: [EVALUATION_TAG],
  roles: EVALUATION_ROLES,
  errors: [403, 503],
  schema: { querystring: exportQuery, response: { 200: z.string().describe('text/csv') }, raw: true },
  async handle(deps, { query, request }) {
    const { separator, lang, ...filters } = query;
    const language = lang ?? requestLanguage(request.headers['accept-language']);
    const result = await logCsv(evaluationDepsOf(deps), filters, { separator, lang: language });
    if (!result.ok) return result;
    const stream = Readable.from(result.value.lines, { objectMode: false });
    stream.on('error', (error) => request.log.error({ err: error }, 'access log CSV export failed midway'));
    return rawReply({
      status: 200,
      body: stream,
      type: 'text/csv; charset=utf-8',
      headers: {
        'content-disposition': `attachment; filename="${result.value.filename}"`,
        'x-row-count': String(result.value.rows),
      },
    });
  },
});
