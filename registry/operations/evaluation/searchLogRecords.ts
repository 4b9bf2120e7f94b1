/** GET /v1/log/records — search the access log: keyset pages of at most 500, newest first. */
import { defineOperation, reply } from '../../http/operation.ts';
import { EVALUATION_ROLES, EVALUATION_TAG, evaluationDepsOf } from '../../evaluation/deps.ts';
import { logPageView, searchQuery } from '../../evaluation/schemas.ts';
import { findLogRecords } from '../../evaluation/search.ts';

export const searchLogRecords = defineOperation({
  summary: 'Mencari log akses (search the access log)',
  description:
    'Filter: rentang from/to (wajib, ≤ 366 hari), clientId, agency (slug PD), graph, coordinate (diulang = semua), outcome (diulang = salah satu), ' +
    'operationName, operationHash, value (nilai variabel seperti NIK, dicari lewat hash HMAC). Halaman keyset, terbaru dulu; limit 1–500 (lebih besar: 400). ' +
    'Key yang tidak dikenal ditolak dengan 400.',
  tags: [EVALUATION_TAG],
  roles: EVALUATION_ROLES,
  errors: [403, 503],
  schema: { querystring: searchQuery, response: { 200: logPageView } },
  async handle(deps, { query }) {
    const result = await findLogRecords(evaluationDepsOf(deps), query);
    return result.ok ? reply(200, result.value) : result;
  },
});
