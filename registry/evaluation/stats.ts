/**
 * `GET /v1/log/stats`: totals of a filtered view, and one row per client, agency, field, WIB day,
 * operation or subgraph. What each figure counts:
 * - `requests`: records (subgraph: calls the gateway made to it, from `subgraph_calls`);
 * - `fieldAccesses`: field coordinates of requests that were served (outcome ok or partial);
 * - `denied`: requests refused by the access decision or the daily quota (field: requests in which it was refused;
 *   agency: refused accesses to its fields, one per field a refused request named);
 * - `errors`: requests that ended in error (subgraph: calls with HTTP status ≥ 400 or an error);
 * - `p50Ms`/`p95Ms`/`p99Ms`: nearest-rank percentiles of `duration_ms`, estimated from log-scale
 *   buckets within ±9.1 % (latencyHistogram.ts; subgraph: of the call durations; field: none, null).
 */
import { ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { AccessLogRepository } from '../repositories/AccessLogRepository.ts';
import type { GroupRow, LogFilter, Totals } from '../repositories/AccessLogRepository.ts';
import type { EvaluationDeps } from './deps.ts';
import { toLogFilter } from './filters.ts';
import type { StatsGroup, StatsQuery } from './schemas.ts';

export interface LogStats {
  groupBy: StatsGroup;
  from: string;
  to: string;
  totals: Totals;
  rows: GroupRow[];
}

/** The rows of one grouping, fields labelled with their owning agencies and personal-data flag. */
export async function groupRows(repository: AccessLogRepository, filter: LogFilter, groupBy: StatsGroup, limit: number): Promise<GroupRow[]> {
  const rows = await repository.groups(groupBy, filter, limit);
  if (groupBy === 'field') {
    const owners = new Map((await repository.fieldOwners(rows.flatMap((row) => (row.key === null ? [] : [row.key])))).map((owner) => [owner.coordinate, owner]));
    for (const row of rows) {
      const owner = row.key === null ? undefined : owners.get(row.key);
      row.agency = owner ? owner.agencies.join(', ') : null;
      row.personalData = owner?.personalData ?? false;
      row.classification = owner?.classification ?? null;
    }
  }
  return rows;
}

export async function computeLogStats(deps: EvaluationDeps, query: StatsQuery): Promise<Result<LogStats>> {
  const repository = new AccessLogRepository(deps.database.db, { queryTimeoutMs: deps.evaluation.queryTimeoutMs });
  const filter = await toLogFilter(repository, query, deps.evaluation);
  if (!filter.ok) return filter;
  const totals = await repository.totals(filter.value);
  const rows = await groupRows(repository, filter.value, query.groupBy, query.limit);
  return ok({ groupBy: query.groupBy, from: filter.value.range.from.toISOString(), to: filter.value.range.to.toISOString(), totals, rows });
}
