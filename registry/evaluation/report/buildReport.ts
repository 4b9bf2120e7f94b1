/**
 * The monitoring-and-evaluation report for the head of region (Bupati/Wali Kota), as required by
 * Perbup Pacitan 138/2023 Pasal 8 and Perwali Baubau 32/2024 Pasal 9(3): the figures of
 * `GET /v1/log/stats` and `GET /v1/log/signals` for one period, gathered once and rendered as HTML
 * (report/html.ts) or PDF (report/pdf.ts).
 */
import { ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { GroupRow, Totals } from '../../repositories/AccessLogRepository.ts';
import type { EvaluationDeps } from '../deps.ts';
import { detectMisuseSignals } from '../misuseSignals.ts';
import type { MisuseSignal } from '../misuseSignals.ts';
import { groupRows } from '../stats.ts';
import { AccessLogRepository } from '../../repositories/AccessLogRepository.ts';
import { toLogFilter } from '../filters.ts';
import type { SignalThresholds } from '../options.ts';
import type { StatsGroup } from '../schemas.ts';

export interface EvaluationReport {
  from: Date;
  to: Date;
  generatedAt: Date;
  totals: Totals;
  days: GroupRow[];
  agencies: GroupRow[];
  clients: GroupRow[];
  fields: GroupRow[];
  operations: GroupRow[];
  subgraphs: GroupRow[];
  signals: MisuseSignal[];
  thresholds: SignalThresholds;
}

/** How many rows each table of the report shows (days are never cut). */
export const REPORT_TOP = 15;

export async function buildEvaluationReport(deps: EvaluationDeps, query: { from: string; to: string }): Promise<Result<EvaluationReport>> {
  const repository = new AccessLogRepository(deps.database.db, { queryTimeoutMs: deps.evaluation.queryTimeoutMs });
  const filter = await toLogFilter(repository, { from: query.from, to: query.to }, deps.evaluation);
  if (!filter.ok) return filter;
  // One query at a time: on PGlite they serialize anyway, and on PostgreSQL one report does not take
  // several pool connections for its scans.
  const totals = await repository.totals(filter.value);
  const group = (groupBy: StatsGroup) => groupRows(repository, filter.value, groupBy, REPORT_TOP);
  const days = await group('day');
  const agencies = await group('agency');
  const clients = await group('client');
  const fields = await group('field');
  const operations = await group('operation');
  const subgraphs = await group('subgraph');
  const signals = await detectMisuseSignals(deps, { from: query.from, to: query.to });
  if (!signals.ok) return signals;
  return ok({
    from: filter.value.range.from,
    to: filter.value.range.to,
    generatedAt: deps.now(),
    totals,
    days,
    agencies,
    clients,
    fields,
    operations,
    subgraphs,
    signals: signals.value.signals,
    thresholds: signals.value.thresholds,
  });
}
