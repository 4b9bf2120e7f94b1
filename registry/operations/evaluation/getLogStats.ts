/** GET /v1/log/stats — totals and groups (client, agency, field, day, operation, subgraph) of a filtered view. */
import { defineOperation, reply } from '../../http/operation.ts';
import { EVALUATION_ROLES, EVALUATION_TAG, evaluationDepsOf } from '../../evaluation/deps.ts';
import { statsQuery, statsView } from '../../evaluation/schemas.ts';
import { computeLogStats } from '../../evaluation/stats.ts';

export const getLogStats = defineOperation({
  summary: 'Statistik log akses (access log aggregates)',
  description:
    'Jumlah permintaan, akses field, penolakan, kesalahan dan persentil waktu respons (p50/p95/p99), per client, agency, field, day (WIB), operation atau subgraph; ' +
    'menerima filter yang sama dengan pencarian.',
  tags: [EVALUATION_TAG],
  roles: EVALUATION_ROLES,
  errors: [403, 503],
  schema: { querystring: statsQuery, response: { 200: statsView } },
  async handle(deps, { query }) {
    const result = await computeLogStats(evaluationDepsOf(deps), query);
    return result.ok ? reply(200, result.value) : result;
  },
});
